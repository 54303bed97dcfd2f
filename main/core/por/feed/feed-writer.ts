/**
 * POR documents to feed lines (the inverse of the feed reader): amounts back to decimal strings, EOD lines
 * to debit/credit, a payment's `paymentSource` back to the feed's `source`. Used by the practice store.
 */
import { centsToDecimal as dec } from '../../money';
import type { InvoiceLine, PorDocument } from '../model';

type FeedRecord = Record<string, unknown>;

const line = (l: InvoiceLine): FeedRecord => ({
  kind: l.kind,
  description: l.description,
  quantity: l.quantity,
  unitPrice: dec(l.unitPrice),
  amount: dec(l.amount),
  taxable: l.taxable,
  account: l.account,
});

export function toFeedRecord(doc: Exclude<PorDocument, { type: 'glJournal' }>): FeedRecord {
  const base = { type: doc.type, id: doc.id, store: doc.store, businessDate: doc.businessDate, revision: doc.revision };
  switch (doc.type) {
    case 'invoice':
      return {
        ...base,
        invoiceNumber: doc.invoiceNumber,
        contractNumber: doc.contractNumber,
        customer: { ...doc.customer, email: doc.customer.email ?? undefined },
        invoiceDate: doc.invoiceDate,
        ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
        lines: doc.lines.map(line),
        taxes: doc.taxes.map((t) => ({ name: t.name, rate: t.rate, amount: dec(t.amount), account: t.account })),
        total: dec(doc.total),
        paidAtClose: doc.paidAtClose.map((p) => ({ method: p.method, amount: dec(p.amount), account: p.account })),
        arAccount: doc.arAccount,
      };
    case 'payment':
      return {
        ...base,
        paymentId: doc.paymentId,
        customerNumber: doc.customerNumber,
        method: doc.method,
        amount: dec(doc.amount),
        appliedTo: doc.appliedTo.map((a) => ({ invoiceNumber: a.invoiceNumber, amount: dec(a.amount) })),
        account: doc.account,
        source: doc.paymentSource,
      };
    case 'creditMemo':
      return {
        ...base,
        creditMemoNumber: doc.creditMemoNumber,
        customer: { ...doc.customer, email: doc.customer.email ?? undefined },
        amount: dec(doc.amount),
        reason: doc.reason,
        ...(doc.invoiceNumber ? { invoiceNumber: doc.invoiceNumber } : {}),
        ...(doc.lines ? { lines: doc.lines.map(line) } : {}),
      };
    case 'deposit':
      return {
        ...base,
        depositId: doc.depositId,
        kind: doc.kind,
        bankAccount: doc.bankAccount,
        lines: doc.lines.map((l) => ({ method: l.method, amount: dec(l.amount), account: l.account })),
      };
    case 'eodBatch':
      return {
        ...base,
        batchNumber: doc.batchNumber,
        lines: doc.lines.map((l) => ({
          account: l.account,
          ...(l.amount >= 0 ? { debit: dec(l.amount) } : { credit: dec(-l.amount) }),
          memo: l.memo,
          category: l.category,
        })),
      };
    case 'storeDayClosed':
      return { ...base, eodCompletedAt: doc.eodCompletedAt };
  }
}

/** JSON Lines: one document per line, `\n` line ends, a final newline. */
export function writeFeed(docs: readonly Exclude<PorDocument, { type: 'glJournal' }>[]): string {
  return docs.map((d) => JSON.stringify(toFeedRecord(d))).join('\n') + (docs.length > 0 ? '\n' : '');
}
