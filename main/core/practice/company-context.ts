import type { CompanyStore, QboObject } from './company-store';

/** Company preferences the rules consult; tests change them at runtime through the knobs. */
export interface CompanySettings {
  /** Books closed through this date (YYYY-MM-DD): transactions on or before it fault 6210. */
  closingDate: string | null;
  /** "Warn if duplicate journal/transaction number is used": duplicate DocNumber faults 6140. */
  duplicateDocNumberCheck: boolean;
  /** The subscription ended: every write faults 6190. */
  subscriptionEnded: boolean;
}

export interface CompanyContext {
  store: CompanyStore;
  settings: CompanySettings;
  now(): number;
}

/** What every rule works with: a mutable copy of the body being created or updated. */
export type Body = QboObject;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

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
