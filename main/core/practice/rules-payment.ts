/** Payment: applies to invoices (and credit memos) of the same customer; balances move with it. */
import { faults } from './faults';
import { type Body, type CompanyContext, asArray, isObject, refValue, str, toAmount, toCents } from './company-context';
import { checkReferences } from './references';
import type { EntityRules } from './rules-types';
import type { QboObject } from './company-store';
import { prepareTxnHeader, zeroAmounts } from './rules-txn-common';

interface Application {
  txnType: 'Invoice' | 'CreditMemo';
  txnId: string;
  cents: number;
}

function applications(body: Body): Application[] {
  const out: Application[] = [];
  for (const line of asArray(body.Line).filter(isObject)) {
    for (const link of asArray(line.LinkedTxn).filter(isObject)) {
      const txnType = str(link.TxnType);
      if (txnType !== 'Invoice' && txnType !== 'CreditMemo') continue;
      out.push({ txnType, txnId: str(link.TxnId) ?? '', cents: toCents(line.Amount) });
    }
  }
  return out;
}

/** Moves the open balance of each linked form by `sign` x applied amount. */
function moveBalances(ctx: CompanyContext, payment: QboObject, sign: 1 | -1): void {
  for (const app of applications(payment)) {
    const target = ctx.store.get(app.txnType, app.txnId);
    if (!target) continue;
    const key = app.txnType === 'Invoice' ? 'Balance' : 'RemainingCredit';
    const next = { ...target, [key]: toAmount(toCents(target[key]) - sign * app.cents) };
    if (app.txnType === 'CreditMemo') next.Balance = next.RemainingCredit;
    const links = asArray(target.LinkedTxn)
      .filter(isObject)
      .filter((l) => l.TxnId !== payment.Id);
    if (sign === 1) links.push({ TxnId: payment.Id, TxnType: 'Payment' });
    next.LinkedTxn = links;
    ctx.store.update(app.txnType, next);
  }
}

export const paymentRules: EntityRules = {
  transaction: true,
  canVoid: true,
  prepare(ctx, body, existing, opts) {
    if (!isObject(body.CustomerRef)) throw faults.requiredMissing('CustomerRef');
    if (body.TotalAmt === undefined) throw faults.requiredMissing('TotalAmt');
    checkReferences(ctx, 'Payment', body);
    const customer = refValue(body.CustomerRef);
    let applied = 0;
    for (const app of applications(body)) {
      const target = ctx.store.get(app.txnType, app.txnId);
      if (!target) throw faults.linkedTxnInvalid(`${app.txnType} ${app.txnId} was not found.`);
      if (refValue(target.CustomerRef) !== customer) {
        throw faults.linkedTxnInvalid(`${app.txnType} ${app.txnId} belongs to a different customer.`);
      }
      const alreadyMine = existing ? applications(existing).filter((a) => a.txnId === app.txnId && a.txnType === app.txnType) : [];
      const open = toCents(app.txnType === 'Invoice' ? target.Balance : target.RemainingCredit) + alreadyMine.reduce((s, a) => s + a.cents, 0);
      if (app.cents > open) {
        throw faults.business(
          `The payment amount applied to ${app.txnType} ${str(target.DocNumber) ?? app.txnId} is more than its open balance.`,
          'Line.Amount',
        );
      }
      applied += app.txnType === 'Invoice' ? app.cents : -app.cents;
    }
    const total = toCents(body.TotalAmt);
    if (applied > total) throw faults.business('The amount applied to invoices is more than the payment amount.', 'TotalAmt');
    prepareTxnHeader(ctx, 'Payment', body, existing, opts);
    if (!isObject(body.DepositToAccountRef)) {
      const undeposited = ctx.store.all('Account').find((a) => a.AccountSubType === 'UndepositedFunds');
      if (undeposited) body.DepositToAccountRef = { value: undeposited.Id, name: undeposited.Name };
    }
    body.TotalAmt = toAmount(total);
    body.UnappliedAmt = toAmount(total - applied);
    body.ProcessPayment = false;
  },
  afterSave(ctx, saved, previous) {
    if (previous) moveBalances(ctx, previous, -1);
    moveBalances(ctx, saved, 1);
  },
  afterRemove(ctx, removed) {
    moveBalances(ctx, removed, -1);
  },
  voidBody(body) {
    zeroAmounts(body);
    // A voided payment no longer applies to anything.
    for (const line of asArray(body.Line).filter(isObject)) line.LinkedTxn = [];
  },
};
