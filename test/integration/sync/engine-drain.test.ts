import { afterEach, describe, expect, it } from 'vitest';
import { planStep } from '../../../main/core/sync/engine/plan-step';
import { SyncEngine } from '../../../main/core/sync/engine/sync-engine';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { duplicateDocNumbers, syncFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('sync engine drain', () => {
  it('batch mode: one entry per store-day, all posted once, re-running sends nothing', async () => {
    fx = await syncFixture();
    await setupPracticeData(fx.ledger, fx.connection, { startDate: '2026-03-02', days: 3, stores: 2, mode: 'batch' });
    const step = planStep(fx.ledger, { environment: 'sandbox' });
    expect(step.enqueued.length).toBeGreaterThan(0);
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    const result = await engine.drain();
    expect(result.failed, JSON.stringify(result.lastFailure)).toBe(0);
    expect(result.stopped).toBeNull();
    const counts = fx.ledger.outbox.counts();
    expect(counts.queued + counts.inFlight + counts.failed).toBe(0);
    const journals = fx.sim.list('JournalEntry');
    expect(journals.length).toBe(6); // 2 stores x 3 days
    expect(duplicateDocNumbers(fx.sim, 'JournalEntry')).toEqual([]);

    const again = planStep(fx.ledger, { environment: 'sandbox' });
    expect(again.enqueued).toEqual([]);
    const second = await engine.drain();
    expect(second.posted).toBe(0);
    expect(fx.sim.list('JournalEntry').length).toBe(6);
  });

  it('transaction mode: customers and classes first, invoices linked to them, no duplicate names', async () => {
    fx = await syncFixture();
    await setupPracticeData(fx.ledger, fx.connection, { startDate: '2026-03-02', days: 2, stores: 2, mode: 'transaction' });
    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    const result = await engine.drain();
    expect(result.failed, JSON.stringify(result.lastFailure)).toBe(0);
    expect(fx.sim.list('Invoice').length).toBeGreaterThan(0);
    const names = fx.sim.list('Customer').map((c) => String(c.DisplayName).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const classes = fx.sim.list('Class').map((c) => String(c.FullyQualifiedName));
    expect(classes).toContain('Store 2:Glendale');
    expect(new Set(classes).size).toBe(classes.length);
  });

  it('refuses to send a row of another environment through this connection', async () => {
    fx = await syncFixture();
    await setupPracticeData(fx.ledger, fx.connection, { startDate: '2026-03-02', days: 1, stores: 1, mode: 'batch' });
    planStep(fx.ledger, { environment: 'sandbox' });
    // An engine wired for production over the sandbox ledger: every row is refused, nothing is sent.
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'production', client: fx.connection.client, references: fx.connection.references });
    const result = await engine.drain();
    expect(result.posted + result.linked).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    expect(fx.ledger.outbox.list({ status: 'failed' }).rows[0]!.lastError?.message).toMatch(/made for sandbox was about to be sent to production; refused/);
    expect(fx.sim.list('JournalEntry').length).toBe(0);
  });
});
