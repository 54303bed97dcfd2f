/**
 * Which POR store a GL block belongs to. POR's class is `Store N:City` (or starts with `Store N`); failing
 * that, per-store account numbers end in `-NN` (`1020-01`) and must all agree. Otherwise: unknown (null).
 */
const STORE_CLASS = /^\s*store\s*#?\s*(\d{1,4})(?!\d)/i;
const STORE_SUFFIX = /^\d+-(\d{1,3})$/;

export function storeFromClass(className: string | null): number | null {
  if (!className) return null;
  const m = STORE_CLASS.exec(className);
  return m ? Number(m[1]) : null;
}

export function storeFromAccountSuffixes(accounts: readonly string[]): number | null {
  let store: number | null = null;
  for (const account of accounts) {
    const m = STORE_SUFFIX.exec(account);
    if (!m) continue;
    const n = Number(m[1]);
    if (store === null) store = n;
    else if (store !== n) return null;
  }
  return store;
}
