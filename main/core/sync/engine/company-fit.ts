/**
 * A resolved body made to fit the company's settings (read once from Preferences, qbo/company-settings.ts):
 * - class tracking off: nothing that carries a class can go (held with the preflight row's words);
 * - one class per transaction: sales-form lines lose their ClassRef (the form's header carries it);
 * - multicurrency: every transaction names the home currency (QBO requires CurrencyRef then).
 */
import type { WritableEntity } from '../../qbo/entities';
import type { CompanySettings } from '../../qbo/company-settings';
import { classTrackingHoldReason } from '../../cutover/company-preflight';

const TRANSACTIONS = new Set<WritableEntity>(['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit']);
const SALES_FORMS = new Set<WritableEntity>(['Invoice', 'CreditMemo']);

type Line = Record<string, unknown>;

export type FitResult = { body: object } | { hold: string };

export function fitToCompany(entity: WritableEntity, body: object, company: CompanySettings | null): FitResult {
  if (!company) return { body };
  if (company.classTracking === 'off' && (entity === 'Class' || carriesClass(body))) return { hold: classTrackingHoldReason() };
  if (!TRANSACTIONS.has(entity)) return { body };
  let out = body as Record<string, unknown>;
  if (company.classTracking === 'perTransaction' && SALES_FORMS.has(entity)) {
    out = { ...out, Line: (out.Line as Line[]).map((l) => withoutLineClass(l)) };
  }
  if (company.multiCurrency) out = { ...out, CurrencyRef: { value: company.homeCurrency } };
  return { body: out };
}

function carriesClass(body: object): boolean {
  const b = body as { ClassRef?: unknown; Line?: Line[] };
  if (b.ClassRef) return true;
  return (b.Line ?? []).some((l) => Object.values(l).some((d) => typeof d === 'object' && d !== null && 'ClassRef' in d));
}

function withoutLineClass(line: Line): Line {
  const detail = line.SalesItemLineDetail as Record<string, unknown> | undefined;
  if (!detail || !('ClassRef' in detail)) return line;
  const { ClassRef: _dropped, ...rest } = detail;
  return { ...line, SalesItemLineDetail: rest };
}
