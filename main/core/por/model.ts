/**
 * The app's canonical model of POR documents, after parsing and validation. Readers (IIF GL export,
 * JSON Lines feed, practice store, a future POR API source) all produce these objects; the ledger stores
 * them; the sync modes turn them into QBO payloads. All money is integer cents; dates are `YYYY-MM-DD`.
 * A POR account is the POR account number (tags already expanded) or, in IIF, possibly a name.
 */
import type { Cents } from '../money';

export type IsoDate = string; // YYYY-MM-DD

/** Where a document came from, so every message can name the file and line. */
export interface SourceRef {
  kind: 'iif' | 'feed' | 'practice' | 'api';
  file: string | null;
  /** 1-based line of the document's first row. */
  line: number | null;
}

interface DocumentBase {
  /** Stable POR id. For GL blocks: derived from store, date and position (see the IIF reader). */
  id: string;
  /** POR store number; null only where a GL block names no store at all. */
  store: number | null;
  businessDate: IsoDate;
  /** A higher revision of the same id replaces the earlier one. */
  revision: number;
  source: SourceRef;
}

/** One TRNS..ENDTRNS block of a GL export: already balanced to the cent. Positive = debit. */
export interface GlJournal extends DocumentBase {
  type: 'glJournal';
  docNumber: string | null;
  memo: string | null;
  className: string | null;
  /** 'daily' for PRyymmdd, 'monthly' for PRyymmMONTHLYONLY. */
  period: 'daily' | 'monthly';
  lines: GlLine[];
}

export interface GlLine {
  account: string;
  className: string | null;
  amount: Cents;
  memo: string | null;
  /** Customer/vendor name when the row carries one (A/R lines). */
  name: string | null;
}

export type LineKind = 'rental' | 'sale' | 'damageWaiver' | 'delivery' | 'pickup' | 'labor' | 'fuel' | 'environmental' | 'other';
export type PaymentMethod = 'cash' | 'check' | 'creditCard' | 'debitCard' | 'amex' | 'ach';

export interface PorCustomer {
  number: string;
  name: string;
  email: string | null;
  accountCustomer: boolean;
}

export interface InvoiceLine {
  kind: LineKind;
  description: string;
  /** Quantity as a decimal string (POR allows fractional quantities, e.g. 1.5 days). */
  quantity: string;
  unitPrice: Cents;
  amount: Cents;
  taxable: boolean;
  account: string;
}

export interface InvoiceTax {
  name: string;
  /** Rate as a decimal string, e.g. "0.095". */
  rate: string;
  amount: Cents;
  account: string;
}

export interface PaidAtClose {
  method: PaymentMethod;
  amount: Cents;
  account: string;
}

export interface PorInvoice extends DocumentBase {
  type: 'invoice';
  invoiceNumber: string;
  contractNumber: string;
  customer: PorCustomer;
  invoiceDate: IsoDate;
  dueDate: IsoDate | null;
  lines: InvoiceLine[];
  taxes: InvoiceTax[];
  total: Cents;
  paidAtClose: PaidAtClose[];
  arAccount: string;
}

export interface PorPayment extends DocumentBase {
  type: 'payment';
  paymentId: string;
  customerNumber: string;
  method: PaymentMethod;
  amount: Cents;
  appliedTo: { invoiceNumber: string; amount: Cents }[];
  account: string;
  /** POR's `source` field (renamed: `source` is where we read it). */
  paymentSource: 'counter' | 'portal' | 'cardIntegration';
}

export interface PorCreditMemo extends DocumentBase {
  type: 'creditMemo';
  creditMemoNumber: string;
  customer: PorCustomer;
  amount: Cents;
  reason: string;
  invoiceNumber: string | null;
  lines: InvoiceLine[] | null;
}

export interface PorDeposit extends DocumentBase {
  type: 'deposit';
  depositId: string;
  kind: 'bank' | 'creditCard';
  bankAccount: string;
  lines: { method: PaymentMethod; amount: Cents; account: string }[];
}

export type EodCategory = 'inventory' | 'transfer' | 'cogs' | 'depreciation' | 'other';

export interface PorEodBatch extends DocumentBase {
  type: 'eodBatch';
  batchNumber: string;
  /** Positive = debit, negative = credit (the feed's debit|credit fields folded into one sign). */
  lines: { account: string; amount: Cents; memo: string; category: EodCategory }[];
}

export interface PorStoreDayClosed extends DocumentBase {
  type: 'storeDayClosed';
  eodCompletedAt: string;
}

export type PorDocument = GlJournal | PorInvoice | PorPayment | PorCreditMemo | PorDeposit | PorEodBatch | PorStoreDayClosed;
export type PorDocumentType = PorDocument['type'];

/** Why an input row was refused: always names the file, line and field. */
export interface InputProblem {
  file: string;
  line: number | null;
  field: string | null;
  message: string;
  /** What is known of the POR document the problem kept out (reconciliation still counts it on POR's side). */
  document?: RefusedDocument;
}

/** A document POR produced that was refused: where it belongs and the postings that could be read. */
export interface RefusedDocument {
  /** `<type>:<id>` when the id could be read: the corrected document with this key resolves the refusal. */
  key: string | null;
  store: number | null;
  businessDate: IsoDate | null;
  /** [POR account, signed cents], debit positive, of the lines that could be read. */
  postings: [string, number][];
  /** True when every line was read (the amounts are POR's whole document). */
  complete: boolean;
}
