/**
 * What an answer shows of a stored object under the knobs that change QBO's output without changing
 * the company: JournalEntry.TotalAmt as 0 (journalTotalAmtZero), no Customer.AcctNum
 * (customerAcctNumDropped). Applied to every answer: create/update results, replays, reads, queries
 * (before filtering, so a query cannot see what an answer would not show), batch items and CDC.
 */
import type { QboObject } from './company-store';
import type { CompanySettings } from './company-context';

export type AnswerView = (entity: string, obj: QboObject) => QboObject;

/** Returns `obj` itself when nothing is hidden, else a shallow copy with the changes. */
export function answerView(settings: Pick<CompanySettings, 'journalTotalAmtZero' | 'customerAcctNumDropped'>): AnswerView {
  return (entity, obj) => {
    if (entity === 'JournalEntry' && settings.journalTotalAmtZero && 'TotalAmt' in obj && obj.TotalAmt !== 0) {
      return { ...obj, TotalAmt: 0 };
    }
    if (entity === 'Customer' && settings.customerAcctNumDropped && 'AcctNum' in obj) {
      const { AcctNum: _dropped, ...rest } = obj;
      return rest;
    }
    return obj;
  };
}
