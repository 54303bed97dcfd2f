/** Deposit: into a bank (or other current asset) account; each line names the account it comes from. */
import { faults } from './faults';
import { isObject, refValue, toAmount } from './company-context';
import { checkReferences } from './references';
import type { EntityRules } from './rules-types';
import { numberLines, prepareTxnHeader, requireAmount, requireLines, zeroAmounts } from './rules-txn-common';

const DEPOSITABLE = new Set(['Bank', 'Other Current Asset']);

export const depositRules: EntityRules = {
  transaction: true,
  canVoid: false,
  prepare(ctx, body, existing, opts) {
    if (!isObject(body.DepositToAccountRef)) throw faults.requiredMissing('DepositToAccountRef');
    const lines = requireLines(body);
    let total = 0;
    lines.forEach((line, i) => {
      const cents = requireAmount(line, i);
      const detail = line.DepositLineDetail;
      const linked = line.LinkedTxn !== undefined;
      if (!linked && (line.DetailType !== 'DepositLineDetail' || !isObject(detail))) {
        throw faults.requiredMissing(`Line[${i}].DepositLineDetail`);
      }
      if (!linked && isObject(detail) && !isObject(detail.AccountRef)) throw faults.requiredMissing(`Line[${i}].DepositLineDetail.AccountRef`);
      line.Amount = toAmount(cents);
      total += cents;
    });
    checkReferences(ctx, 'Deposit', body);
    const to = ctx.store.get('Account', refValue(body.DepositToAccountRef) ?? '');
    if (to && !DEPOSITABLE.has(String(to.AccountType))) {
      throw faults.business('You can only deposit into a bank or other current asset account.', 'DepositToAccountRef');
    }
    prepareTxnHeader(ctx, 'Deposit', body, existing, opts);
    numberLines(lines);
    body.Line = lines;
    body.TotalAmt = toAmount(total);
  },
  voidBody: zeroAmounts,
};
