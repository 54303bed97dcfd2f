import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { porAccountTotals, sumJobTotals } from '../../../main/core/sync/plan/reconciliation-totals';
import { expectedNets, postingJobs } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, invoice, payment, planInput } from './fixtures';

describe('reconciliation totals (POR side)', () => {
  it('gives debits, credits and net per store, day and account, netted like the payloads', () => {
    const docs = [invoice(), invoice({ id: 'I-2', invoiceNumber: '2' }), payment({ amount: 11025, appliedTo: [] }), closed(1)];
    const { rows, notCounted } = porAccountTotals(planInput(docs, { stores: STORES_WITH_AR }));
    expect(notCounted).toEqual([]);
    expect(rows).toEqual([
      { store: 1, date: '2026-03-14', porAccount: '1000', debits: 11025, credits: 0, net: 11025 },
      { store: 1, date: '2026-03-14', porAccount: '1200', debits: 11025, credits: 0, net: 11025 },
      { store: 1, date: '2026-03-14', porAccount: '2200', debits: 0, credits: 2050, net: -2050 },
      { store: 1, date: '2026-03-14', porAccount: '4000-01', debits: 0, credits: 20000, net: -20000 },
    ]);
    // Real time: one entry per invoice, so gross debits differ, but the net per account is the same.
    const rt = porAccountTotals(planInput(docs, { stores: STORES_WITH_AR, mode: 'realtime' })).rows;
    expect(rt.find((r) => r.porAccount === '1200')).toEqual({ store: 1, date: '2026-03-14', porAccount: '1200', debits: 22050, credits: 11025, net: 11025 });
    expect(rt.map((r) => r.net)).toEqual(rows.map((r) => r.net));
  });

  it('leaves out days not closed and says what it did not count', () => {
    const { rows, notCounted } = porAccountTotals(planInput([invoice()]));
    expect(rows).toEqual([]);
    expect(notCounted.map((h) => h.reason)).toEqual(['dayNotClosed']);
  });

  it("nets per account equal POR's books in every mode (transaction: less the counter payments it does not send)", () => {
    fc.assert(
      fc.property(feedDocuments, fc.constantFrom<ExportMode>('batch', 'realtime', 'transaction'), (docs, mode) => {
        const { rows, notCounted } = porAccountTotals(planInput(docs, { mode, closedDays: ALL_CLOSED, stores: STORES_WITH_AR }));
        const held = new Set(notCounted.map((h) => h.documentKey));
        const skip = (d: (typeof docs)[number]) =>
          held.has(`${d.type}:${d.id}`) || (mode === 'transaction' && d.type === 'payment' && d.paymentSource === 'counter');
        const nets = new Map<string, number>();
        for (const r of rows) nets.set(`${r.store}|${r.porAccount}`, (nets.get(`${r.store}|${r.porAccount}`) ?? 0) + r.net);
        expect(new Map([...nets].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(expectedNets(docs, '1200', skip));
        for (const r of rows) expect(r.net).toBe(r.debits - r.credits);
        // The same figures come from summing the planned jobs.
        expect(sumJobTotals(postingJobs(planExports(planInput(docs, { mode, closedDays: ALL_CLOSED, stores: STORES_WITH_AR })).jobs))).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});
