/**
 * Real companies differ (QBO.md, "Company preferences"): the three modes against simulator companies with
 * class tracking off or per transaction, custom numbers off, multicurrency on, automated sales tax on, and
 * combinations. Each ends either posted and reconciled to the cent, or held with the checklist row that
 * explains why (and posted once the setting changes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY_HOLD_PREFIX, companyPreflightRows } from '../../../main/core/cutover/company-preflight';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import type { FaultKnobs } from '../../../main/core/practice/fault-knobs';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { planStep } from '../../../main/core/sync/engine/plan-step';
import { SyncEngine } from '../../../main/core/sync/engine/sync-engine';
import { reconcile } from '../../../main/core/sync/reconcile/reconcile';
import { duplicateDocNumbers, syncFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const FROM = '2026-03-02';
const TO = '2026-03-03';
const MODES: ExportMode[] = ['batch', 'realtime', 'transaction'];
const TRANSACTIONS = ['JournalEntry', 'Invoice', 'CreditMemo'];

const COMPANIES: Record<string, Partial<FaultKnobs>> = {
  'custom numbers off': { customTxnNumbers: false },
  'multicurrency on (home CAD)': { multiCurrency: true, homeCurrency: 'CAD' },
  'automated sales tax on': { automatedSalesTax: true, astRatePercent: 7.25 },
  'one class per transaction': { classTracking: 'perTxn' },
  'all of them at once': {
    customTxnNumbers: false,
    multiCurrency: true,
    homeCurrency: 'USD',
    automatedSalesTax: true,
    classTracking: 'perTxn',
    duplicateDocNumberCheck: false,
  },
};

async function exportAll(mode: ExportMode, knobs: Partial<FaultKnobs>) {
  fx = await syncFixture({ sim: { knobs } });
  await setupPracticeData(fx.ledger, fx.connection, { startDate: FROM, days: 2, stores: 2, mode, seed: 5 });
  planStep(fx.ledger, { environment: 'sandbox' });
  const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
  return { engine, result: await engine.drain() };
}

async function expectReconciled() {
  const report = await reconcile({
    ledger: fx!.ledger,
    environment: 'sandbox',
    client: fx!.connection.client,
    references: fx!.connection.references,
    from: FROM,
    to: TO,
  });
  const differences = report.rows.filter((r) => !r.match);
  expect(differences, JSON.stringify(differences.slice(0, 4))).toEqual([]);
  expect(report.totals.porDebitCents).toBeGreaterThan(0);
  expect(report.totals.qboDebitCents).toBe(report.totals.porDebitCents);
}

describe.each(MODES)('%s mode', (mode) => {
  it.each(Object.entries(COMPANIES))('a company with %s: posted once and reconciled to the cent', async (_name, knobs) => {
    const { result } = await exportAll(mode, knobs);
    expect(result.failed, JSON.stringify(result.lastFailure)).toBe(0);
    expect(result.held).toBe(0);
    expect(fx!.ledger.outbox.counts().queued).toBe(0);
    const posted = TRANSACTIONS.flatMap((e) => fx!.sim.list(e));
    expect(posted.length).toBeGreaterThan(0);
    if (knobs.customTxnNumbers !== false) for (const e of TRANSACTIONS) expect(duplicateDocNumbers(fx!.sim, e)).toEqual([]);
    // What the app sent fits the company: its home currency, no line classes when classes are per transaction.
    for (const t of posted) expect((t.CurrencyRef as { value: string }).value).toBe(knobs.homeCurrency ?? 'USD');
    if (knobs.classTracking === 'perTxn') {
      for (const inv of fx!.sim.list('Invoice')) {
        expect(inv.ClassRef).toBeDefined();
        expect((inv.Line as { SalesItemLineDetail?: { ClassRef?: unknown } }[]).every((l) => !l.SalesItemLineDetail?.ClassRef)).toBe(true);
      }
    }
    // The preflight says what the app does with each setting, from the one read the engine made.
    const settings = fx!.ledger.settings.get('companySettings')!;
    expect(settings.customTxnNumbers).toBe(knobs.customTxnNumbers ?? true);
    expect(settings.automatedSalesTax).toBe(knobs.automatedSalesTax ?? false);
    expect(companyPreflightRows(settings, { storesWithClass: 2, mode }).every((r) => r.state !== 'todo')).toBe(true);
    await expectReconciled();
  });

  it("class tracking off: everything with a class is held with the checklist row's words, and posted once it is turned on", async () => {
    const { engine, result } = await exportAll(mode, { classTracking: 'off' });
    // Customers and items need no class and are created; nothing that carries a class leaves.
    expect(result.failed).toBe(0);
    expect(result.held).toBeGreaterThan(0);
    expect(TRANSACTIONS.flatMap((e) => fx!.sim.list(e))).toEqual([]);
    const held = fx!.ledger.outbox.list({ status: 'held' }).rows;
    expect(held.length).toBe(result.held);
    const row = companyPreflightRows(fx!.ledger.settings.get('companySettings')!, { storesWithClass: 2, mode }).find((r) => r.id === 'classTracking')!;
    expect(row.state).toBe('todo');
    for (const j of held) {
      expect(j.holdReason!.startsWith(COMPANY_HOLD_PREFIX)).toBe(true);
      expect(j.holdReason!.toLowerCase()).toContain(row.detail.toLowerCase());
    }
    // Still off: the next drain keeps them held (and reads Preferences again to know).
    await engine.drain();
    expect(TRANSACTIONS.flatMap((e) => fx!.sim.list(e))).toEqual([]);
    fx!.sim.knobs.classTracking = 'perLine';
    const after = await engine.drain();
    expect(after.failed, JSON.stringify(after.lastFailure)).toBe(0);
    expect(fx!.ledger.outbox.counts().held).toBe(0);
    expect(fx!.ledger.outbox.counts().queued).toBe(0);
    await expectReconciled();
  });
});

describe('automated sales tax that recomputes what POR stated', () => {
  it('an invoice whose total QuickBooks changes is a failed posting that says what changed; nothing else fails', async () => {
    const { result } = await exportAll('transaction', { automatedSalesTax: true, astRatePercent: 20, astHonoursTotalTax: false });
    expect(result.failed).toBeGreaterThan(0);
    const all = fx!.ledger.outbox.list({ status: 'failed' }).rows;
    // A payment applied to such an invoice waits on it and fails with it; nothing else fails.
    expect(
      all.every((j) => j.kind === 'Invoice' || j.kind === 'CreditMemo' || (j.kind === 'Payment' && /needs its invoice/.test(j.lastError?.message ?? ''))),
    ).toBe(true);
    const failed = all.filter((j) => j.kind !== 'Payment');
    expect(failed.length).toBeGreaterThan(0);
    for (const j of failed) {
      expect(j.lastError?.message).toMatch(/reached QuickBooks \(Id \d+\) with a total of [\d.]+, but POR's total is [\d.]+/);
      expect(j.lastError?.message).toMatch(/automated sales tax/);
      expect(j.lastError?.fix).toMatch(/Delete .* in QuickBooks/);
    }
    // Invoices QuickBooks left as POR sent them (no taxable line) are posted.
    expect(result.posted).toBeGreaterThan(failed.length);
  });
});
