import type { CompanyStore, QboObject } from './company-store';
import type { FaultKnobs } from './fault-knobs';

/**
 * Company preferences and QBO behaviours the rules consult; tests change them at runtime through the
 * knobs (see fault-knobs.ts for each one's meaning).
 */
export type CompanySettings = Pick<
  FaultKnobs,
  | 'closingDate'
  | 'duplicateDocNumberCheck'
  | 'subscriptionEnded'
  | 'closedBooksFault'
  | 'undoRefusal'
  | 'customTxnNumbers'
  | 'customerAcctNumDropped'
  | 'journalTotalAmtZero'
  | 'inactiveNameSuffix'
  | 'astHonoursTotalTax'
  | 'classTracking'
  | 'multiCurrency'
  | 'homeCurrency'
  | 'automatedSalesTax'
  | 'astRatePercent'
>;

export interface CompanyContext {
  store: CompanyStore;
  settings: CompanySettings;
  now(): number;
}

/** What every rule works with: a mutable copy of the body being created or updated. */
export type Body = QboObject;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Amount to integer cents; QBO takes decimals and rounds to cents. */
export function toCents(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return 0;
  return Math.round(Number((n * 100).toFixed(6)));
}

/** Cents back to the JSON number QBO prints. */
export const toAmount = (cents: number): number => Math.round(cents) / 100;

export function refValue(v: unknown): string | undefined {
  return isObject(v) ? str(v.value) : undefined;
}
