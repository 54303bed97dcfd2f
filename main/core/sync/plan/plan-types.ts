/** Input and output of planExports(): pure data in, pure data out. */
import type { Environment } from '../../environment';
import type { ExportMode } from '../../ledger/env-settings';
import type { IsoDate, PorDocument, PorDocumentType, SourceRef } from '../../por/model';
import type { ExportJob } from '../modes/export-job';

export interface StoreExportConfig {
  number: number;
  /** QB class, `Parent:Sub` (`Store 1:Burbank`): on every line this store posts. */
  className: string;
  exportFormat: 'API-QBO' | 'off';
  /**
   * POR A/R account for this store's payments and credit memos (the feed names one only on invoices).
   * When missing: the invoice the document refers to, else the one A/R account the store's invoices use.
   */
  arAccount?: string | null;
  /**
   * POR accounts of this store mapped to a QuickBooks Accounts Receivable account. QuickBooks needs a
   * customer on every A/R journal line, and POR's GL export nets A/R with no name: such lines post to the
   * store's A/R summary customer instead of being refused.
   */
  receivableAccounts?: readonly string[];
}

export interface PlanInput {
  environment: Environment;
  mode: ExportMode;
  /** Active documents (latest revision of each id). storeDayClosed documents close their day too. */
  documents: readonly PorDocument[];
  /**
   * Export parts already posted (by any job, in any mode): part key -> revision sent. A Set (no revisions)
   * is accepted too, but then a revised document can't be told from one already sent.
   */
  alreadySent: ReadonlyMap<string, number> | ReadonlySet<string>;
  stores: readonly StoreExportConfig[];
  /** Store days whose End of Day is done (besides any storeDayClosed documents). */
  closedDays?: Iterable<{ store: number; businessDate: IsoDate }>;
  /** Documents an undone job had posted: a new revision of one gets its own DocNumber. */
  undoneDocuments?: ReadonlySet<string>;
  /**
   * What other documents say, when `documents` is one slice of the ledger (the plan step plans a few days at
   * a time): customers' names and invoices' A/R accounts are then looked up across every active document.
   * Absent: `documents` is everything there is.
   */
  context?: PlanContext;
}

export interface PlanContext {
  /** The customer as the most recent active invoice or credit memo naming this POR number has it. */
  customer(number: string): { number: string; name: string; email: string | null } | null;
  /** The A/R account of the active invoice with this number at this store. */
  invoiceArAccount(store: number, invoiceNumber: string): string | null;
  /** Every A/R account the store's active invoices use, sorted. */
  storeArAccounts(store: number): string[];
}

export type HoldReason = 'dayNotClosed' | 'storeExportOff' | 'storeNotConfigured' | 'noStore' | 'invalidDocument' | 'receivableUnknown' | 'revisedAfterExport';

export interface HeldItem {
  documentKey: string;
  /** The parts held (an invoice's sale and paid-at-close parts may be held for the same reason). */
  partKeys: string[];
  type: PorDocumentType;
  store: number | null;
  businessDate: IsoDate;
  revision: number;
  reason: HoldReason;
  /** Plain words, with what to do about it. */
  message: string;
  source: SourceRef;
}

/** Left out on purpose by the mode (not an error, nothing to fix). */
export interface NotExportedItem {
  documentKey: string;
  partKeys: string[];
  store: number;
  businessDate: IsoDate;
  reason: 'counterPaymentInTransactionMode';
  message: string;
}

export interface ExportPlan {
  environment: Environment;
  mode: ExportMode;
  /** Ensure jobs (classes, customers, items) first, then postings by date, store and rule. */
  jobs: ExportJob[];
  held: HeldItem[];
  notExported: NotExportedItem[];
}
