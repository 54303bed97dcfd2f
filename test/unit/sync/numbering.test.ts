/** Numbers people can find: POR's own number in DocNumber, suffixes only where two postings would share one. */
import { describe, expect, it } from 'vitest';
import { planExports } from '../../../main/core/sync/plan';
import type { JournalDraft, SalesDraft } from '../../../main/core/sync/modes/draft-types';
import { readableNumber } from '../../../main/core/sync/modes/numbering';
import { DAY, STORES, closed, glJournal, invoice, planInput } from './fixtures';

const numbers = (plan: ReturnType<typeof planExports>) =>
  plan.jobs.filter((j) => j.path !== 'ensure').map((j) => (j.payload as JournalDraft | SalesDraft).docNumber);

describe('DocNumbers people can find', () => {
  it('a day batch is PRyymmdd, with -store only when several stores export', () => {
    const one = planExports(planInput([invoice(), closed(1)], { stores: [STORES[0]!] }));
    expect(numbers(one)).toEqual(['PR260314']);
    const two = planExports(planInput([invoice(), invoice({ id: 'I-2', store: 2, invoiceNumber: '50002' }), closed(1), closed(2)]));
    expect(numbers(two)).toEqual(['PR260314-1', 'PR260314-2']);
  });

  it('a later supplementary batch of a day already in QuickBooks gets its own number', () => {
    const first = planExports(planInput([invoice(), closed(1)], { stores: [STORES[0]!] }));
    const sent = new Map(first.jobs.flatMap((j) => j.covers.map((c) => [c.key, c.revision] as const)));
    const late = planExports(planInput([invoice(), invoice({ id: 'I-9', invoiceNumber: '50009' }), closed(1)], { stores: [STORES[0]!], alreadySent: sent }));
    const [n] = numbers(late);
    expect(n).toMatch(/^PR260314-[0-9a-z]{4}$/);
  });

  it('a GL file keeps its number; -store for a file of several stores, -n for several blocks of one store', () => {
    const single = planExports(planInput([glJournal()]));
    expect(numbers(single)).toEqual(['PR260314']);
    const stores = planExports(
      planInput([
        glJournal(),
        glJournal({
          id: 'GL-2-260314-2',
          store: 2,
          className: 'Store 2:Glendale',
          lines: glJournal().lines.map((l) => ({ ...l, className: 'Store 2:Glendale' })),
        }),
      ]),
    );
    expect(numbers(stores).sort()).toEqual(['PR260314-1', 'PR260314-2']);
    const blocks = planExports(planInput([glJournal(), glJournal({ id: 'GL-1-260314-3' })]));
    expect(numbers(blocks).sort()).toEqual(['PR260314-1', 'PR260314-2']);
  });

  it("invoices: POR's number (INV-50001), INV- only before a bare number, a revision suffix only after an earlier revision was posted", () => {
    expect(readableNumber('50001', 'INV')).toBe('INV-50001');
    expect(readableNumber('INV-50001', 'INV')).toBe('INV-50001');
    const tx = planExports(planInput([invoice({ invoiceNumber: 'INV-50001', revision: 2 })], { mode: 'transaction' }));
    expect(numbers(tx)).toEqual(['INV-50001']);
    const rt = planExports(planInput([invoice({ invoiceNumber: 'INV-50001', revision: 2 })], { mode: 'realtime' }));
    expect(numbers(rt)).toEqual(['INV-50001']);
    const reposted = planExports(
      planInput([invoice({ invoiceNumber: 'INV-50001', revision: 2 })], { mode: 'transaction', undoneDocuments: new Set(['invoice:I-1']) }),
    );
    expect(numbers(reposted)).toEqual(['INV-50001-r2']);
    expect(DAY).toBe('2026-03-14');
  });
});
