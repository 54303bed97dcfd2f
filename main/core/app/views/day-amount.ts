/**
 * One measure of a store-day's amount, the same on every screen: the debits of its entries netted per POR
 * account (what reconciliation compares, and what the accounts in QuickBooks show), not the gross lines
 * of a journal (one A/R line per customer) nor the POR documents before planning.
 */
export function netDebits(lines: Iterable<{ porAccount: string; debit: number; credit: number }>): number {
  const net = new Map<string, number>();
  for (const l of lines) net.set(l.porAccount, (net.get(l.porAccount) ?? 0) + l.debit - l.credit);
  let total = 0;
  for (const v of net.values()) if (v > 0) total += v;
  return total;
}
