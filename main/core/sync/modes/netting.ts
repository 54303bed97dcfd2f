/**
 * POR's GL export is "a summary of balancing entries, not a list of transactions": lines to the same
 * account are netted. We net the same way, with one refinement QBO forces on us: A/R lines must name a
 * customer, so A/R is netted per account AND customer. Accounts that net to zero are dropped.
 */
import type { Cents } from '../../money';
import type { CustomerSym, EffectLine, JournalDraftLine } from './draft-types';
import type { Posting } from './postings';

export interface NettedLine {
  account: string;
  customer: CustomerSym | null;
  /** Positive = debit, negative = credit; never zero. */
  amount: Cents;
  description: string | null;
}

export function customerIdentity(c: CustomerSym | null): string {
  if (c === null) return '';
  return c.number !== null ? `#${c.number}` : `name:${c.name ?? ''}`;
}

/**
 * Nets postings per (account, customer). Output order is stable and independent of input order:
 * by account, then customer. `summary` labels a line that merged postings with different memos.
 */
export function netPostings(postings: readonly Posting[], summary: (count: number) => string): NettedLine[] {
  const groups = new Map<string, { account: string; customer: CustomerSym | null; amount: Cents; memos: Set<string>; count: number }>();
  for (const p of postings) {
    const key = `${p.account}\u0000${customerIdentity(p.customer)}`;
    let g = groups.get(key);
    if (!g) {
      g = { account: p.account, customer: p.customer, amount: 0, memos: new Set(), count: 0 };
      groups.set(key, g);
    }
    g.amount += p.amount;
    g.count += 1;
    g.memos.add(p.memo);
  }
  const out: NettedLine[] = [];
  for (const g of groups.values()) {
    if (g.amount === 0) continue;
    const description = g.memos.size === 1 ? [...g.memos][0]! : summary(g.count);
    out.push({ account: g.account, customer: g.customer, amount: g.amount, description });
  }
  return out.sort(compareNetted);
}

function compareNetted(a: NettedLine, b: NettedLine): number {
  return cmp(a.account, b.account) || cmp(customerIdentity(a.customer), customerIdentity(b.customer));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Signed amounts to QBO journal lines (positive Amount, side in PostingType). Zero amounts are dropped. */
export function toJournalLines(lines: readonly NettedLine[], store: number, className: string): JournalDraftLine[] {
  return lines
    .filter((l) => l.amount !== 0)
    .map((l) => ({
      posting: l.amount > 0 ? 'Debit' : 'Credit',
      amount: Math.abs(l.amount),
      account: { store, porAccount: l.account },
      className,
      customer: l.customer,
      description: l.description,
    }));
}

export function journalEffect(lines: readonly JournalDraftLine[]): EffectLine[] {
  return lines.map((l) => ({
    store: l.account.store,
    porAccount: l.account.porAccount,
    className: l.className,
    customer: l.customer,
    debit: l.posting === 'Debit' ? l.amount : 0,
    credit: l.posting === 'Credit' ? l.amount : 0,
    description: l.description,
  }));
}

export function effectTotals(lines: readonly EffectLine[]): { debits: Cents; credits: Cents } {
  let debits = 0;
  let credits = 0;
  for (const l of lines) {
    debits += l.debit;
    credits += l.credit;
  }
  return { debits, credits };
}
