/**
 * Look before you resend: creates whose answers are lost (the write ran, the connection dropped), throttled
 * or answered 5xx are found in QBO and linked; nothing is sent twice under the same requestid, nothing is
 * duplicated, and QBO equals POR to the cent. Runs under every simulator profile (vitest.config.ts), so
 * under requestid replay that is honoured, ignored, answered 6000 per batch item, 600, or caching faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import { openLedger } from '../../../main/core/ledger';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { planStep } from '../../../main/core/sync/engine/plan-step';
import { SyncEngine, type DrainResult } from '../../../main/core/sync/engine/sync-engine';
import { reconcile } from '../../../main/core/sync/reconcile/reconcile';
import { duplicateDocNumbers, syncFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const FROM = '2026-03-02';
const TO = '2026-03-03';

function engineFor(f: SyncFixture, batchSize = 30): SyncEngine {
  return new SyncEngine({
    ledger: f.ledger,
    environment: 'sandbox',
    client: f.connection.client,
    references: f.connection.references,
    retryDelayMs: () => 20,
    shortWaitMs: 2_000,
    batchSize,
  });
}

/** Drains until nothing is queued (bounded), summing what each drain did. */
async function drainAll(engine: SyncEngine, f: SyncFixture): Promise<DrainResult[]> {
  const results: DrainResult[] = [];
  for (let i = 0; i < 40 && (i === 0 || f.ledger.outbox.counts().queued > 0); i++) {
    results.push(await engine.drain());
    if (f.ledger.outbox.counts().queued > 0) await new Promise((r) => setTimeout(r, 25));
  }
  return results;
}

/** Creates (single or batch items) by requestid(+bId): a requestid is never reused for a second create. */
function createRequestIds(f: SyncFixture): string[] {
  return f.sent
    .filter((e) => e.method === 'POST' && !e.params.operation && e.attempt === 1)
    .map((e) => e.params.requestid ?? '')
    .filter(Boolean);
}

async function expectExactlyOnce(f: SyncFixture, mode: ExportMode): Promise<void> {
  const counts = f.ledger.outbox.counts();
  expect(counts, JSON.stringify(f.ledger.outbox.list({ status: 'failed' }).rows.map((j) => j.lastError))).toMatchObject({ queued: 0, inFlight: 0, failed: 0 });
  for (const entity of ['JournalEntry', 'Invoice', 'CreditMemo']) expect(duplicateDocNumbers(f.sim, entity)).toEqual([]);
  const posted = f.ledger.outbox.list({ status: 'posted' }, { limit: 1000 }).rows;
  for (const kind of ['JournalEntry', 'Invoice', 'CreditMemo', 'Customer', 'Class']) {
    const ids = posted.filter((j) => j.kind === kind && j.qboId).map((j) => j.qboId);
    expect(new Set(ids).size, kind).toBe(ids.length);
    if (kind !== 'Customer' && kind !== 'Class') expect(f.sim.list(kind).length, kind).toBe(ids.length);
  }
  const names = f.sim.list('Customer').map((c) => String(c.DisplayName).toLowerCase());
  expect(new Set(names).size).toBe(names.length);
  const requestIds = createRequestIds(f);
  expect(new Set(requestIds).size, 'a requestid went out twice').toBe(requestIds.length);
  f.sim.knobs.dropConnectionRate = 0;
  f.sim.knobs.serverErrorRate = 0;
  const report = await reconcile({
    ledger: f.ledger,
    environment: 'sandbox',
    client: f.connection.client,
    references: f.connection.references,
    from: FROM,
    to: TO,
  });
  expect(
    report.rows.filter((r) => !r.match),
    mode,
  ).toEqual([]);
}

describe.each<ExportMode>(['batch', 'realtime', 'transaction'])('%s mode: answers lost after the write ran', (mode) => {
  it('every lost create is found in QuickBooks and linked; nothing is sent twice', async () => {
    fx = await syncFixture({ sim: { seed: 31, knobs: { dropConnectionRate: 0.5, serverErrorRate: 0.1 } } });
    await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 2, stores: 2, mode, seed: 13 });
    // Batch mode makes few requests (one entry per store-day): lose more of them.
    if (mode === 'batch') fx.sim.knobs.dropConnectionRate = 0.8;
    planStep(fx.ledger, { environment: 'sandbox' });
    const results = await drainAll(engineFor(fx, 8), fx);
    expect(fx.connection.client.stats().networkErrors).toBeGreaterThan(0);
    expect(results.reduce((s, r) => s + r.linked, 0)).toBeGreaterThan(0);
    await expectExactlyOnce(fx, mode);
  });
});

describe('look before resend', () => {
  it('a company without custom transaction numbers: found by date range and the marker in the private note', async () => {
    fx = await syncFixture({ sim: { seed: 32, knobs: { dropConnectionRate: 0.5, customTxnNumbers: false } } });
    await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 2, stores: 2, mode: 'transaction', seed: 14 });
    planStep(fx.ledger, { environment: 'sandbox' });
    await drainAll(engineFor(fx, 6), fx);
    const lookups = fx.sent.filter((e) => e.path === 'query' && /TxnDate >=/.test(e.params.query ?? '') && !/DocNumber/.test(e.params.query ?? ''));
    expect(lookups.length).toBeGreaterThan(0);
    expect(fx.sent.some((e) => /DocNumber in/.test(e.params.query ?? ''))).toBe(false);
    // QBO numbered them itself: our numbers are not there, yet every one is there once.
    expect(fx.sim.list('Invoice').every((i) => /^\d+$/.test(String(i.DocNumber)))).toBe(true);
    await expectExactlyOnce(fx, 'transaction');
  });

  it('one query covers a whole uncertain batch', async () => {
    fx = await syncFixture({ sim: { seed: 33 } });
    await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 2, stores: 2, mode: 'realtime', seed: 15 });
    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = engineFor(fx, 30);
    fx.sim.knobs.dropConnectionRate = 1;
    await engine.drain();
    fx.sim.knobs.dropConnectionRate = 0;
    await drainAll(engine, fx);
    const lost = fx.connection.client.stats().networkErrors;
    const lookups = fx.sent.filter(
      (e) => e.path === 'query' && /DocNumber in|TxnDate >=/.test(e.params.query ?? '') && !/Active in/.test(e.params.query ?? ''),
    );
    expect(lost).toBeGreaterThan(0);
    expect(lookups.length).toBeGreaterThan(0);
    // At most one query per lost request and entity: a whole batch is looked up at once, not document by document.
    expect(lookups.length).toBeLessThanOrEqual(lost * 3);
    expect(Math.max(...lookups.map((e) => (e.params.query ?? '').split("', '").length))).toBeGreaterThan(1);
    await expectExactlyOnce(fx, 'realtime');
  });

  it('a 429 on a create (it may have run) is looked up before any resend, with or without Retry-After', async () => {
    fx = await syncFixture({ sim: { seed: 34, knobs: { retryAfterOn429: false } } });
    await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 2, stores: 2, mode: 'batch', seed: 16 });
    planStep(fx.ledger, { environment: 'sandbox' });
    fx.sim.failNext(3, 429);
    await drainAll(engineFor(fx), fx);
    expect(fx.connection.client.stats().throttled).toBeGreaterThan(0);
    await expectExactlyOnce(fx, 'batch');
  });

  it("a re-created ledger derives other requestids: QBO never replays the old ledger's answers to it", async () => {
    fx = await syncFixture();
    const other = openLedger(`${fx.dir}/second`, 'sandbox', { actor: 'test' });
    try {
      const input = { idempotencyKey: 'je:1:2026-03-02', kind: 'JournalEntry', payload: {} };
      const a = fx.ledger.outbox.enqueue(input).job;
      const b = other.outbox.enqueue(input).job;
      expect(fx.ledger.id).not.toBe(other.id);
      expect(a.requestId).not.toBe(b.requestId);
    } finally {
      other.close();
    }
  });
});
