import { describe, expect, it } from 'vitest';
import type { JournalDraft } from '../../../main/core/sync/modes/draft-types';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { postingJobs, sentBy } from './accounting';
import { closed, creditMemo, eodBatch, invoice, line, payment, planInput, STORES } from './fixtures';

describe('planExports: what is held, and why', () => {
  it('holds a store whose export is off, and a store not set up, saying what to do', () => {
    const docs = [invoice(), invoice({ id: 'I-3', store: 3 }), closed(1), closed(3)];
    const plan = planExports(planInput(docs, { stores: [{ ...STORES[0]!, exportFormat: 'off' }, STORES[1]!] }));
    expect(postingJobs(plan.jobs)).toEqual([]);
    expect(plan.held.map((h) => [h.documentKey, h.reason])).toEqual([
      ['invoice:I-1', 'storeExportOff'],
      ['invoice:I-3', 'storeNotConfigured'],
    ]);
    expect(plan.held[0]!.message).toMatch(/API-QBO/);
    expect(plan.held[1]!.message).toMatch(/Store 3 is not set up/);
  });

  it('holds only the bad document, names its file and line, and sends the rest of the day', () => {
    const docs = [
      invoice({ total: 99999 }),
      creditMemo({ lines: null }),
      eodBatch({ id: 'E-bad', lines: [{ account: '5000', amount: 100, memo: 'x', category: 'cogs' }] }),
      invoice({ id: 'I-2', invoiceNumber: '100002' }),
      closed(1),
    ];
    const plan = planExports(planInput(docs, { stores: STORES.map((s) => ({ ...s, arAccount: '1200' })) }));
    expect(plan.held.map((h) => [h.documentKey, h.reason])).toEqual([
      ['creditMemo:CM-1', 'invalidDocument'],
      ['eodBatch:E-bad', 'invalidDocument'],
      ['invoice:I-1', 'invalidDocument'],
    ]);
    expect(plan.held[2]!.message).toBe(
      'Invoice 100001: lines (100.00) plus tax (10.25) come to 110.25, but the invoice total is 999.99. (feed.jsonl, line 1) Fix it in POR; the corrected document will be sent.',
    );
    expect(plan.held[0]!.message).toMatch(/no lines/);
    expect(plan.held[1]!.message).toMatch(/does not balance/);
    expect(postingJobs(plan.jobs).map((j) => j.documentKeys)).toEqual([['invoice:I-2']]);
  });

  it("finds the A/R account of payments and credit memos: store setting, referenced invoice, or the store's one A/R account", () => {
    const ar = (docs: Parameters<typeof planInput>[0], stores = STORES) => {
      const plan = planExports(planInput(docs, { stores }));
      const je = postingJobs(plan.jobs)[0]?.payload as JournalDraft | undefined;
      return { plan, credit: je?.lines.find((l) => l.posting === 'Credit' && l.customer)?.account.porAccount };
    };
    expect(
      ar(
        [payment(), closed(1)],
        STORES.map((s) => ({ ...s, arAccount: '1210' })),
      ).credit,
    ).toBe('1210');
    expect(ar([payment({ customerNumber: 'C200' }), invoice({ arAccount: '1220' }), closed(1)]).credit).toBe('1220');
    const two = ar([payment({ appliedTo: [] }), invoice({ arAccount: '1220' }), invoice({ id: 'I-2', invoiceNumber: '2', arAccount: '1230' }), closed(1)]);
    expect(two.plan.held).toMatchObject([{ documentKey: 'payment:P-1', reason: 'receivableUnknown' }]);
    expect(two.plan.held[0]!.message).toContain('more than one (1220, 1230)');
  });

  it('holds a document revised after it was sent until the earlier export is undone', () => {
    const sent = sentBy(postingJobs(planExports(planInput([invoice(), closed(1)])).jobs));
    const plan = planExports(planInput([invoice({ revision: 2, total: 11025 }), closed(1)], { alreadySent: sent }));
    expect(postingJobs(plan.jobs)).toEqual([]);
    expect(plan.held).toMatchObject([{ documentKey: 'invoice:I-1', reason: 'revisedAfterExport', revision: 2 }]);
    expect(plan.held[0]!.message).toMatch(/revision 1 was sent/);
    // Once the engine undid the earlier export (the ledger forgets it), the new revision goes out.
    const replanned = planExports(planInput([invoice({ revision: 2 }), closed(1)]));
    expect(postingJobs(replanned.jobs)[0]!.covers).toEqual([{ key: 'invoice:I-1', revision: 2 }]);
    // A plain set of keys (no revisions) just means "sent".
    const asSet = planExports(planInput([invoice({ revision: 2 }), closed(1)], { alreadySent: new Set(sent.keys()) }));
    expect(postingJobs(asSet.jobs)).toEqual([]);
    expect(asSet.held).toEqual([]);
  });

  it('sends a late document of a day already exported in a supplementary batch with only that document', () => {
    const first = postingJobs(planExports(planInput([invoice(), closed(1)])).jobs);
    const late = planExports(planInput([invoice(), invoice({ id: 'I-late', invoiceNumber: '100009' }), closed(1)], { alreadySent: sentBy(first) }));
    const jobs = postingJobs(late.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.documentKeys).toEqual(['invoice:I-late']);
    expect((jobs[0]!.payload as JournalDraft).docNumber).not.toBe((first[0]!.payload as JournalDraft).docNumber);
  });

  it('marks a day that nets to zero as nothing to post, so the ledger can record it without calling QBO', () => {
    const plan = planExports(planInput([invoice({ lines: [line({ amount: 0 })], taxes: [], total: 0 }), closed(1)]));
    const [job] = postingJobs(plan.jobs);
    expect(job).toMatchObject({ nothingToPost: true, totals: { debits: 0, credits: 0 }, documentKeys: ['invoice:I-1'] });
    expect(plan.jobs.filter((j) => j.path === 'ensure')).toEqual([]);
  });

  it('uses the highest revision when given several, and never exports storeDayClosed', () => {
    const plan = planExports(planInput([invoice({ revision: 3, invoiceNumber: 'third' }), invoice({ revision: 2 }), closed(1)], { mode: 'realtime' }));
    const jobs = postingJobs(plan.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.covers).toEqual([{ key: 'invoice:I-1', revision: 3 }]);
    // No earlier revision reached QBO: POR's number as it is, no revision suffix.
    expect((jobs[0]!.payload as JournalDraft).docNumber).toBe('third');
    const again = planExports({
      ...planInput([invoice({ revision: 3, invoiceNumber: 'third' }), closed(1)], { mode: 'realtime' }),
      undoneDocuments: new Set(['invoice:I-1']),
    });
    expect((postingJobs(again.jobs)[0]!.payload as JournalDraft).docNumber).toBe('third-r3');
  });
});
