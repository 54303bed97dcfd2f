import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCents } from '../../../main/core/money';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { resolvePayload, type ResolveResult } from '../../../main/core/sync/plan/resolve-payload';
import { postingJobs } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, glJournal, invoice, line, lookups, payment, planInput } from './fixtures';

function body<E extends string>(r: ResolveResult, entity: E) {
  if (!('entity' in r) || r.entity !== entity) throw new Error(`expected a ${entity} body, got ${JSON.stringify(r)}`);
  return r.body as never;
}

describe('resolvePayload', () => {
  const day = [invoice({ paidAtClose: [{ method: 'cash', amount: 5025, account: '1000' }] }), closed(1)];
  const batchJob = () => postingJobs(planExports(planInput(day)).jobs)[0]!;

  it('turns a batch draft into the exact JournalEntry body', () => {
    const je = body(resolvePayload(batchJob(), lookups()), 'JournalEntry') as import('../../../main/core/qbo/entities').JournalEntry;
    expect(je.TxnDate).toBe('2026-03-14');
    expect(je.DocNumber!.length).toBeLessThanOrEqual(21);
    expect(je.PrivateNote).toMatch(/^POR store 1 \(Store 1:Burbank\), business day 2026-03-14/);
    expect(je.Line).toEqual([
      {
        Description: 'Invoice 100001 paid at close (cash)',
        Amount: 50.25,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: {
          PostingType: 'Debit',
          AccountRef: { value: 'A-1000', name: 'Acct 1000' },
          ClassRef: { value: 'K-Store 1:Burbank', name: 'Store 1:Burbank' },
        },
      },
      {
        Description: 'POR store 1 2026-03-14: 2 entries netted',
        Amount: 60,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: {
          PostingType: 'Debit',
          AccountRef: { value: 'A-1200', name: 'Acct 1200' },
          ClassRef: { value: 'K-Store 1:Burbank', name: 'Store 1:Burbank' },
          Entity: { Type: 'Customer', EntityRef: { value: 'C-C100', name: 'Acme Builders' } },
        },
      },
      {
        Description: 'Invoice 100001: Burbank sales tax',
        Amount: 10.25,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: {
          PostingType: 'Credit',
          AccountRef: { value: 'A-2200', name: 'Acct 2200' },
          ClassRef: { value: 'K-Store 1:Burbank', name: 'Store 1:Burbank' },
        },
      },
      {
        Description: 'Invoice 100001: Excavator',
        Amount: 100,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: {
          PostingType: 'Credit',
          AccountRef: { value: 'A-4000-01', name: 'Acct 4000-01' },
          ClassRef: { value: 'K-Store 1:Burbank', name: 'Store 1:Burbank' },
        },
      },
    ]);
  });

  it('returns plain problems instead of throwing: unmapped, inactive, missing class, missing customer', () => {
    const r = resolvePayload(batchJob(), lookups({ unmapped: new Set(['4000-01']), inactive: new Set(['2200']), classes: new Map(), customers: new Map() }));
    if (!('problems' in r)) throw new Error('expected problems');
    expect(r.problems.map((p) => p.code)).toEqual(['missingClass', 'missingCustomer', 'inactiveAccount', 'unmappedAccount']);
    expect(r.problems.find((p) => p.code === 'unmappedAccount')!.message).toBe(
      'POR account 4000-01 (store 1) is not mapped to a QuickBooks account. Map it under Account mapping, then retry.',
    );
    expect(r.problems.find((p) => p.code === 'inactiveAccount')!.message).toMatch(/"Acct 2200", which is inactive/);
    expect(r.problems.find((p) => p.code === 'missingClass')!.message).toMatch(/"Store 1:Burbank" does not exist/);
    // One problem per account, however many lines use it.
    const many = postingJobs(
      planExports(planInput([invoice({ lines: [line(), line(), line({ account: '4100' })] }), closed(1)], { mode: 'transaction' })).jobs,
    )[0]!;
    const rm = resolvePayload(many, lookups({ items: false }));
    if (!('problems' in rm)) throw new Error('expected problems');
    expect(rm.problems.map((p) => [p.code, p.item?.porAccount])).toEqual([
      ['missingItem', '4000-01'],
      ['missingItem', '4100'],
    ]);
  });

  it('refuses an A/R line with no customer (a GL row without a name) before QBO does', () => {
    const gl = glJournal({
      lines: [
        { account: '1200', className: null, amount: 500, memo: 'A/R', name: null },
        { account: '4000-01', className: null, amount: -500, memo: 'Rev', name: null },
      ],
    });
    const job = postingJobs(planExports(planInput([gl])).jobs)[0]!;
    const r = resolvePayload(job, lookups());
    expect('problems' in r && r.problems.map((p) => p.code)).toEqual(['receivableNeedsCustomer']);
    const named = glJournal({
      lines: [
        { account: '1200', className: null, amount: 500, memo: 'A/R', name: 'Acme Builders' },
        { account: '4000-01', className: null, amount: -500, memo: 'Rev', name: null },
      ],
    });
    const ok = resolvePayload(postingJobs(planExports(planInput([named])).jobs)[0]!, lookups());
    expect((body(ok, 'JournalEntry') as import('../../../main/core/qbo/entities').JournalEntry).Line[0]!.JournalEntryLineDetail.Entity).toEqual({
      Type: 'Customer',
      EntityRef: { value: 'C-Acme Builders', name: 'Acme Builders' },
    });
  });

  it('asks for TAX and NON tax codes in transaction mode', () => {
    const job = postingJobs(planExports(planInput([invoice()], { mode: 'transaction' })).jobs)[0]!;
    const r = resolvePayload(job, lookups({ noTaxCodes: true }));
    expect('problems' in r && r.problems.map((p) => p.code)).toEqual(['missingTaxCode']);
  });

  it('resolves ensure jobs: existing, or the body to create', () => {
    const plan = planExports(
      planInput([invoice({ customer: { number: 'C7', name: 'Jo: "Acme"\tRentals', email: 'jo@x.test', accountCustomer: true } })], { mode: 'transaction' }),
    );
    const [parent, sub, customer, item] = plan.jobs;
    expect(resolvePayload(parent!, lookups())).toEqual({ existing: { value: 'K-Store 1', name: 'Store 1' } });
    const none = lookups({ classes: new Map(), customers: new Map(), items: false });
    expect(resolvePayload(parent!, none)).toEqual({ entity: 'Class', body: { Name: 'Store 1' } });
    expect(resolvePayload(sub!, none)).toMatchObject({ problems: [{ code: 'missingParentClass' }] });
    const withParent = lookups({ classes: new Map([['Store 1', { value: '9', name: 'Store 1' }]]) });
    expect(resolvePayload(sub!, withParent)).toEqual({
      entity: 'Class',
      body: { Name: 'Burbank', SubClass: true, ParentRef: { value: '9', name: 'Store 1' } },
    });
    expect(resolvePayload(customer!, none)).toEqual({
      entity: 'Customer',
      // The POR number goes where QBO Online keeps it (Notes); QBO Online's Customer has no AcctNum.
      body: { DisplayName: 'Jo- "Acme" Rentals', PrimaryEmailAddr: { Address: 'jo@x.test' }, Notes: 'POR customer #C7' },
    });
    expect(resolvePayload(item!, none)).toEqual({
      entity: 'Item',
      body: { Name: 'POR Rental 4000-01 (store 1)', Type: 'Service', IncomeAccountRef: { value: 'A-4000-01', name: 'Acct 4000-01' } },
    });
    expect(resolvePayload(item!, lookups({ items: false, unmapped: new Set(['4000-01']) }))).toMatchObject({ problems: [{ code: 'unmappedAccount' }] });
  });

  it('says there is nothing to post for a job that nets to zero', () => {
    const job = postingJobs(planExports(planInput([payment({ amount: 0, appliedTo: [] }), closed(1)], { stores: STORES_WITH_AR })).jobs)[0]!;
    expect(resolvePayload(job, lookups())).toEqual({ nothingToPost: 'Everything in this batch nets to zero: nothing is sent to QuickBooks.' });
  });

  it('keeps every journal body balanced to the cent and equal to the planned totals', () => {
    fc.assert(
      fc.property(feedDocuments, fc.constantFrom<ExportMode>('batch', 'realtime', 'transaction'), (docs, mode) => {
        const jobs = postingJobs(planExports(planInput(docs, { mode, closedDays: ALL_CLOSED, stores: STORES_WITH_AR })).jobs);
        for (const job of jobs) {
          if (job.kind !== 'JournalEntry' || job.nothingToPost) continue;
          const je = body(resolvePayload(job, lookups()), 'JournalEntry') as import('../../../main/core/qbo/entities').JournalEntry;
          let debits = 0;
          let credits = 0;
          for (const l of je.Line) {
            const cents = parseCents(l.Amount.toFixed(2));
            expect(cents / 100).toBe(l.Amount);
            if (l.JournalEntryLineDetail.PostingType === 'Debit') debits += cents;
            else credits += cents;
          }
          expect(debits).toBe(credits);
          expect({ debits, credits }).toEqual(job.totals);
        }
      }),
      { numRuns: 200 },
    );
  });
});
