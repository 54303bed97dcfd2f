/**
 * QuickBooks' side of a reconciliation is taken page by page: each page's postings are handed over before
 * the next page is asked for, so a year of a chain is never held whole; a payment still lands at the store
 * of the invoice it pays, whichever page (or query) brought that invoice.
 */
import { describe, expect, it } from 'vitest';
import type { QboClient } from '../../../main/core/qbo/qbo-client';
import type { ReferenceCache } from '../../../main/core/qbo/reference-cache';
import { INVOICE_AR, readQboSide } from '../../../main/core/sync/reconcile/qbo-postings';

const references = {
  list: (entity: string) =>
    Promise.resolve(
      entity === 'Class'
        ? [
            { Id: 'c1', Name: 'Store 1' },
            { Id: 'c2', Name: 'Store 2' },
          ]
        : entity === 'Item'
          ? [{ Id: 'i1', Name: 'Rental', IncomeAccountRef: { value: '40' } }]
          : [],
    ),
} as unknown as ReferenceCache;

const storeOfClass = (name: string) => (name === 'Store 1' ? 1 : name === 'Store 2' ? 2 : null);

function journal(n: number) {
  return {
    Id: `je${n}`,
    TxnDate: '2026-03-02',
    Line: [
      { Amount: 10, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: '10' }, ClassRef: { value: 'c1' } } },
      { Amount: 10, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: '40' }, ClassRef: { value: 'c1' } } },
    ],
  };
}

describe("QuickBooks' side, page by page", () => {
  it('hands over every posting of a page before the next page is read', async () => {
    const added: [number | null, string, string, number][] = [];
    const seenBeforePage: number[] = [];
    let reads = 0;
    const client = {
      stats: () => ({ meteredReads: reads }),
      queryPages: async function* (entity: string) {
        if (entity !== 'JournalEntry') return;
        for (let page = 0; page < 4; page++) {
          seenBeforePage.push(added.length);
          reads++;
          yield [journal(2 * page), journal(2 * page + 1)];
        }
      },
    } as unknown as QboClient;
    const read = await readQboSide(client, references, { from: '2026-03-01', to: '2026-03-31' }, storeOfClass, (...p) => added.push(p));
    // Two journals of two lines a page: page k is asked for once the 4k postings before it are in.
    expect(seenBeforePage).toEqual([0, 4, 8, 12]);
    expect(added).toHaveLength(16);
    expect(added.reduce((s, p) => s + p[3], 0)).toBe(0);
    expect(read).toEqual({ transactions: { JournalEntry: 8, Invoice: 0, CreditMemo: 0, Payment: 0 }, queries: 4 });
  });

  it('puts a payment at the store of its invoice, even when the payments are read before the invoices', async () => {
    const added: [number | null, string, string, number][] = [];
    let invoicesRead = false;
    const client = {
      stats: () => ({ meteredReads: 0 }),
      queryPages: async function* (entity: string) {
        if (entity === 'Payment') {
          expect(invoicesRead).toBe(false);
          yield [
            {
              Id: 'p1',
              TxnDate: '2026-03-03',
              TotalAmt: 25,
              DepositToAccountRef: { value: '11' },
              Line: [{ Amount: 25, LinkedTxn: [{ TxnId: 'inv1', TxnType: 'Invoice' }] }],
            },
          ];
        }
        if (entity === 'Invoice') {
          await new Promise((r) => setTimeout(r, 20)); // the payment page is in first
          invoicesRead = true;
          yield [
            {
              Id: 'inv1',
              TxnDate: '2026-03-02',
              ClassRef: { value: 'c2' },
              TotalAmt: 25,
              Line: [{ Amount: 25, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: 'i1' } } }],
            },
          ];
        }
      },
    } as unknown as QboClient;
    await readQboSide(client, references, { from: '2026-03-01', to: '2026-03-31' }, storeOfClass, (...p) => added.push(p));
    expect(added.filter((p) => p[1] === '2026-03-03')).toEqual([
      [2, '2026-03-03', 'acct:11', 2500],
      [2, '2026-03-03', INVOICE_AR, -2500],
    ]);
    expect(added.filter((p) => p[1] === '2026-03-02')).toEqual([
      [2, '2026-03-02', 'acct:40', -2500],
      [2, '2026-03-02', INVOICE_AR, 2500],
    ]);
  });
});
