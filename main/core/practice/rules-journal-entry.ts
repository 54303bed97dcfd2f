/** JournalEntry: balanced debits and credits; A/R and A/P lines name a customer or vendor. */
import { faults } from './faults';
import { asArray, isObject, str, toAmount, toCents } from './company-context';
import { checkReferences } from './references';
import type { EntityRules } from './rules-types';
import { numberLines, prepareTxnHeader, requireAmount, requireLines, zeroAmounts } from './rules-txn-common';

export const journalEntryRules: EntityRules = {
  transaction: true,
  canVoid: false,
  prepare(ctx, body, existing, opts) {
    const lines = requireLines(body);
    let debits = 0;
    let credits = 0;
    lines.forEach((line, i) => {
      const detail = line.JournalEntryLineDetail;
      if (line.DetailType !== 'JournalEntryLineDetail' || !isObject(detail)) {
        throw faults.requiredMissing(`Line[${i}].JournalEntryLineDetail`);
      }
      const cents = requireAmount(line, i);
      const posting = str(detail.PostingType);
      if (!posting) throw faults.requiredMissing(`Line[${i}].JournalEntryLineDetail.PostingType`);
      if (!isObject(detail.AccountRef)) throw faults.requiredMissing(`Line[${i}].JournalEntryLineDetail.AccountRef`);
      if (posting === 'Debit') debits += cents;
      else credits += cents;
    });
    checkReferences(ctx, 'JournalEntry', body);
    lines.forEach((line) => {
      const detail = line.JournalEntryLineDetail as Record<string, unknown>;
      const account = ctx.store.get('Account', str((detail.AccountRef as Record<string, unknown>).value) ?? '');
      const entity = isObject(detail.Entity) ? str(detail.Entity.Type) : undefined;
      if (account?.AccountType === 'Accounts Receivable' && entity !== 'Customer') {
        throw faults.business('When you use Accounts Receivable, you must choose a customer in the Name field.', 'Line.JournalEntryLineDetail.Entity');
      }
      if (account?.AccountType === 'Accounts Payable' && entity !== 'Vendor') {
        throw faults.business('When you use Accounts Payable, you must select a vendor in the Name field.', 'Line.JournalEntryLineDetail.Entity');
      }
    });
    if (debits !== credits) {
      throw faults.business(`Transaction must balance: debits ${(debits / 100).toFixed(2)} do not equal credits ${(credits / 100).toFixed(2)}.`, 'Line');
    }
    prepareTxnHeader(ctx, 'JournalEntry', body, existing, opts);
    numberLines(lines);
    for (const line of lines) delete line.LineNum; // JournalEntry lines carry Id only
    body.Line = lines;
    body.TotalAmt = toAmount(debits);
    if (body.Adjustment === undefined) body.Adjustment = false;
    // Normalise amounts to two decimals like QBO.
    for (const line of asArray(body.Line).filter(isObject)) line.Amount = toAmount(toCents(line.Amount));
  },
  voidBody: zeroAmounts,
};
