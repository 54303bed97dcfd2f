/**
 * The QBO side of reconciliation, read from what QBO holds: every JournalEntry, Invoice and CreditMemo
 * dated in the range (paged queries, one metered read per 1000), turned into signed postings
 * (positive = debit) per store (by class), date and account. Invoice lines land on their item's income
 * account; an invoice's A/R and sales tax are QBO's own, so they are reported under two QBO lines of
 * their own ("A/R on invoices", "Sales tax on invoices"), as the POR side does for the same documents.
 * A Payment (transaction mode: paid at close) debits the account it is deposited to and credits its A/R
 * account, at the store of the invoice it is applied to.
 */
import type { Account, CreditMemo, Invoice, Item, JournalEntry, Payment, QboClass } from '../../qbo/entities';
import type { QboClient } from '../../qbo/qbo-client';
import type { ReferenceCache } from '../../qbo/reference-cache';

export const INVOICE_AR = 'qbo:invoice-ar';
export const INVOICE_TAX = 'qbo:invoice-tax';

export interface AccountPosting {
  store: number | null;
  date: string;
  /** `acct:<QBO account Id>`, or one of the pseudo accounts above. */
  account: string;
  amount: number;
  /** Which QBO transaction it came from ("JournalEntry 12"). */
  source: string;
}

export interface QboSide {
  postings: AccountPosting[];
  transactions: { JournalEntry: number; Invoice: number; CreditMemo: number; Payment: number };
  /** Metered reads spent on this (queries). */
  queries: number;
}

const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);

export async function readQboSide(
  client: QboClient,
  references: ReferenceCache,
  range: { from: string; to: string },
  storeOfClass: (fullyQualifiedName: string) => number | null,
): Promise<QboSide> {
  const where = `where TxnDate >= '${range.from}' and TxnDate <= '${range.to}'`;
  const before = client.stats().meteredReads;
  const [journals, invoices, creditMemos, payments] = await Promise.all([
    client.queryAll('JournalEntry', where) as Promise<JournalEntry[]>,
    client.queryAll('Invoice', where) as Promise<Invoice[]>,
    client.queryAll('CreditMemo', where) as Promise<CreditMemo[]>,
    client.queryAll('Payment', where) as Promise<Payment[]>,
  ]);
  const classes = new Map(((await references.list('Class')) as QboClass[]).map((c) => [c.Id!, c.FullyQualifiedName ?? c.Name]));
  const items = new Map(((await references.list('Item')) as Item[]).map((i) => [i.Id!, i]));
  const storeOf = (ref: { value: string; name?: string } | undefined): number | null => {
    if (!ref) return null;
    const name = classes.get(ref.value) ?? ref.name;
    return name ? storeOfClass(name) : null;
  };

  const postings: AccountPosting[] = [];
  for (const je of journals) {
    const source = `JournalEntry ${je.Id}${je.DocNumber ? ` (${je.DocNumber})` : ''}`;
    for (const line of je.Line ?? []) {
      const d = line.JournalEntryLineDetail;
      if (!d?.AccountRef) continue;
      const amount = cents(line.Amount);
      postings.push({
        store: storeOf(d.ClassRef),
        date: je.TxnDate,
        account: `acct:${d.AccountRef.value}`,
        amount: d.PostingType === 'Debit' ? amount : -amount,
        source,
      });
    }
  }
  const sales = (doc: Invoice | CreditMemo, sign: 1 | -1, kind: 'Invoice' | 'CreditMemo') => {
    const source = `${kind} ${doc.Id}${doc.DocNumber ? ` (${doc.DocNumber})` : ''}`;
    // A company tracking classes per line keeps no class on the form itself: the lines' class says the store.
    const lineClass = (doc.Line ?? []).flatMap((l) =>
      l.DetailType === 'SalesItemLineDetail' && l.SalesItemLineDetail.ClassRef ? [l.SalesItemLineDetail.ClassRef] : [],
    )[0];
    const store = storeOf(doc.ClassRef) ?? storeOf(lineClass);
    const date = doc.TxnDate ?? '';
    for (const line of doc.Line ?? []) {
      if (line.DetailType !== 'SalesItemLineDetail') continue;
      const item = items.get(line.SalesItemLineDetail.ItemRef.value);
      const account = item?.IncomeAccountRef?.value;
      postings.push({
        store: storeOf(line.SalesItemLineDetail.ClassRef) ?? store,
        date,
        account: account ? `acct:${account}` : `qbo:item-${line.SalesItemLineDetail.ItemRef.value}`,
        amount: -sign * cents(line.Amount),
        source,
      });
    }
    const tax = cents(doc.TxnTaxDetail?.TotalTax);
    if (tax !== 0) postings.push({ store, date, account: INVOICE_TAX, amount: -sign * tax, source });
    const total = cents(doc.TotalAmt);
    if (total !== 0) postings.push({ store, date, account: INVOICE_AR, amount: sign * total, source });
  };
  const invoiceStore = new Map<string, number | null>();
  for (const inv of invoices) {
    sales(inv, 1, 'Invoice');
    const lineClass = (inv.Line ?? []).flatMap((l) =>
      l.DetailType === 'SalesItemLineDetail' && l.SalesItemLineDetail.ClassRef ? [l.SalesItemLineDetail.ClassRef] : [],
    )[0];
    if (inv.Id) invoiceStore.set(inv.Id, storeOf(inv.ClassRef) ?? storeOf(lineClass));
  }
  for (const cm of creditMemos) sales(cm, -1, 'CreditMemo');
  for (const p of payments) {
    const amount = cents(p.TotalAmt);
    if (amount === 0 || !p.DepositToAccountRef) continue;
    const source = `Payment ${p.Id}${p.PaymentRefNum ? ` (${p.PaymentRefNum})` : ''}`;
    const linked = (p.Line ?? []).flatMap((l) => l.LinkedTxn ?? []).find((t) => t.TxnType === 'Invoice');
    const store = linked ? (invoiceStore.get(linked.TxnId) ?? null) : null;
    const date = p.TxnDate ?? '';
    postings.push({ store, date, account: `acct:${p.DepositToAccountRef.value}`, amount, source });
    postings.push({ store, date, account: p.ARAccountRef ? `acct:${p.ARAccountRef.value}` : INVOICE_AR, amount: -amount, source });
  }
  return {
    postings,
    transactions: { JournalEntry: journals.length, Invoice: invoices.length, CreditMemo: creditMemos.length, Payment: payments.length },
    queries: client.stats().meteredReads - before,
  };
}

/** "4000-01 Rental revenue - Store 1" for a QBO account, or the pseudo account's label. */
export function accountLabel(key: string, accounts: ReadonlyMap<string, Account>): string {
  if (key === INVOICE_AR) return 'A/R on QuickBooks invoices';
  if (key === INVOICE_TAX) return 'Sales tax on QuickBooks invoices';
  if (key.startsWith('acct:')) {
    const a = accounts.get(key.slice(5));
    if (!a) return `QuickBooks account ${key.slice(5)}`;
    return `${a.AcctNum ? `${a.AcctNum} ` : ''}${a.FullyQualifiedName ?? a.Name}`;
  }
  if (key.startsWith('por:')) return `Unmapped POR account ${key.split(':').slice(2).join(':')}`;
  return key;
}
