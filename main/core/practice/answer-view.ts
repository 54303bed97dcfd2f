/**
 * What an answer shows of a stored object under the knobs that change QBO's output without changing
 * the company: JournalEntry.TotalAmt as 0 (journalTotalAmtZero), no Customer.AcctNum
 * (customerAcctNumDropped), inactive customers as "Name (deleted)" (inactiveNameSuffix). Applied to every answer: create/update results, replays, reads, queries
 * (before filtering, so a query cannot see what an answer would not show), batch items and CDC.
 */
import type { QboObject } from './company-store';
import type { CompanySettings } from './company-context';

export type AnswerView = (entity: string, obj: QboObject) => QboObject;

/** Returns `obj` itself when nothing is hidden, else a shallow copy with the changes. */
export function answerView(settings: Pick<CompanySettings, 'journalTotalAmtZero' | 'customerAcctNumDropped' | 'inactiveNameSuffix'>): AnswerView {
  return (entity, obj) => {
    if (entity === 'JournalEntry' && settings.journalTotalAmtZero && 'TotalAmt' in obj && obj.TotalAmt !== 0) {
      return { ...obj, TotalAmt: 0 };
    }
    if (entity !== 'Customer') return obj;
    let out = obj;
    if (settings.customerAcctNumDropped && 'AcctNum' in out) {
      const { AcctNum: _dropped, ...rest } = out;
      out = rest;
    }
    if (settings.inactiveNameSuffix && out.Active === false && typeof out.DisplayName === 'string') {
      out = { ...out, DisplayName: `${out.DisplayName} (deleted)`, FullyQualifiedName: `${out.DisplayName} (deleted)` };
    }
    return out;
  };
}
