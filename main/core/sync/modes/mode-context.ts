/** What every mode builder needs besides the documents themselves. */
import type { Environment } from '../../environment';
import type { ExportMode } from '../../ledger/env-settings';
import type { CustomerSym } from './draft-types';
import type { DocNumbering } from './numbering';

export interface ModeContext {
  environment: Environment;
  mode: ExportMode;
  /** The plan's one canonical customer per POR customer number (payments carry only the number). */
  customer(number: string, fallback: CustomerSym | null): CustomerSym;
  /** How DocNumbers read (numbering.ts); absent: one store, nothing posted before. */
  numbering?: DocNumbering;
}

/** A store as the modes see it: every line it posts carries its class (`Parent:Sub`). */
export interface StoreContext {
  number: number;
  className: string;
  /** POR accounts mapped to QuickBooks A/R (see StoreExportConfig.receivableAccounts). */
  receivableAccounts?: ReadonlySet<string>;
}

/** The one customer a store's unnamed A/R lines (POR's netted GL export) post to; created when first needed. */
export function arSummaryCustomer(store: StoreContext): CustomerSym {
  return { number: null, name: `POR A/R summary - Store ${store.number}`, email: null };
}

export function storeLabel(store: StoreContext): string {
  return `POR store ${store.number} (${store.className})`;
}
