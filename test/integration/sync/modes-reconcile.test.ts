/**
 * Proof: practice data through each of the three modes into the simulator, then QBO's totals (read back
 * from QBO) equal POR's per store, day and account, to the cent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { planStep } from '../../../main/core/sync/engine/plan-step';
import { SyncEngine } from '../../../main/core/sync/engine/sync-engine';
import { reconcile } from '../../../main/core/sync/reconcile/reconcile';
import { planPorSideFresh } from '../../../main/core/sync/reconcile/por-side';
import { reconcileCsv } from '../../../main/core/sync/reconcile/reconcile-csv';
import { duplicateDocNumbers, syncFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const FROM = '2026-03-02';
const TO = '2026-03-05';

describe.each<ExportMode>(['batch', 'realtime', 'transaction'])('%s mode end to end', (mode) => {
  it('posts every document once and QBO matches POR to the cent', async () => {
    fx = await syncFixture();
    const setup = await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 4, stores: 3, mode, seed: 11 });
    expect(setup.recorded.accepted).toBe(setup.data.documents.length);
    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    const result = await engine.drain();
    expect(result.failed, JSON.stringify(result.lastFailure)).toBe(0);
    expect(fx.ledger.outbox.counts().queued).toBe(0);

    for (const entity of ['JournalEntry', 'Invoice', 'CreditMemo']) expect(duplicateDocNumbers(fx.sim, entity)).toEqual([]);
    if (mode === 'transaction') expect(fx.sim.list('Invoice').length).toBeGreaterThan(0);
    else expect(fx.sim.list('Invoice').length).toBe(0);

    const options = {
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: FROM,
      to: TO,
    } as const;
    const now = () => new Date('2026-04-01T00:00:00Z');
    const report = await reconcile({ ...options, now });
    // POR's side from the day totals the ledger keeps (then kept: warm) is the report planning every day gives.
    const fresh = JSON.stringify(await reconcile({ ...options, now, porSide: planPorSideFresh }));
    expect(JSON.stringify(report)).toBe(fresh);
    expect(JSON.stringify(await reconcile({ ...options, now }))).toBe(fresh);
    const differences = report.rows.filter((r) => !r.match);
    expect(differences, JSON.stringify(differences.slice(0, 5))).toEqual([]);
    expect(report.match).toBe(true);
    expect(report.rows.length).toBeGreaterThan(20);
    expect(report.totals.porDebitCents).toBeGreaterThan(0);
    expect(report.totals.qboDebitCents).toBe(report.totals.porDebitCents);
    // Every store-day of the range is there, with QBO's figures.
    expect(new Set(report.days.map((d) => `${d.store}|${d.date}`)).size).toBe(12);

    const csv = reconcileCsv(report);
    expect(csv.split('\r\n')[0]).toBe('store,date,account,por_accounts,por_amount,qbo_amount,difference,status,note');
    expect(
      csv
        .split('\r\n')
        .slice(1)
        .filter((l) => l.includes(',difference,')),
    ).toEqual([]);
  });
});

describe('reconciliation sees what QBO holds, not the ledger', () => {
  it('a transaction deleted in QBO shows as a difference of exactly its amount', async () => {
    fx = await syncFixture();
    await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 1, stores: 1, mode: 'batch', seed: 3 });
    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    await engine.drain();
    const [je] = fx.sim.list('JournalEntry');
    expect(je).toBeDefined();
    await fx.connection.client.delete('JournalEntry', { Id: String(je!.Id), SyncToken: String(je!.SyncToken) });
    const report = await reconcile({
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: FROM,
      to: FROM,
    });
    expect(report.match).toBe(false);
    const debits = report.rows.filter((r) => r.porCents > 0).reduce((s, r) => s + r.porCents, 0);
    expect(report.rows.every((r) => r.qboCents === 0)).toBe(true);
    expect(debits).toBe(Math.round(Number(je!.TotalAmt) * 100));
  });
});
