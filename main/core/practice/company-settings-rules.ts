/**
 * What the company's settings change about a write (fault-knobs.ts: classTracking, multiCurrency,
 * automatedSalesTax): class tracking and currency for every transaction, automated sales tax for sales
 * forms. Like QBO, a setting the body does not fit is refused with a fault, never silently fixed.
 */
import { faults } from './faults';
import { type Body, type CompanyContext, asArray, isObject, refValue, toCents } from './company-context';

const SALES_FORMS = new Set(['Invoice', 'CreditMemo']);

/** Class tracking off: no ClassRef anywhere; per transaction: none on sales-form lines; per line: header dropped. */
export function enforceClassTracking(ctx: CompanyContext, entity: string, body: Body): void {
  const mode = ctx.settings.classTracking;
  const lineClasses = asArray(body.Line)
    .filter(isObject)
    .filter((l) => {
      const detail = Object.values(l).find((v) => isObject(v) && 'ClassRef' in v) as Record<string, unknown> | undefined;
      return detail !== undefined && isObject(detail.ClassRef);
    });
  if (mode === 'off') {
    if (isObject(body.ClassRef) || lineClasses.length > 0) {
      throw faults.business(
        'Class tracking is turned off for this company: a transaction cannot name a class. Turn on "Track classes" in Account and settings > Advanced.',
        'ClassRef',
      );
    }
    return;
  }
  if (!SALES_FORMS.has(entity)) return;
  if (mode === 'perTxn' && lineClasses.length > 0) {
    throw faults.business('This company assigns one class to each transaction: a line cannot name its own class.', 'Line.SalesItemLineDetail.ClassRef');
  }
  if (mode === 'perLine') delete body.ClassRef;
}

/** Multicurrency: CurrencyRef is required and must be the home currency here; off: the home currency is set. */
export function enforceCurrency(ctx: CompanyContext, body: Body): void {
  const home = ctx.settings.homeCurrency;
  const sent = refValue(body.CurrencyRef);
  if (ctx.settings.multiCurrency) {
    if (sent === undefined) throw faults.requiredMissing('CurrencyRef');
    if (sent !== home) throw faults.business(`Currency ${sent} has no exchange rate in this company (home currency ${home}).`, 'CurrencyRef');
    return;
  }
  if (sent !== undefined && sent !== home) throw faults.business(`Multicurrency is off: every transaction is in ${home}, not ${sent}.`, 'CurrencyRef');
  body.CurrencyRef = { value: home, name: home };
}

/**
 * Automated sales tax: the company's rate on the taxable lines, unless TxnTaxDetail.TotalTax is given
 * (then that amount is kept); the tax code sent is replaced by AST's own. Off: the tax sent, or 0.
 */
export function salesTaxCents(ctx: CompanyContext, body: Body, lines: readonly Record<string, unknown>[]): number {
  const detail = isObject(body.TxnTaxDetail) ? body.TxnTaxDetail : undefined;
  const given = detail !== undefined && detail.TotalTax !== undefined && detail.TotalTax !== null && detail.TotalTax !== '';
  if (!ctx.settings.automatedSalesTax) return given ? toCents(detail.TotalTax) : 0;
  if (detail) delete detail.TxnTaxCodeRef;
  if (given && ctx.settings.astHonoursTotalTax) return toCents(detail.TotalTax);
  const taxable = lines
    .filter((l) => l.DetailType === 'SalesItemLineDetail' && isObject(l.SalesItemLineDetail) && refValue(l.SalesItemLineDetail.TaxCodeRef) === 'TAX')
    .reduce((s, l) => s + toCents(l.Amount), 0);
  return Math.round((taxable * ctx.settings.astRatePercent) / 100);
}
