/**
 * What a feed document does to the books, as signed postings (positive = debit) per POR account. Batch
 * and real-time entries are these postings netted; transaction-mode previews use them too, so every mode
 * agrees to the cent on what a document is worth.
 */
import type { Cents } from '../../money';
import type { PorCreditMemo, PorDeposit, PorEodBatch, PorInvoice, PorPayment } from '../../por/model';
import type { CustomerSym } from './draft-types';

export interface Posting {
  account: string;
  /** Positive = debit, negative = credit. */
  amount: Cents;
  /** Only on A/R postings: QBO needs the customer on those lines. */
  customer: CustomerSym | null;
  memo: string;
}

export type FeedDocument = PorInvoice | PorPayment | PorCreditMemo | PorDeposit | PorEodBatch;

/** The two halves of an invoice (see export-parts.ts); every other document is 'whole'. */
export type PartName = 'whole' | 'sale' | 'paid';

export interface PostingContext {
  /** The canonical customer for a POR customer number (one name per number across the plan). */
  customer(number: string, fallback: CustomerSym | null): CustomerSym;
  /** A/R account for payments and credit memos (the feed does not name one on them). */
  receivable: string | null;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function postingsOf(doc: FeedDocument, part: PartName, ctx: PostingContext): Posting[] {
  switch (doc.type) {
    case 'invoice':
      return invoicePostings(doc, part, ctx);
    case 'payment': {
      const customer = ctx.customer(doc.customerNumber, null);
      const memo = `Payment ${doc.paymentId} (${doc.method})`;
      return [
        { account: doc.account, amount: doc.amount, customer: null, memo },
        { account: requireReceivable(ctx, doc.paymentId), amount: -doc.amount, customer, memo },
      ];
    }
    case 'creditMemo': {
      const memo = `Credit memo ${doc.creditMemoNumber}`;
      const out: Posting[] = (doc.lines ?? []).map((l) => ({ account: l.account, amount: l.amount, customer: null, memo: `${memo}: ${l.description}` }));
      out.push({
        account: requireReceivable(ctx, doc.creditMemoNumber),
        amount: -doc.amount,
        customer: ctx.customer(doc.customer.number, fromPor(doc.customer)),
        memo,
      });
      return out;
    }
    case 'deposit': {
      const memo = `${doc.kind === 'creditCard' ? 'Card deposit' : 'Deposit'} ${doc.depositId}`;
      const total = sumCents(doc.lines.map((l) => l.amount));
      return [
        { account: doc.bankAccount, amount: total, customer: null, memo },
        ...doc.lines.map((l) => ({ account: l.account, amount: -l.amount, customer: null, memo: `${memo} (${l.method})` })),
      ];
    }
    case 'eodBatch':
      return doc.lines.map((l) => ({ account: l.account, amount: l.amount, customer: null, memo: l.memo || `EOD batch ${doc.batchNumber}` }));
  }
}

function invoicePostings(doc: PorInvoice, part: PartName, ctx: PostingContext): Posting[] {
  const memo = `Invoice ${doc.invoiceNumber}`;
  const customer = ctx.customer(doc.customer.number, fromPor(doc.customer));
  const paid = sumCents(doc.paidAtClose.map((p) => p.amount));
  const out: Posting[] = [];
  if (part !== 'paid') {
    for (const l of doc.lines) out.push({ account: l.account, amount: -l.amount, customer: null, memo: `${memo}: ${l.description}` });
    for (const t of doc.taxes) out.push({ account: t.account, amount: -t.amount, customer: null, memo: `${memo}: ${t.name}` });
    out.push({ account: doc.arAccount, amount: doc.total, customer, memo });
  }
  if (part !== 'sale') {
    for (const p of doc.paidAtClose) out.push({ account: p.account, amount: p.amount, customer: null, memo: `${memo} paid at close (${p.method})` });
    if (paid !== 0) out.push({ account: doc.arAccount, amount: -paid, customer, memo: `${memo} paid at close` });
  }
  return out;
}

export function fromPor(c: { number: string; name: string; email: string | null }): CustomerSym {
  return { number: c.number, name: c.name, email: c.email };
}

function requireReceivable(ctx: PostingContext, what: string): string {
  // The planner holds documents whose A/R account is unknown before asking for postings.
  if (ctx.receivable === null) throw new Error(`no A/R account for ${what}`);
  return ctx.receivable;
}
