/**
 * Export payloads before reference resolution: QBO bodies in spirit, but amounts are still integer cents and
 * every reference (account, class, customer, item, tax code) is still the POR-side name. resolvePayload()
 * turns a draft into the exact QBO body once the mapping and reference cache can answer.
 */
import type { Cents } from '../../money';
import type { InvoiceTax, IsoDate, LineKind } from '../../por/model';
import type { PostingType } from '../../qbo/entities';

/** A POR account number as seen by one store (account mapping is per store). */
export interface AccountSym {
  store: number;
  porAccount: string;
}

/** A customer as POR knows it: linked by number first, then by display name. */
export interface CustomerSym {
  number: string | null;
  name: string | null;
  email: string | null;
}

/** Payment credit memos (transaction mode) need an item too: its income account is the clearing account. */
export type ItemKind = LineKind | 'payment';

/**
 * One QBO item per line kind and POR account: the item's income account is where the line's money lands,
 * so per-store POR accounts (4000-01, 4000-02) keep landing on their own QBO accounts.
 */
export interface ItemSym {
  kind: ItemKind;
  store: number;
  porAccount: string;
}

export type TaxCodeSym = 'TAX' | 'NON';

export interface JournalDraftLine {
  posting: PostingType;
  /** Always > 0: the side is in `posting`. */
  amount: Cents;
  account: AccountSym;
  className: string;
  /** Set on A/R lines (QBO requires a customer there) and on GL rows that name one. */
  customer: CustomerSym | null;
  description: string | null;
}

export interface JournalDraft {
  entity: 'JournalEntry';
  txnDate: IsoDate;
  docNumber: string;
  privateNote: string;
  lines: JournalDraftLine[];
}

export interface SalesDraftLine {
  item: ItemSym;
  description: string | null;
  /** Decimal string, exactly as sent as Qty. */
  qty: string;
  /** Cents; Amount == Qty x UnitPrice exactly (see transaction-mode.ts for the Qty 1 fallback). */
  unitPrice: Cents;
  amount: Cents;
  taxCode: TaxCodeSym;
  className: string;
}

export interface SalesDraft {
  entity: 'Invoice' | 'CreditMemo';
  customer: CustomerSym;
  docNumber: string;
  txnDate: IsoDate;
  /** Invoices only. */
  dueDate: IsoDate | null;
  className: string;
  privateNote: string;
  lines: SalesDraftLine[];
  totalTax: Cents;
  /** POR's tax lines, for TxnTaxCodeRef lookup and the preview. */
  taxes: InvoiceTax[];
  /** Lines + tax. */
  total: Cents;
}

/**
 * Transaction mode: what was paid when the contract closed, as a QBO Payment applied to its invoice and
 * deposited to the drawer or clearing account POR names (so the invoice reads paid in QuickBooks).
 */
export interface PaymentDraft {
  entity: 'Payment';
  customer: CustomerSym;
  txnDate: IsoDate;
  /** POR's invoice number: the payment's reference number, and how people find it. */
  refNumber: string;
  /** The drawer / clearing account it is deposited to. */
  depositTo: AccountSym;
  /** The invoice's A/R account (the credit side). */
  arAccount: AccountSym;
  amount: Cents;
  /** Applied to the invoice; the rest (an overpayment) stays unapplied credit. */
  applied: Cents;
  /** The idempotency key of the invoice's own job: the payment links to what that job created. */
  invoiceJobKey: string;
  privateNote: string;
}

export interface CustomerDraft {
  entity: 'Customer';
  customer: CustomerSym;
}

export interface ClassDraft {
  entity: 'Class';
  fullyQualifiedName: string;
  /** Last segment of the name. */
  name: string;
  /** Full name of the parent class, or null for a top-level class. */
  parent: string | null;
}

export interface ItemDraft {
  entity: 'Item';
  item: ItemSym;
  /** Name used when the item has to be created. */
  name: string;
}

export type JobPayload = JournalDraft | SalesDraft | PaymentDraft | CustomerDraft | ClassDraft | ItemDraft;
export type JobKind = JobPayload['entity'];

/**
 * What a job does to the books, in journal form, per POR account: the dry-run preview the UI shows and
 * the POR side of reconciliation. Exactly one of debit / credit is non-zero.
 */
export interface EffectLine {
  store: number;
  porAccount: string;
  className: string;
  customer: CustomerSym | null;
  debit: Cents;
  credit: Cents;
  description: string | null;
}
