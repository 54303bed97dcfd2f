/**
 * Fault injection: a 429 storm (the simulator throttles far below QBO's limits), 5xx answers, connections
 * dropped after the write was committed, and every access token expiring mid-run. The run must end
 * exactly as a clean one: everything posted once, nothing missing, QBO equal to POR to the cent.
 */
import { reconcileRange } from '../../../main/core/use-cases/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { practiceRuntime, type RuntimeFixture } from '../session/runtime-fixture';
import { duplicateDocNumbers } from './sync-fixture';

let fx: RuntimeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('fault injection', () => {
  it('429 storms, 5xx, dropped connections and expired tokens end with the same result as a clean run', async () => {
    let skewMs = 0;
    fx = await practiceRuntime({
      sim: {
        seed: 99,
        now: () => Date.now() + skewMs,
        limits: { perMinute: 15, batchPerMinute: 4, concurrent: 10, windowMs: 1_000 },
        knobs: { latencyMs: 2, serverErrorRate: 0.12, dropConnectionRate: 0.35 },
      },
      runtime: { engine: { retryDelayMs: () => 30, shortWaitMs: 3_000, batchSize: 4 } },
    });
    const { runtime, sim } = fx;
    await setupPracticeData(runtime.ledger, runtime.connection!, { startDate: '2026-03-02', days: 3, stores: 2, mode: 'transaction', seed: 21 });

    // Mid-run, QBO's clock moves two hours on: every access token the app holds is now expired.
    let expired = false;
    const client = runtime.connection!.client;
    const timer = setInterval(() => {
      if (!expired && client.stats().requests > 25) {
        expired = true;
        skewMs = 2 * 3_600_000;
      }
    }, 5);
    try {
      for (let i = 0; i < 30 && (i === 0 || runtime.ledger.outbox.counts().queued > 0); i++) await runtime.syncNow();
    } finally {
      clearInterval(timer);
    }

    const counts = runtime.ledger.outbox.counts();
    expect(counts, JSON.stringify(runtime.ledger.outbox.list({ status: 'failed' }).rows.map((j) => j.lastError))).toMatchObject({
      queued: 0,
      inFlight: 0,
      failed: 0,
    });
    expect(runtime.status().state).toBe('idle');

    // The faults really happened.
    const stats = client.stats();
    expect(sim.stats().throttled).toBeGreaterThan(0);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.serverErrors).toBeGreaterThan(0);
    expect(stats.networkErrors).toBeGreaterThan(0);
    expect(expired).toBe(true);
    expect(stats.unauthorized).toBeGreaterThan(0);
    expect(runtime.connection!.tokens.refreshes).toBeGreaterThan(0);

    // Same result as a clean run.
    for (const entity of ['JournalEntry', 'Invoice', 'CreditMemo']) expect(duplicateDocNumbers(sim, entity)).toEqual([]);
    const names = sim.list('Customer').map((c) => String(c.DisplayName).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const posted = runtime.ledger.outbox.list({ status: 'posted' }, { limit: 1000 }).rows;
    for (const kind of ['JournalEntry', 'Invoice', 'CreditMemo']) {
      const ids = posted.filter((j) => j.kind === kind && j.qboId).map((j) => j.qboId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(sim.list(kind).length).toBe(ids.length);
    }
    // QBO's clock stays two hours on (turning it back would leave the throttle windows in the future).
    sim.limits.perMinute = 500;
    sim.knobs.serverErrorRate = 0;
    sim.knobs.dropConnectionRate = 0;
    const report = await reconcileRange(runtime, { from: '2026-03-02', to: '2026-03-04' });
    expect(report.rows.filter((r) => !r.match)).toEqual([]);
  });
});
