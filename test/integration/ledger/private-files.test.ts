import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../main/core/data-dir';
import { ledgerPath, openLedger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';

const mode = (path: string) => statSync(path).mode & 0o777;
let tmp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => {
  tmp?.remove();
  tmp = null;
});

describe.skipIf(process.platform === 'win32')('data at rest is readable by its user only', () => {
  it('data folder and environment folder 0700; ledger, WAL and shared-memory files 0600', () => {
    tmp = makeTempDir();
    const dataDir = resolveDataDir(undefined, { PORQBO_DATA_DIR: join(tmp.path, 'data') });
    const ledger = openLedger(dataDir, 'sandbox');
    ledger.outbox.enqueue({ idempotencyKey: 'k', kind: 'JournalEntry', payload: {} });
    const file = ledgerPath(dataDir, 'sandbox');
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'sandbox'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    ledger.close();
  });
});
