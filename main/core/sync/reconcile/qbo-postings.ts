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

/**
 * Takes one signed posting (cents, positive = debit) of QuickBooks' side: `account` is `acct:<QBO account Id>`
 * or one of the pseudo accounts above. Reconciliation adds it into its report's cell at once.
 */
export type AddQboPosting = (store: number | null, date: string, account: string, cents: number) => void;

export interface QboSideRead {
  transactions: { JournalEntry: number; Invoice: number; CreditMemo: number; Payment: number };
  /** Metered reads spent on this (queries). */
  queries: number;
}

const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);

/** What a Payment needs until every invoice is read (the store of the invoice it is applied to). */
interface PendingPayment {
  date: string;
  amount: number;
  depositTo: string;
  ar: string;
  invoiceId: string | null;
}

/**
 * Reads QuickBooks' side page by page (1,000 transactions a query) and hands each posting to `add` as the
 * page arrives: a year of a chain is hundreds of thousands of transactions, and only one page of them is
 * held at a time (plus, per invoice, its store, and per payment five fields until the invoices are read).
 */
export async function readQboSide(
  client: QboClient,
  references: ReferenceCache,
  range: { from: string; to: string },
  storeOfClass: (fullyQualifiedName: string) => number | null,
  add: AddQboPosting,
): Promise<QboSideRead> {
  const where = `where TxnDate >= '${range.from}' and TxnDate <= '${range.to}'`;
  const before = client.stats().meteredReads;
  const classes = new Map(((await references.list('Class')) as QboClass[]).map((c) => [c.Id!, c.FullyQualifiedName ?? c.Name]));
  const items = new Map(((await references.list('Item')) as Item[]).map((i) => [i.Id!, i]));
  const storeOf = (ref: { value: string; name?: string } | undefined): number | null => {
    if (!ref) return null;
    const name = classes.get(ref.value) ?? ref.name;
    return name ? storeOfClass(name) : null;
  };
  const transactions = { JournalEntry: 0, Invoice: 0, CreditMemo: 0, Payment: 0 };

  const journal = (je: JournalEntry) => {
    for (const line of je.Line ?? []) {
      const d = line.JournalEntryLineDetail;
      if (!d?.AccountRef) continue;
      const amount = cents(line.Amount);
      add(storeOf(d.ClassRef), je.TxnDate, `acct:${d.AccountRef.value}`, d.PostingType === 'Debit' ? amount : -amount);
    }
  };
  /** A sales form's store: its own class, or (a company tracking classes per line) its first line's. */
  const formStore = (doc: Invoice | CreditMemo): number | null => {
    const lineClass = (doc.Line ?? []).flatMap((l) =>
      l.DetailType === 'SalesItemLineDetail' && l.SalesItemLineDetail.ClassRef ? [l.SalesItemLineDetail.ClassRef] : [],
    )[0];
    return storeOf(doc.ClassRef) ?? storeOf(lineClass);
  };
  const sales = (doc: Invoice | CreditMemo, sign: 1 | -1) => {
    const store = formStore(doc);
    const date = doc.TxnDate ?? '';
    for (const line of doc.Line ?? []) {
      if (line.DetailType !== 'SalesItemLineDetail') continue;
      const item = items.get(line.SalesItemLineDetail.ItemRef.value);
      const account = item?.IncomeAccountRef?.value;
      add(
        storeOf(line.SalesItemLineDetail.ClassRef) ?? store,
        date,
        account ? `acct:${account}` : `qbo:item-${line.SalesItemLineDetail.ItemRef.value}`,
        -sign * cents(line.Amount),
      );
    }
    const tax = cents(doc.TxnTaxDetail?.TotalTax);
    if (tax !== 0) add(store, date, INVOICE_TAX, -sign * tax);
    const total = cents(doc.TotalAmt);
    if (total !== 0) add(store, date, INVOICE_AR, sign * total);
  };
  const invoiceStore = new Map<string, number | null>();
  const payments: PendingPayment[] = [];

  const each = async <E extends 'JournalEntry' | 'Invoice' | 'CreditMemo' | 'Payment'>(entity: E, take: (row: EntityOf<E>) => void) => {
    for await (const page of client.queryPages(entity, where)) {
      transactions[entity] += page.length;
      for (const row of page) take(row as EntityOf<E>);
    }
  };
  await Promise.all([
    each('JournalEntry', journal),
    each('Invoice', (inv: Invoice) => {
      sales(inv, 1);
      if (inv.Id) invoiceStore.set(inv.Id, formStore(inv));
    }),
    each('CreditMemo', (cm: CreditMemo) => sales(cm, -1)),
    each('Payment', (p: Payment) => {
      const amount = cents(p.TotalAmt);
      if (amount === 0 || !p.DepositToAccountRef) return;
      const linked = (p.Line ?? []).flatMap((l) => l.LinkedTxn ?? []).find((t) => t.TxnType === 'Invoice');
      payments.push({
        date: p.TxnDate ?? '',
        amount,
        depositTo: `acct:${p.DepositToAccountRef.value}`,
        ar: p.ARAccountRef ? `acct:${p.ARAccountRef.value}` : INVOICE_AR,
        invoiceId: linked?.TxnId ?? null,
      });
    }),
  ]);
  // A payment debits where it was deposited and credits its A/R, at the store of the invoice it is applied to.
  for (const p of payments) {
    const store = p.invoiceId === null ? null : (invoiceStore.get(p.invoiceId) ?? null);
    add(store, p.date, p.depositTo, p.amount);
    add(store, p.date, p.ar, -p.amount);
  }
  return { transactions, queries: client.stats().meteredReads - before };
}

type EntityOf<E> = E extends 'JournalEntry' ? JournalEntry : E extends 'Invoice' ? Invoice : E extends 'CreditMemo' ? CreditMemo : Payment;

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
