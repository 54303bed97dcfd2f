/** Header checks every transaction shares: date and closing date, DocNumber (custom or system), length and duplicates. */
import { faults } from './faults';
import { qboDate } from './qbo-time';
import type { QboObject } from './company-store';
import { type Body, type CompanyContext, asArray, isObject, str, toCents } from './company-context';
import type { WriteOptions } from './rules-types';
import { enforceClassTracking, enforceCurrency } from './company-settings-rules';

const TXN_TYPE_LABEL: Record<string, string> = { JournalEntry: 'Journal Entry', CreditMemo: 'Credit Memo' };
const MAX_DOC_NUMBER = 21;

export function assertOpenPeriod(ctx: CompanyContext, txnDate: unknown): void {
  const closing = ctx.settings.closingDate;
  const date = str(txnDate);
  if (closing && date && date.slice(0, 10) <= closing) throw faults.periodClosed(closing, ctx.settings.closedBooksFault);
}

export function prepareTxnHeader(ctx: CompanyContext, entity: string, body: Body, existing: QboObject | undefined, opts: WriteOptions): void {
  if (!str(body.TxnDate)) body.TxnDate = qboDate(ctx.now());
  if (existing) assertOpenPeriod(ctx, existing.TxnDate);
  assertOpenPeriod(ctx, body.TxnDate);
  enforceCurrency(ctx, body);
  enforceClassTracking(ctx, entity, body);
  if (!ctx.settings.customTxnNumbers) {
    // Custom transaction numbers off: QBO numbers the form itself and ignores the number sent.
    const kept = existing ? str(existing.DocNumber) : nextDocNumber(ctx, entity);
    if (kept === undefined) delete body.DocNumber;
    else body.DocNumber = kept;
    return;
  }
  const doc = str(body.DocNumber);
  if (doc === undefined) return;
  if (doc.length > MAX_DOC_NUMBER) throw faults.stringTooLong('DocNumber', MAX_DOC_NUMBER, doc.length);
  if (!ctx.settings.duplicateDocNumberCheck || opts.allowDuplicateDocNum || doc === '') return;
  const clash = ctx.store.all(entity).find((o) => o.DocNumber === doc && o.Id !== existing?.Id);
  if (clash) throw faults.duplicateDocNumber(doc, TXN_TYPE_LABEL[entity] ?? entity, String(clash.Id));
}

/** QBO numbers sales forms itself when DocNumber is left out, and every form when custom numbers are off. */
export function nextDocNumber(ctx: CompanyContext, entity: string): string {
  let max = 1000;
  for (const o of ctx.store.all(entity)) {
    const n = Number(o.DocNumber);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

export function requireLines(body: Body): Record<string, unknown>[] {
  const lines = asArray(body.Line).filter(isObject);
  if (lines.length === 0) throw faults.business('You must fill out at least one split line.', 'Line');
  return lines;
}

/** Line Ids and LineNums as QBO assigns them ("1", "2", ...). */
export function numberLines(lines: Record<string, unknown>[]): void {
  lines.forEach((line, i) => {
    line.Id = String(i + 1);
    line.LineNum = i + 1;
  });
}

export function requireAmount(line: Record<string, unknown>, index: number): number {
  if (line.Amount === undefined || line.Amount === null || line.Amount === '') throw faults.requiredMissing(`Line[${index}].Amount`);
  return toCents(line.Amount);
}

/** Zeroes amounts on void, keeping the lines (QBO shows a voided form with $0.00). */
export function zeroAmounts(body: Body): void {
  for (const line of asArray(body.Line).filter(isObject)) line.Amount = 0;
  for (const key of ['TotalAmt', 'Balance', 'RemainingCredit', 'UnappliedAmt']) if (key in body) body[key] = 0;
  if (isObject(body.TxnTaxDetail)) body.TxnTaxDetail.TotalTax = 0;
  const note = str(body.PrivateNote);
  body.PrivateNote = note ? `Voided - ${note}` : 'Voided';
}
