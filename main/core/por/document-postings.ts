import type { Cents } from '../money';
import type { PorDocument } from './model';

export interface Posting {
  account: string;
  /** Positive = debit, negative = credit. */
  amount: Cents;
}

/**
 * The receivable a payment or credit memo settles: the feed does not name the A/R account on those
 * documents, so reconciliation shows it under this marker instead of guessing a number.
 */
export const UNNAMED_RECEIVABLE = '(A/R)';

/**
 * What a document does to the POR books, as signed postings per POR account. Reconciliation sums these
 * per store, day and account; they are what POR would have put in its GL export for the same document.
 */
export function documentPostings(doc: PorDocument): Posting[] {
  switch (doc.type) {
    case 'glJournal':
      return doc.lines.map((l) => ({ account: l.account, amount: l.amount }));
    case 'eodBatch':
      return doc.lines.map((l) => ({ account: l.account, amount: l.amount }));
    case 'invoice': {
      const out: Posting[] = [];
      for (const l of doc.lines) out.push({ account: l.account, amount: -l.amount });
      for (const t of doc.taxes) out.push({ account: t.account, amount: -t.amount });
      let paid = 0;
      for (const p of doc.paidAtClose) {
        out.push({ account: p.account, amount: p.amount });
        paid += p.amount;
      }
      if (doc.total - paid !== 0) out.push({ account: doc.arAccount, amount: doc.total - paid });
      return out;
    }
    case 'payment':
      return [
        { account: doc.account, amount: doc.amount },
        { account: UNNAMED_RECEIVABLE, amount: -doc.amount },
      ];
    case 'creditMemo': {
      const out: Posting[] = (doc.lines ?? []).map((l) => ({ account: l.account, amount: l.amount }));
      out.push({ account: UNNAMED_RECEIVABLE, amount: -doc.amount });
      return out;
    }
    case 'deposit': {
      const total = doc.lines.reduce((s, l) => s + l.amount, 0);
      return [{ account: doc.bankAccount, amount: total }, ...doc.lines.map((l) => ({ account: l.account, amount: -l.amount }))];
    }
    case 'storeDayClosed':
      return [];
  }
}
