/** Small hand-made POR documents for ledger tests (the readers have their own tests). */
import type { GlJournal, PorDocument, PorInvoice, PorStoreDayClosed } from '../../../main/core/por/model';

export function glJournal(over: Partial<GlJournal> & { amount?: number } = {}): GlJournal {
  const amount = over.amount ?? 108_000;
  const { amount: _a, ...rest } = over;
  return {
    type: 'glJournal',
    id: 'PR260314-1-1',
    store: 1,
    businessDate: '2026-03-14',
    revision: 1,
    source: { kind: 'iif', file: 'PR260314', line: 4 },
    docNumber: 'PR260314',
    memo: 'POR EOD store 1',
    className: 'Store 1:Burbank',
    period: 'daily',
    lines: [
      { account: '1020-01', className: 'Store 1:Burbank', amount, memo: null, name: null },
      { account: '4000-01', className: 'Store 1:Burbank', amount: -(amount - 8_000), memo: 'Rental revenue', name: null },
      { account: '2200', className: 'Store 1:Burbank', amount: -8_000, memo: 'Sales tax', name: null },
    ],
    ...rest,
  };
}

export function invoice(over: Partial<PorInvoice> = {}): PorInvoice {
  return {
    type: 'invoice',
    id: 'INV-1001',
    store: 2,
    businessDate: '2026-03-14',
    revision: 1,
    source: { kind: 'feed', file: 'feed-2026-03-14.jsonl', line: 1 },
    invoiceNumber: '1001',
    contractNumber: 'C-77',
    customer: { number: 'CU1', name: 'Acme Builders', email: null, accountCustomer: true },
    invoiceDate: '2026-03-14',
    dueDate: '2026-04-13',
    lines: [{ kind: 'rental', description: 'Mini excavator, 1 day', quantity: '1', unitPrice: 25_000, amount: 25_000, taxable: true, account: '4000-02' }],
    taxes: [{ name: 'CA', rate: '0.095', amount: 2_375, account: '2200' }],
    total: 27_375,
    paidAtClose: [{ method: 'cash', amount: 10_000, account: '1010-02' }],
    arAccount: '1200',
    ...over,
  };
}

export function dayClosed(store: number, businessDate: string): PorStoreDayClosed {
  return {
    type: 'storeDayClosed',
    id: `closed-${store}-${businessDate}`,
    store,
    businessDate,
    revision: 1,
    source: { kind: 'feed', file: 'feed.jsonl', line: 9 },
    eodCompletedAt: `${businessDate}T23:05:00Z`,
  };
}

export function withSource<T extends PorDocument>(doc: T, file: string, line = 1): T {
  return { ...doc, source: { ...doc.source, file, line } };
}
