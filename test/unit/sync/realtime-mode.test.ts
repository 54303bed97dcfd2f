import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import type { PorDocument } from '../../../main/core/por/model';
import type { JournalDraft } from '../../../main/core/sync/modes/draft-types';
import type { ExportJob } from '../../../main/core/sync/modes/export-job';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { jobNetsByDay, postingJobs, sentBy, sumNets } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, deposit, eodBatch, invoice, line, payment, planInput } from './fixtures';

const rt = (docs: PorDocument[], extra = {}) => planExports(planInput(docs, { mode: 'realtime', ...extra }));

describe('real-time mode', () => {
  it('sends a summary entry per invoice at once: revenue and tax credited, paid-at-close to its drawer, the rest to A/R with the customer', () => {
    const inv = invoice({
      lines: [line(), line({ kind: 'damageWaiver', account: '4200', amount: 1200, unitPrice: 1200 }), line({ amount: 5000, unitPrice: 5000 })],
      paidAtClose: [{ method: 'creditCard', amount: 8000, account: '1050' }],
    });
    const plan = rt([inv]);
    expect(plan.held).toEqual([]);
    const [job] = postingJobs(plan.jobs);
    expect(job!.path).toBe('realtime');
    const je = job!.payload as JournalDraft;
    expect(je.lines.map((l) => [l.account.porAccount, l.posting, l.amount, l.customer?.number ?? null])).toEqual([
      ['1050', 'Debit', 8000, null],
      ['1200', 'Debit', 15000 + 1200 + 1025 - 8000, 'C100'],
      ['2200', 'Credit', 1025, null],
      ['4000-01', 'Credit', 15000, null],
      ['4200', 'Credit', 1200, null],
    ]);
    expect(je.lines.every((l) => l.className === 'Store 1:Burbank')).toBe(true);
    expect(je.docNumber).toBe('INV-100001');
    expect(je.privateNote).toContain('invoice 100001 (contract C-1)');
    expect(job!.documentKeys).toEqual(['invoice:I-1', 'invoice:I-1#paid']);
  });

  it('leaves no A/R line on a fully paid invoice', () => {
    const [job] = postingJobs(rt([invoice({ paidAtClose: [{ method: 'cash', amount: 11025, account: '1000' }] })]).jobs);
    expect((job!.payload as JournalDraft).lines.map((l) => l.account.porAccount)).toEqual(['1000', '2200', '4000-01']);
  });

  it('sends payments and card deposits in real time and keeps everything else for the EOD batch', () => {
    const docs = [
      invoice(),
      deposit({ id: 'D-cc', depositId: 'D-cc', kind: 'creditCard', lines: [{ method: 'creditCard', amount: 9000, account: '1050' }] }),
      deposit(),
      payment(),
      eodBatch(),
    ];
    const open = rt(docs);
    expect(postingJobs(open.jobs).map((j) => [j.path, j.documentKeys.join(',')])).toEqual([
      ['realtime', 'deposit:D-cc'],
      ['realtime', 'invoice:I-1'],
      ['realtime', 'payment:P-1'],
    ]);
    const pay = postingJobs(open.jobs).find((j) => j.documentKeys.includes('payment:P-1'))!;
    expect((pay.payload as { docNumber: string }).docNumber).toMatch(/^PMT-|^P/);
    expect(pay.preview.some((l) => l.customer !== null && l.credit > 0)).toBe(true);
    expect(open.held.map((h) => [h.documentKey, h.reason])).toEqual([
      ['deposit:D-1', 'dayNotClosed'],
      ['eodBatch:E-1', 'dayNotClosed'],
    ]);
    const afterClose = rt([...docs, closed(1)]);
    const batch = postingJobs(afterClose.jobs).filter((j) => j.path === 'batch');
    expect(batch).toHaveLength(1);
    expect(batch[0]!.documentKeys).toEqual(['deposit:D-1', 'eodBatch:E-1']);
  });

  it('never plans again what the ledger says was sent', () => {
    const docs = [invoice(), invoice({ id: 'I-2', invoiceNumber: '100002' })];
    const first = postingJobs(rt(docs).jobs);
    const sent = sentBy(first.filter((j) => j.documentKeys.includes('invoice:I-1')));
    const again = postingJobs(rt(docs, { alreadySent: sent }).jobs);
    expect(again.map((j) => j.documentKeys)).toEqual([['invoice:I-2']]);
  });

  it('real-time entries plus the batch equal the all-batch result per store, day and account, to the cent (mode switches included)', () => {
    const modes: ExportMode[] = ['batch', 'realtime'];
    fc.assert(
      fc.property(feedDocuments, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.constantFrom(...modes), (docs, pick, thenMode) => {
        const base = { closedDays: ALL_CLOSED, stores: STORES_WITH_AR };
        const allBatch = postingJobs(planExports(planInput(docs, { ...base, mode: 'batch' })).jobs);
        const expected = jobNetsByDay(allBatch);

        // All in real-time mode at once.
        const realtime = postingJobs(planExports(planInput(docs, { ...base, mode: 'realtime' })).jobs);
        expect(jobNetsByDay(realtime)).toEqual(expected);
        expect(realtime.filter((j) => j.path === 'batch').every((j) => j.documentKeys.every((k) => !k.startsWith('invoice:')))).toBe(true);

        // Some real-time entries went out, then the rest is planned (in real-time or, after a switch, in batch mode).
        const rtJobs = realtime.filter((j) => j.path === 'realtime');
        const sentJobs = rtJobs.filter((_, i) => pick[i % pick.length]);
        const rest = postingJobs(planExports(planInput(docs, { ...base, mode: thenMode, alreadySent: sentBy(sentJobs) })).jobs);
        expect(sumNets(jobNetsByDay(sentJobs), jobNetsByDay(rest))).toEqual(expected);
        // ...and no part is in two jobs.
        const keys = [...sentJobs, ...rest].flatMap((j: ExportJob) => j.documentKeys);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });
});
