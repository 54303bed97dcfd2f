/**
 * The GL effect of each practice document (positive = debit), and the netting POR's GL export does: all
 * lines of a store's day summed per account, zero sums dropped, one balanced journal per store per day.
 */
import type { Cents } from '../../money';
import type { GlJournal, PorDocument } from '../model';

export interface Posting {
  account: string;
  amount: Cents;
}

/** `arAccount` is where payments and credit memos take money off receivables (the feed does not say). */
export function documentPostings(doc: PorDocument, arAccount: string): Posting[] {
  switch (doc.type) {
    case 'invoice': {
      const paid = doc.paidAtClose.reduce((s, p) => s + p.amount, 0);
      return [
        ...doc.paidAtClose.map((p) => ({ account: p.account, amount: p.amount })),
        { account: doc.arAccount, amount: doc.total - paid },
        ...doc.lines.map((l) => ({ account: l.account, amount: -l.amount })),
        ...doc.taxes.map((t) => ({ account: t.account, amount: -t.amount })),
      ];
    }
    case 'payment':
      return [
        { account: doc.account, amount: doc.amount },
        { account: arAccount, amount: -doc.amount },
      ];
    case 'creditMemo': {
      const lines = doc.lines ?? [];
      const linesTotal = lines.reduce((s, l) => s + l.amount, 0);
      if (linesTotal !== doc.amount) throw new Error(`credit memo ${doc.id}: lines do not add up to the amount`);
      return [...lines.map((l) => ({ account: l.account, amount: l.amount })), { account: arAccount, amount: -doc.amount }];
    }
    case 'deposit': {
      const total = doc.lines.reduce((s, l) => s + l.amount, 0);
      return [{ account: doc.bankAccount, amount: total }, ...doc.lines.map((l) => ({ account: l.account, amount: -l.amount }))];
    }
    case 'eodBatch':
      return doc.lines.map((l) => ({ account: l.account, amount: l.amount }));
    case 'glJournal':
      return doc.lines.map((l) => ({ account: l.account, amount: l.amount }));
    case 'storeDayClosed':
      return [];
  }
}

/** Sum per account, drop zeros; debits first, then credits, each by account number (POR's summary shape). */
export function netPostings(postings: readonly Posting[]): Posting[] {
  const sums = new Map<string, Cents>();
  for (const p of postings) sums.set(p.account, (sums.get(p.account) ?? 0) + p.amount);
  const net = [...sums].filter(([, amount]) => amount !== 0).map(([account, amount]) => ({ account, amount }));
  const byAccount = (a: Posting, b: Posting): number => a.account.localeCompare(b.account, 'en', { numeric: true });
  return [...net.filter((p) => p.amount > 0).sort(byAccount), ...net.filter((p) => p.amount < 0).sort(byAccount)];
}

export interface StoreDayJournalInput {
  store: number;
  className: string;
  date: string;
  docNumber: string;
  postings: readonly Posting[];
  accountNames: ReadonlyMap<string, string>;
}

/** One store's day as the GL journal POR would export, or null when everything nets to zero. */
export function storeDayJournal(input: StoreDayJournalInput): GlJournal | null {
  const net = netPostings(input.postings);
  if (net.length === 0) return null;
  const total = net.reduce((s, p) => s + p.amount, 0);
  if (total !== 0) throw new Error(`store ${input.store} ${input.date}: postings do not balance (${total})`);
  const headMemo = `POR EOD store ${input.store}`;
  return {
    type: 'glJournal',
    id: `gl:${input.store}:${input.date}:1`,
    store: input.store,
    businessDate: input.date,
    revision: 1,
    source: { kind: 'practice', file: null, line: null },
    docNumber: input.docNumber,
    memo: headMemo,
    className: input.className,
    period: 'daily',
    lines: net.map((p, i) => ({
      account: p.account,
      className: input.className,
      amount: p.amount,
      memo: i === 0 ? headMemo : (input.accountNames.get(p.account) ?? p.account),
      name: null,
    })),
  };
}
