import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';

const CHILD = fileURLToPath(new URL('./writer-child.ts', import.meta.url));

function waitForLine(child: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const t = setTimeout(() => reject(new Error(`child never printed ${line}: ${out} ${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`${line}\n`)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
}

describe('one writer at a time (app and CLI on the same ledger)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it("a second process waits for the first one's write to finish instead of failing or interleaving", async () => {
    openLedger(tmp.path, 'sandbox').close(); // create and migrate before two processes race
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, tmp.path], { stdio: ['pipe', 'pipe', 'pipe'] });
    const committed = waitForLine(child, 'COMMITTED');
    await waitForLine(child, 'LOCKED');

    // Without waiting, the write lock held by the other process is refused...
    const impatient = openLedger(tmp.path, 'sandbox', { busyTimeoutMs: 0, recover: false });
    expect(() => impatient.outbox.enqueue({ idempotencyKey: 'impatient', kind: 'journalEntry', payload: {} })).toThrow(/database is locked/);
    impatient.close();

    // ...with the normal busy timeout the write simply waits for the other process to commit.
    child.stdin.write('go\n');
    await new Promise((r) => setImmediate(r));
    const ledger = openLedger(tmp.path, 'sandbox', { recover: false });
    try {
      const { job, created } = ledger.outbox.enqueue({ idempotencyKey: 'from-parent', kind: 'journalEntry', payload: {} });
      expect(created).toBe(true);
      await committed;
      expect(ledger.outbox.getByKey('from-child')).not.toBeNull();
      expect(
        ledger.outbox
          .list()
          .rows.map((j) => j.idempotencyKey)
          .sort(),
      ).toEqual(['from-child', 'from-parent']);
      expect(job.id).toBe(2); // the child's job committed first
      expect(ledger.outbox.getByKey('impatient')).toBeNull();
    } finally {
      ledger.close();
    }
  });
});
