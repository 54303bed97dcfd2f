import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalDraft } from '../../../main/core/sync/modes/draft-types';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { expectedNets, jobNets, postingJobs } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, DAY, deposit, eodBatch, glJournal, invoice, line, payment, planInput } from './fixtures';

function journal(job: { payload: unknown }): JournalDraft {
  const p = job.payload as JournalDraft;
  expect(p.entity).toBe('JournalEntry');
  return p;
}

describe('batch mode', () => {
  const day = [
    invoice({ paidAtClose: [{ method: 'cash', amount: 5000, account: '1000' }] }),
    invoice({
      id: 'I-2',
      invoiceNumber: '100002',
      lines: [line({ amount: 20000, unitPrice: 20000 }), line({ kind: 'delivery', account: '4300', amount: 7500, unitPrice: 7500, taxable: false })],
      taxes: [{ name: 'Burbank sales tax', rate: '0.1025', amount: 2050, account: '2200' }],
    }),
    payment(),
    deposit(),
    eodBatch(),
    closed(1),
  ];

  it('makes one balanced JournalEntry per closed store day, netted per account, A/R per customer', () => {
    const plan = planExports(planInput(day));
    const jobs = postingJobs(plan.jobs);
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job!.kind).toBe('JournalEntry');
    expect(job!.path).toBe('batch');
    const je = journal(job!);
    // 4000-01: 100.00 + 200.00 credited; 2200: 10.25 + 20.50; 4300: 75.00.
    const byAccount = new Map(je.lines.map((l) => [l.account.porAccount, l]));
    expect(byAccount.get('4000-01')).toMatchObject({ posting: 'Credit', amount: 30000 });
    expect(byAccount.get('2200')).toMatchObject({ posting: 'Credit', amount: 3075 });
    expect(byAccount.get('4300')).toMatchObject({ posting: 'Credit', amount: 7500 });
    // A/R: 110.25 - 50.00 paid + 295.50 - payment 50.00 = 305.75, one line for the one customer, with the customer.
    expect(byAccount.get('1200')).toMatchObject({ posting: 'Debit', amount: 30575, customer: { number: 'C100', name: 'Acme Builders' } });
    // Drawer 1000: +50.00 paid at close, +50.00 check payment, -80.00 deposited.
    expect(byAccount.get('1000')).toMatchObject({ posting: 'Debit', amount: 2000 });
    expect(byAccount.get('1020-01')).toMatchObject({ posting: 'Debit', amount: 8000 });
    expect(new Set(je.lines.map((l) => l.account.porAccount)).size).toBe(je.lines.length);
    expect(je.lines.every((l) => l.className === 'Store 1:Burbank' && l.amount > 0)).toBe(true);
    expect(je.lines.filter((l) => l.customer !== null).map((l) => l.account.porAccount)).toEqual(['1200']);
    expect(job!.totals.debits).toBe(job!.totals.credits);
    expect(je.txnDate).toBe(DAY);
    expect(je.docNumber.length).toBeLessThanOrEqual(21);
    // POR's own number: PRyymmdd, and the store because more than one store exports.
    expect(je.docNumber).toBe('PR260314-1');
    expect(je.privateNote).toContain('POR store 1 (Store 1:Burbank), business day 2026-03-14');
    expect(je.privateNote).toContain('invoice 100001');
    expect(job!.documentKeys).toEqual(['deposit:D-1', 'eodBatch:E-1', 'invoice:I-1', 'invoice:I-1#paid', 'invoice:I-2', 'payment:P-1']);
  });

  it('drops accounts that net to zero', () => {
    const plan = planExports(
      planInput([
        eodBatch({
          lines: [
            { account: '5000', amount: 100, memo: 'a', category: 'cogs' },
            { account: '1300', amount: -100, memo: 'b', category: 'inventory' },
          ],
        }),
        eodBatch({
          id: 'E-2',
          batchNumber: '78',
          lines: [
            { account: '5000', amount: -100, memo: 'c', category: 'cogs' },
            { account: '6000', amount: 100, memo: 'd', category: 'depreciation' },
          ],
        }),
        closed(1),
      ]),
    );
    const je = journal(postingJobs(plan.jobs)[0]!);
    expect(je.lines.map((l) => [l.account.porAccount, l.posting, l.amount])).toEqual([
      ['1300', 'Credit', 100],
      ['6000', 'Debit', 100],
    ]);
  });

  it('waits for the store day to close, per store and day', () => {
    const docs = [invoice(), invoice({ id: 'I-9', store: 2, lines: [line({ account: '4000-02' })] }), closed(2)];
    const plan = planExports(planInput(docs));
    const jobs = postingJobs(plan.jobs);
    expect(jobs.map((j) => j.store)).toEqual([2]);
    expect(plan.held).toHaveLength(1);
    expect(plan.held[0]).toMatchObject({ documentKey: 'invoice:I-1', reason: 'dayNotClosed', store: 1 });
    expect(plan.held[0]!.message).toMatch(/not closed yet/);
    // closedDays given by the caller count like storeDayClosed documents.
    const later = planExports(planInput(docs, { closedDays: [{ store: 1, businessDate: DAY }] }));
    expect(postingJobs(later.jobs).map((j) => j.store)).toEqual([1, 2]);
    expect(later.held).toEqual([]);
  });

  it('maps each GL block to one JournalEntry: file order, zero lines dropped, no close needed', () => {
    const plan = planExports(planInput([glJournal()]));
    const [job] = postingJobs(plan.jobs);
    expect(job!.path).toBe('glJournal');
    const je = journal(job!);
    expect(je.lines.map((l) => [l.account.porAccount, l.posting, l.amount])).toEqual([
      ['1020-01', 'Debit', 108000],
      ['4000-01', 'Credit', 100000],
      ['2200', 'Credit', 8000],
    ]);
    expect(je.lines.every((l) => l.className === 'Store 1:Burbank')).toBe(true);
    // The file's own number: this file holds one block, so nothing is added.
    expect(je.docNumber).toBe('PR260314');
    expect(je.privateNote).toContain('PR260314.iif line 5');
  });

  it("puts unnamed A/R lines of a GL block on the store's A/R summary customer, and only those", () => {
    const block = glJournal({
      lines: [
        { account: '1200', className: 'Store 1:Burbank', amount: 30000, memo: 'A/R', name: null },
        { account: '1200', className: 'Store 1:Burbank', amount: 10000, memo: 'A/R', name: 'Acme Construction' },
        { account: '1020-01', className: 'Store 1:Burbank', amount: 68000, memo: 'Bank', name: null },
        { account: '4000-01', className: 'Store 1:Burbank', amount: -108000, memo: 'Rental revenue', name: null },
      ],
    });
    const stores = planInput([]).stores.map((s) => ({ ...s, receivableAccounts: s.number === 1 ? ['1200'] : [] }));
    const plan = planExports(planInput([block], { stores }));
    const je = journal(postingJobs(plan.jobs)[0]!);
    expect(je.lines.map((l) => l.customer?.name ?? null)).toEqual(['POR A/R summary - Store 1', 'Acme Construction', null, null]);
    // The summary customer is found or created once, before the entry (an ensure job it depends on).
    expect(plan.jobs.filter((j) => j.kind === 'Customer').length).toBe(2);
    // Without the A/R mapping nothing changes: the resolver then names the problem plainly.
    const plain = journal(postingJobs(planExports(planInput([block])).jobs)[0]!);
    expect(plain.lines[0]!.customer).toBeNull();
  });

  it('gives a GL block without a store the store whose class it carries, or holds it', () => {
    const found = planExports(planInput([glJournal({ store: null, className: 'Store 2:Glendale' })]));
    expect(postingJobs(found.jobs)[0]!.store).toBe(2);
    const lost = planExports(planInput([glJournal({ store: null, className: 'Nowhere', lines: glJournal().lines.map((l) => ({ ...l, className: null })) })]));
    expect(postingJobs(lost.jobs)).toEqual([]);
    expect(lost.held[0]).toMatchObject({ reason: 'noStore' });
    expect(lost.held[0]!.message).toContain('"Nowhere"');
  });

  it('balances to the cent and nets one line per account and customer, over generated days', () => {
    fc.assert(
      fc.property(feedDocuments, (docs) => {
        const plan = planExports(planInput(docs, { closedDays: ALL_CLOSED, stores: STORES_WITH_AR }));
        expect(plan.held).toEqual([]);
        const jobs = postingJobs(plan.jobs);
        const storeDays = new Set(docs.map((d) => `${d.store}|${d.businessDate}`));
        expect(jobs).toHaveLength(storeDays.size);
        for (const job of jobs) {
          const je = journal(job);
          let net = 0;
          const seen = new Set<string>();
          for (const l of je.lines) {
            expect(l.amount).toBeGreaterThan(0);
            expect(Number.isInteger(l.amount)).toBe(true);
            net += l.posting === 'Debit' ? l.amount : -l.amount;
            const k = `${l.account.porAccount}|${l.customer?.number ?? ''}`;
            expect(seen.has(k)).toBe(false);
            seen.add(k);
            if (l.account.porAccount === '1200') expect(l.customer).not.toBeNull();
            else expect(l.customer).toBeNull();
            expect(l.className).toBe(job.store === 1 ? 'Store 1:Burbank' : 'Store 2:Glendale');
          }
          expect(net).toBe(0);
          expect(job.totals.debits).toBe(job.totals.credits);
          expect(job.nothingToPost).toBe(je.lines.length === 0);
        }
        expect(jobNets(jobs)).toEqual(expectedNets(docs));
      }),
      { numRuns: 300 },
    );
  });
});
