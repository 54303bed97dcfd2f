/** Invoice and CreditMemo: customer, item lines with Amount = Qty x UnitPrice, tax total, balance. */
import { faults } from './faults';
import { type Body, type CompanyContext, isObject, refValue, str, toAmount, toCents } from './company-context';
import { checkReferences } from './references';
import { salesTaxCents } from './company-settings-rules';
import type { EntityRules, WriteOptions } from './rules-types';
import type { QboObject } from './company-store';
import { nextDocNumber, numberLines, prepareTxnHeader, requireAmount, requireLines, zeroAmounts } from './rules-txn-common';

const LINE_TAX_CODES = new Set(['TAX', 'NON']);

function prepareSalesForm(entity: 'Invoice' | 'CreditMemo') {
  return (ctx: CompanyContext, body: Body, existing: QboObject | undefined, opts: WriteOptions): void => {
    if (!isObject(body.CustomerRef)) throw faults.requiredMissing('CustomerRef');
    // QBO recomputes subtotal lines; drop the ones sent.
    const lines = requireLines(body).filter((l) => l.DetailType !== 'SubTotalLineDetail');
    let total = 0;
    lines.forEach((line, i) => {
      const cents = requireAmount(line, i);
      const detail = line.SalesItemLineDetail;
      if (line.DetailType === 'SalesItemLineDetail') {
        if (!isObject(detail)) throw faults.requiredMissing(`Line[${i}].SalesItemLineDetail`);
        if (!isObject(detail.ItemRef)) detail.ItemRef = { value: '1' }; // QBO's default "Services" item
        if (detail.Qty !== undefined && detail.UnitPrice !== undefined) {
          const expected = Math.round(Number(detail.Qty) * Number(detail.UnitPrice) * 100);
          if (Math.abs(expected - cents) > 0) throw faults.amountMismatch(String(line.Amount));
        }
        const taxCode = refValue(detail.TaxCodeRef);
        if (taxCode !== undefined && !LINE_TAX_CODES.has(taxCode)) {
          throw faults.business(`Line tax code must be TAX or NON; got "${taxCode}".`, 'TaxCodeRef');
        }
        total += cents;
      } else if (line.DetailType === 'DiscountLineDetail') {
        total -= cents;
      } else if (line.DetailType !== 'DescriptionOnly') {
        throw faults.requiredMissing(`Line[${i}].DetailType`);
      }
      line.Amount = toAmount(cents);
    });
    checkReferences(ctx, entity, body);
    prepareTxnHeader(ctx, entity, body, existing, opts);
    if (!str(body.DocNumber)) body.DocNumber = nextDocNumber(ctx, entity);
    const tax = salesTaxCents(ctx, body, lines);
    if (isObject(body.TxnTaxDetail)) body.TxnTaxDetail.TotalTax = toAmount(tax);
    else body.TxnTaxDetail = { TotalTax: 0 };
    const subtotal = lines.filter((l) => l.DetailType === 'SalesItemLineDetail').reduce((s, l) => s + toCents(l.Amount), 0);
    numberLines(lines);
    body.Line = [...lines, { Amount: toAmount(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
    body.TotalAmt = toAmount(total + tax);
    if (entity === 'Invoice') {
      if (!str(body.DueDate)) body.DueDate = body.TxnDate;
      // Payments already applied keep reducing the balance after an update.
      const paid = existing ? toCents(existing.TotalAmt) - toCents(existing.Balance) : 0;
      body.Balance = toAmount(total + tax - paid);
    } else {
      const used = existing ? toCents(existing.TotalAmt) - toCents(existing.RemainingCredit) : 0;
      body.RemainingCredit = toAmount(total + tax - used);
      body.Balance = body.RemainingCredit;
    }
    if (body.PrintStatus === undefined) body.PrintStatus = 'NotSet';
    if (body.EmailStatus === undefined) body.EmailStatus = 'NotSet';
  };
}

export const invoiceRules: EntityRules = {
  transaction: true,
  canVoid: true,
  prepare: prepareSalesForm('Invoice'),
  voidBody: zeroAmounts,
};

export const creditMemoRules: EntityRules = {
  transaction: true,
  canVoid: false,
  prepare: prepareSalesForm('CreditMemo'),
  voidBody: zeroAmounts,
};
