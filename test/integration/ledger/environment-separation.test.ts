import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../main/core/ledger';
import { ENVIRONMENTS } from '../../../main/core/environment';
import { makeTempDir } from '../../helpers/temp-dir';
import { glJournal } from './ledger-test-docs';

describe('environment separation', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it("practice, sandbox and production each get their own file and never see each other's rows", () => {
    const [practice, sandbox, production] = ENVIRONMENTS.map((env) => openLedger(tmp.path, env));
    try {
      for (const env of ENVIRONMENTS) expect(existsSync(join(tmp.path, env, 'ledger.sqlite'))).toBe(true);
      sandbox!.documents.record(glJournal());
      sandbox!.outbox.enqueue({ idempotencyKey: 'je:1', kind: 'journalEntry', payload: {} });
      sandbox!.mappings.set({ porAccount: '2200', qboAccountId: '33', source: 'manual' });
      sandbox!.settings.set('exportMode', 'realtime');
      sandbox!.reference.replace('Account', [{ Id: '33', Name: 'Sales Tax Payable' }], { realmId: 'sandbox-realm' });
      sandbox!.quarantine.add({ file: 'x.jsonl', line: 2, field: 'amount', message: 'bad' });

      for (const other of [practice!, production!]) {
        expect(other.documents.get('glJournal:PR260314-1-1')).toBeNull();
        expect(other.outbox.getByKey('je:1')).toBeNull();
        expect(other.mappings.list()).toEqual([]);
        expect(other.settings.get('exportMode')).toBeUndefined();
        expect(other.reference.snapshot('Account')).toBeNull();
        expect(other.quarantine.list().total).toBe(0);
        expect(other.history.query().total).toBe(0);
      }
      // The same idempotency key in production is a different job with a different request id.
      const prodJob = production!.outbox.enqueue({ idempotencyKey: 'je:1', kind: 'journalEntry', payload: {} }).job;
      expect(prodJob.environment).toBe('production');
      expect(prodJob.requestId).not.toBe(sandbox!.outbox.getByKey('je:1')!.requestId);
    } finally {
      for (const l of [practice, sandbox, production]) l?.close();
    }
  });
});
