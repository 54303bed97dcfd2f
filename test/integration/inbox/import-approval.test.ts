/**
 * "Approve before posting" for production: what an imported file brings waits for a person. The engine
 * holds the exports covering its documents (never sends them), the ledger refuses to release them, and
 * approving the file sends them back to the queue. Practice and sandbox never ask.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveImports, importFiles, importsAwaitingApproval, setApproveBeforePosting } from '../../../main/core/inbox';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { APPROVAL_HOLD_REASON } from '../../../main/core/ledger/file-registry';
import { SyncEngine } from '../../../main/core/sync/engine/sync-engine';
import { makeTempDir } from '../../helpers/temp-dir';
import { feedFile, feedInvoice } from './inbox-test-files';

describe('approve before posting (production)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir('porqbo-approval-');
    ledger = openLedger(join(tmp.path, 'data'), 'production', { actor: 'test' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('imported documents wait; their exports are held by the engine and cannot be released until the file is approved', async () => {
    setApproveBeforePosting(ledger, true);
    const path = join(tmp.path, 'POR-feed-20260314.jsonl');
    writeFileSync(path, feedFile(feedInvoice('INV-1'), feedInvoice('INV-2')));
    const report = await importFiles(ledger, [path]);
    const keys = report.items.filter((i) => i.outcome === 'accepted').map((i) => i.key!);
    expect(keys).toHaveLength(2);
    expect(importsAwaitingApproval(ledger)).toMatchObject([{ fileName: 'POR-feed-20260314.jsonl', documents: 2 }]);

    const a = ledger.outbox.enqueue({ idempotencyKey: 'inv-1', kind: 'Invoice', payload: {}, documentKeys: [keys[0]!] }).job;
    const b = ledger.outbox.enqueue({ idempotencyKey: 'inv-2-paid', kind: 'Payment', payload: {}, documentKeys: [`${keys[1]!}#paid`] }).job;
    ledger.settings.set('cutoverLiveSince', '2026-03-01T00:00:00.000Z');
    // A drain (no QuickBooks needed: nothing is left to send once the waiting exports are held).
    const engine = new SyncEngine({
      ledger,
      environment: 'production',
      client: { limiter: { limits: { maxInFlight: 1 } } } as never,
      references: { flush: () => {} } as never,
    });
    const drained = await engine.drain();
    expect(drained.posted).toBe(0);
    expect(ledger.outbox.get(a.id)).toMatchObject({ status: 'held', holdReason: APPROVAL_HOLD_REASON });
    expect(ledger.outbox.get(b.id)).toMatchObject({ status: 'held', holdReason: APPROVAL_HOLD_REASON });
    expect(() => ledger.outbox.release(a.id)).toThrow(/not approved yet; approve the file first/);

    expect(approveImports(ledger, { fileName: 'POR-feed-20260314.jsonl', by: 'manager' })).toEqual({ documents: 2, released: 2 });
    expect(ledger.outbox.get(a.id)!.status).toBe('queued');
    expect(ledger.outbox.get(b.id)!.status).toBe('queued');
    expect(importsAwaitingApproval(ledger)).toEqual([]);
  });

  it('off (the default), or outside production, nothing waits', async () => {
    writeFileSync(join(tmp.path, 'feed-a.jsonl'), feedFile(feedInvoice('INV-1')));
    await importFiles(ledger, [join(tmp.path, 'feed-a.jsonl')]);
    expect(importsAwaitingApproval(ledger)).toEqual([]);
    const sandbox = openLedger(join(tmp.path, 'data'), 'sandbox', { actor: 'test' });
    try {
      setApproveBeforePosting(sandbox, true);
      await importFiles(sandbox, [join(tmp.path, 'feed-a.jsonl')]);
      expect(importsAwaitingApproval(sandbox)).toEqual([]);
    } finally {
      sandbox.close();
    }
  });
});
