/**
 * The company settings that change what QBO accepts from us (QBO.md, "Company preferences"), read from
 * Preferences (one metered read) and, where the plan matters, CompanyInfo. Pure parsing: the engine
 * and the preflight read Preferences themselves and pass the answer here.
 */
import type { CompanyInfo, Preferences } from './entities';

export type ClassTrackingSetting = 'off' | 'perTransaction' | 'perLine';

export interface CompanySettings {
  classTracking: ClassTrackingSetting;
  /** Custom transaction numbers: off, QBO numbers transactions itself and ignores ours. */
  customTxnNumbers: boolean;
  /** Warn on duplicate journal numbers (6140); null when Preferences do not say. */
  duplicateJournalWarning: boolean | null;
  multiCurrency: boolean;
  homeCurrency: string;
  automatedSalesTax: boolean;
  /** CompanyInfo's OfferingSku, when read. */
  plan: string | null;
}

export function companySettingsOf(prefs: Preferences, info?: CompanyInfo | null): CompanySettings {
  const acct = prefs.AccountingInfoPrefs ?? {};
  const warn = prefs.OtherPrefs?.NameValue?.find((n) => n.Name === 'WarnDuplicateJournalNumber')?.Value;
  return {
    classTracking: acct.ClassTrackingPerTxnLine ? 'perLine' : acct.ClassTrackingPerTxn ? 'perTransaction' : 'off',
    customTxnNumbers: prefs.SalesFormsPrefs?.CustomTxnNumbers !== false,
    duplicateJournalWarning: warn === undefined ? null : warn.toLowerCase() === 'true',
    multiCurrency: prefs.CurrencyPrefs?.MultiCurrencyEnabled === true,
    homeCurrency: prefs.CurrencyPrefs?.HomeCurrency?.value ?? 'USD',
    automatedSalesTax: prefs.TaxPrefs?.PartnerTaxEnabled === true,
    plan: info?.NameValue?.find((n) => n.Name === 'OfferingSku')?.Value ?? null,
  };
}
