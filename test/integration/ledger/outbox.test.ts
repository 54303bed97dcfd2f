import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError, openLedger, type Ledger } from '../../../main/core/ledger';
import { deriveRequestId } from '../../../main/core/ledger/request-id';
import { makeTempDir } from '../../helpers/temp-dir';

describe('ledger outbox', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let clock: Date;
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  beforeEach(() => {
    tmp = makeTempDir();
    clock = new Date('2026-03-15T08:00:00.000Z');
    ledger = openLedger(tmp.path, 'sandbox', { now: () => clock, owner: 'test-host:1' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  const je = (key = 'je:1:2026-03-14') => ({
    idempotencyKey: key,
    kind: 'journalEntry',
    payload: { TxnDate: '2026-03-14', Line: [] },
    documentKeys: ['glJournal:PR260314-1-1'],
    amountCents: 108_000,
    store: 1,
    businessDate: '2026-03-14',
  });

  it('enqueue is idempotent by key and gives a stable 36-char request id derived from the row', () => {
    const a = ledger.outbox.enqueue(je());
    const b = ledger.outbox.enqueue({ ...je(), payload: { other: true } });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    expect(b.job.payload).toEqual({ TxnDate: '2026-03-14', Line: [] });
    expect(a.job.requestId).toHaveLength(36);
    expect(a.job.requestId).toBe(deriveRequestId('sandbox', 'je:1:2026-03-14', 1, ledger.id));
    expect(a.job.requestId).not.toBe(deriveRequestId('production', 'je:1:2026-03-14', 1, ledger.id));
    // The ledger's random id is part of it: a re-created ledger never gets this one's answers replayed.
    expect(ledger.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.job.requestId).not.toBe(deriveRequestId('sandbox', 'je:1:2026-03-14', 1));
    expect(a.job).toMatchObject({ status: 'queued', attempts: 0, environment: 'sandbox', documentKeys: ['glJournal:PR260314-1-1'] });
    expect(ledger.outbox.jobsForDocument('glJournal:PR260314-1-1').map((j) => j.id)).toEqual([a.job.id]);
  });

  it('claim -> fail with retry -> claim again later -> complete keeps Id, SyncToken, DocNumber', () => {
    const { job } = ledger.outbox.enqueue(je());
    const [claimed] = ledger.outbox.claim({ leaseMs: 60_000 });
    expect(claimed).toMatchObject({ id: job.id, status: 'inFlight', attempts: 1, leaseOwner: 'test-host:1', leaseUntil: '2026-03-15T08:01:00.000Z' });
    expect(ledger.outbox.claim()).toEqual([]); // nothing else runnable

    ledger.outbox.fail(job.id, { message: 'Throttled', qboCode: '003001', intuitTid: 'tid-1', fix: null }, new Date('2026-03-15T08:05:00.000Z'));
    expect(ledger.outbox.get(job.id)).toMatchObject({
      status: 'queued',
      lastError: { message: 'Throttled', qboCode: '003001', intuitTid: 'tid-1', fix: null },
      nextAttemptAt: '2026-03-15T08:05:00.000Z',
    });
    expect(ledger.outbox.claim()).toEqual([]); // not due yet
    expect(ledger.outbox.nextDueAt()).toBe('2026-03-15T08:05:00.000Z');
    advance(5 * 60_000);
    const [again] = ledger.outbox.claim();
    expect(again?.attempts).toBe(2);
    expect(again?.requestId).toBe(job.requestId);

    const posted = ledger.outbox.complete(job.id, { qboId: '146', syncToken: '0', docNumber: 'PR260314' });
    expect(posted).toMatchObject({ status: 'posted', qboId: '146', qboSyncToken: '0', qboDocNumber: 'PR260314', lastError: null, leaseOwner: null });
    expect(() => ledger.outbox.fail(job.id, { message: 'late' })).toThrow(LedgerError);

    const undone = ledger.outbox.markUndone(job.id, { how: 'void', syncToken: '1' });
    expect(undone).toMatchObject({ status: 'undone', qboSyncToken: '1' });

    const actions = ledger.history.query({ subjectKind: 'job', subjectKey: `job:${job.id}` }).rows.map((h) => `${h.action}:${h.from}->${h.to}`);
    expect(actions.reverse()).toEqual([
      'enqueued:null->queued',
      'claimed:queued->inFlight',
      'retryScheduled:inFlight->queued',
      'claimed:queued->inFlight',
      'posted:inFlight->posted',
      'undone:posted->undone',
    ]);
  });

  it('a final failure waits for a person; a revised payload after a QBO refusal gets a new request id', () => {
    const { job } = ledger.outbox.enqueue(je());
    ledger.outbox.claim();
    const failed = ledger.outbox.fail(job.id, { message: 'Invalid account', qboCode: '2500', intuitTid: 'tid-9', fix: 'Map POR account 4000-01' });
    expect(failed.status).toBe('failed');
    expect(ledger.outbox.claim()).toEqual([]);
    const revised = ledger.outbox.revisePayload(job.id, { TxnDate: '2026-03-14', Line: ['fixed'] });
    expect(revised.generation).toBe(2);
    expect(revised.requestId).not.toBe(job.requestId);
    expect(revised.requestId).toBe(deriveRequestId('sandbox', job.idempotencyKey, 2, ledger.id));
    expect(revised.status).toBe('failed');
    ledger.outbox.retry(job.id);
    expect(ledger.outbox.claim()[0]?.payload).toEqual({ TxnDate: '2026-03-14', Line: ['fixed'] });
  });

  it('a send stays "may exist" until a definite answer; a refusal or "not in QuickBooks" moves the requestid on', () => {
    const { job } = ledger.outbox.enqueue(je());
    const [claimed] = ledger.outbox.claim();
    expect(claimed!.unconfirmedSend).toBe(false);
    ledger.outbox.markSent([job.id]);
    expect(ledger.outbox.get(job.id)).toMatchObject({ unconfirmedSend: true, requestId: job.requestId });
    // No answer: it stays marked, same requestid, for the lookup before any resend.
    ledger.outbox.fail(job.id, { message: 'timeout' }, new Date(clock.getTime()), 'unknown');
    expect(ledger.outbox.get(job.id)).toMatchObject({ status: 'queued', unconfirmedSend: true, requestId: job.requestId });
    ledger.outbox.claim();
    // Searched QBO, not there: queued again at once under a new requestid.
    const absent = ledger.outbox.confirmAbsent(job.id, 'searched QuickBooks');
    expect(absent).toMatchObject({ status: 'queued', unconfirmedSend: false, requestSeq: 2 });
    expect(absent.requestId).toBe(deriveRequestId('sandbox', job.idempotencyKey, 1, ledger.id, 2));
    expect(ledger.history.query({ subjectKey: `job:${job.id}` }).rows.some((h) => h.action === 'notInQuickBooks')).toBe(true);
    // A definite refusal: nothing was created, and QBO may replay the refusal for the old id.
    ledger.outbox.claim();
    ledger.outbox.markSent([job.id]);
    const refused = ledger.outbox.fail(job.id, { message: 'closed books', qboCode: '6210' }, null, 'refused');
    expect(refused).toMatchObject({ status: 'failed', unconfirmedSend: false, requestSeq: 3 });
    expect(refused.requestId).not.toBe(absent.requestId);
    // Posting clears the mark.
    ledger.outbox.retry(job.id);
    ledger.outbox.claim();
    ledger.outbox.markSent([job.id]);
    expect(ledger.outbox.complete(job.id, { qboId: '7' })).toMatchObject({ status: 'posted', unconfirmedSend: false });
  });

  it('a job left in flight by a crash after it was marked sent comes back still marked', () => {
    const { job } = ledger.outbox.enqueue(je());
    ledger.outbox.claim({ leaseMs: 1_000 });
    ledger.outbox.markSent([job.id]);
    advance(5_000);
    ledger.close();
    ledger = openLedger(tmp.path, 'sandbox', { now: () => clock, owner: 'test-host:2' });
    expect(ledger.outbox.get(job.id)).toMatchObject({ status: 'queued', unconfirmedSend: true, requestId: job.requestId });
  });

  it('hold, release, releaseAll and cancel follow the allowed transitions only', () => {
    const a = ledger.outbox.enqueue({ ...je('a'), holdReason: 'cutover: production not configured' }).job;
    const b = ledger.outbox.enqueue(je('b')).job;
    const c = ledger.outbox.enqueue(je('c')).job;
    expect(a.status).toBe('held');
    ledger.outbox.hold(b.id, 'checking');
    expect(ledger.outbox.claim({ limit: 10 }).map((j) => j.idempotencyKey)).toEqual(['c']);
    expect(() => ledger.outbox.cancel(c.id)).toThrow(/is inFlight; it cannot become cancelled/);
    expect(ledger.outbox.releaseAll()).toBe(2);
    expect(ledger.outbox.claim({ limit: 10 }).map((j) => j.idempotencyKey)).toEqual(['a', 'b']);
    const d = ledger.outbox.enqueue(je('d')).job;
    expect(ledger.outbox.cancel(d.id, 'not needed').status).toBe('cancelled');
    expect(() => ledger.outbox.release(d.id)).toThrow(LedgerError);
    expect(ledger.outbox.counts()).toMatchObject({ inFlight: 3, cancelled: 1, queued: 0 });
    expect(ledger.outbox.list({ status: 'inFlight' }).total).toBe(3);
  });

  it('two connections claiming the same queue never get the same job', () => {
    const other = openLedger(tmp.path, 'sandbox', { owner: 'test-host:2' });
    try {
      for (let i = 0; i < 40; i++) ledger.outbox.enqueue(je(`k${i}`));
      const got: number[] = [];
      for (let round = 0; round < 30; round++) {
        got.push(...ledger.outbox.claim({ limit: 2 }).map((j) => j.id));
        got.push(...other.outbox.claim({ limit: 3 }).map((j) => j.id));
      }
      expect(got).toHaveLength(40);
      expect(new Set(got).size).toBe(40);
    } finally {
      other.close();
    }
  });

  it('recoverInFlight requeues jobs of a dead owner or an expired lease, with the same request id', () => {
    const { job } = ledger.outbox.enqueue(je());
    ledger.outbox.claim({ leaseMs: 60_000 });
    // Our own live process: left alone.
    expect(ledger.outbox.recoverInFlight()).toEqual([]);
    advance(61_000);
    const [back] = ledger.outbox.recoverInFlight();
    expect(back).toMatchObject({ id: job.id, status: 'queued', requestId: job.requestId, attempts: 1, leaseOwner: null });
  });
});
