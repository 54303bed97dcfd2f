/**
 * Company preflight: the QuickBooks company settings our postings depend on (QBO.md, "Company
 * preferences"), each as a checklist row with a plain explanation. Where the app can live with either
 * setting the row says what it will do; where it cannot (class tracking off while stores post with
 * classes) the row is a gate: postings are held with this row's words until the setting changes.
 * Pure: the settings come from the one Preferences read the engine (or connect) already made.
 */
import type { CompanySettings } from '../qbo/company-settings';

export const COMPANY_CHECK_IDS = ['classTracking', 'customNumbers', 'duplicateJournal', 'multiCurrency', 'salesTax'] as const;
export type CompanyCheckId = (typeof COMPANY_CHECK_IDS)[number];

export interface CompanyRow {
  id: CompanyCheckId;
  label: string;
  /** ok: fine as is; warning: the app adapts (detail says how) or the settings are not read yet; todo: postings are held. */
  state: 'ok' | 'warning' | 'todo';
  detail: string;
  /** Postings are held until this row is ok. */
  gate: boolean;
}

export interface PreflightContext {
  /** Stores that export with a class (every API-QBO store with a QB class). */
  storesWithClass: number;
  mode: 'batch' | 'realtime' | 'transaction' | null;
}

/** Held postings carry this prefix; they go out by themselves once the company's settings allow them. */
export const COMPANY_HOLD_PREFIX = 'QuickBooks company settings:';

export function classTrackingBlocks(settings: CompanySettings | null, storesWithClass: number): boolean {
  return settings?.classTracking === 'off' && storesWithClass > 0;
}

export function classTrackingHoldReason(): string {
  return `${COMPANY_HOLD_PREFIX} class tracking is off in QuickBooks, but every store posts to its class. Turn on "Track classes" (Account and settings > Advanced > Categories), then these go out by themselves.`;
}

export function companyPreflightRows(settings: CompanySettings | null, ctx: PreflightContext): CompanyRow[] {
  if (!settings) {
    return COMPANY_CHECK_IDS.map((id) => ({
      id,
      label: LABELS[id],
      state: 'warning',
      gate: false,
      detail: "Not read yet: connect to QuickBooks (the company's settings are read when you connect and before the first export).",
    }));
  }
  const rows: CompanyRow[] = [];
  const blocks = classTrackingBlocks(settings, ctx.storesWithClass);
  rows.push({
    id: 'classTracking',
    label: LABELS.classTracking,
    gate: true,
    state: blocks ? 'todo' : 'ok',
    detail: blocks
      ? capitalized(classTrackingHoldReason().slice(COMPANY_HOLD_PREFIX.length + 1))
      : settings.classTracking === 'off'
        ? 'Class tracking is off and no store posts with a class.'
        : settings.classTracking === 'perTransaction'
          ? "One class per transaction: invoices carry the store's class on the invoice, journal entries on each line."
          : "One class per line: every line carries the store's class.",
  });
  rows.push({
    id: 'customNumbers',
    label: LABELS.customNumbers,
    gate: false,
    state: settings.customTxnNumbers ? 'ok' : 'warning',
    detail: settings.customTxnNumbers
      ? "On: QuickBooks keeps POR's numbers (PR260314, invoice numbers), so you can search for them."
      : 'Off: QuickBooks numbers each transaction itself. POR\'s number stays in the memo; the app finds its own postings by date and a marker in the memo. Turn "Custom transaction numbers" on (Account and settings > Sales) to keep POR\'s numbers.',
  });
  rows.push({
    id: 'duplicateJournal',
    label: LABELS.duplicateJournal,
    gate: false,
    state: 'ok',
    detail:
      settings.duplicateJournalWarning === null
        ? 'QuickBooks does not say; the app never relies on it and checks for its own earlier postings itself.'
        : settings.duplicateJournalWarning
          ? 'On: QuickBooks refuses a journal number used before; the app gives every entry its own number and checks its earlier postings itself.'
          : 'Off: QuickBooks accepts a journal number twice; the app never relies on that warning and checks for its own earlier postings itself.',
  });
  rows.push({
    id: 'multiCurrency',
    label: LABELS.multiCurrency,
    gate: false,
    state: 'ok',
    detail: settings.multiCurrency
      ? `On: every posting is sent in the home currency, ${settings.homeCurrency}.`
      : `Off: everything is in ${settings.homeCurrency}.`,
  });
  rows.push({
    id: 'salesTax',
    label: LABELS.salesTax,
    gate: false,
    state: settings.automatedSalesTax && ctx.mode === 'transaction' ? 'warning' : 'ok',
    detail: !settings.automatedSalesTax
      ? "Automated sales tax is off: invoices carry POR's tax as sent."
      : ctx.mode === 'transaction'
        ? "Automated sales tax is on: each invoice states POR's tax (0.00 for exempt customers) so QuickBooks does not recompute it, and an invoice whose total QuickBooks changes is reported as failed."
        : 'Automated sales tax is on; it does not touch journal entries, so batch and real-time postings are unaffected.',
  });
  return rows;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const LABELS: Record<CompanyCheckId, string> = {
  classTracking: 'QuickBooks tracks classes the way the stores post them',
  customNumbers: 'Custom transaction numbers',
  duplicateJournal: 'Warning on duplicate journal numbers',
  multiCurrency: 'Multicurrency',
  salesTax: 'Sales tax',
};
