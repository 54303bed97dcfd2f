/**
 * On connect (and when the wizard or go-live checklist asks again): read Preferences and CompanyInfo and
 * keep the company's settings in the ledger, where the preflight rows and the engine find them. Best
 * effort: a company that cannot be read now is read again before the first export.
 */
import type { Ledger } from '../ledger';
import { companySettingsOf, type CompanySettings } from '../qbo/company-settings';
import type { QboClient } from '../qbo/qbo-client';
import type { QboLogger } from '../qbo/qbo-log';

export async function readCompanySettings(
  ledger: Ledger,
  client: QboClient,
  options: { log?: QboLogger; companyInfo?: boolean } = {},
): Promise<CompanySettings | null> {
  const { log } = options;
  try {
    // CompanyInfo only names the plan; connect has just read it once already, so it is asked for on request.
    const [prefs, info] = await Promise.all([client.preferences(), options.companyInfo ? client.companyInfo() : Promise.resolve(null)]);
    return keepCompanySettings(ledger, companySettingsOf(prefs, info));
  } catch (err) {
    log?.({ level: 'warn', event: 'company.settings-unread', message: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** Stores what was read (history gets an entry only when something changed); keeps the plan when not re-read. */
export function keepCompanySettings(ledger: Ledger, read: CompanySettings): CompanySettings {
  const before = ledger.settings.get('companySettings');
  const settings = { ...read, plan: read.plan ?? before?.plan ?? null };
  if (JSON.stringify(before) !== JSON.stringify(settings)) ledger.settings.set('companySettings', settings);
  return settings;
}
