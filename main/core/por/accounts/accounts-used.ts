/** The POR accounts a set of documents posts to, per store: the list validateMapping checks. */
import type { PorDocument } from '../model';
import type { PorAccountRef } from './mapping-types';

export function porAccountsUsed(docs: readonly PorDocument[]): PorAccountRef[] {
  const out = new Map<string, PorAccountRef>();
  const add = (store: number | null, account: string, required = false): void => {
    const key = `${store ?? '*'}|${account}`;
    const existing = out.get(key);
    if (existing) existing.required = existing.required || required;
    else out.set(key, { store, account, required });
  };
  for (const d of docs) {
    switch (d.type) {
      case 'glJournal':
        d.lines.forEach((l) => add(d.store, l.account));
        break;
      case 'invoice':
        d.lines.forEach((l) => add(d.store, l.account));
        d.taxes.forEach((t) => add(d.store, t.account));
        d.paidAtClose.forEach((p) => add(d.store, p.account));
        add(d.store, d.arAccount);
        break;
      case 'payment':
        add(d.store, d.account);
        break;
      case 'creditMemo':
        d.lines?.forEach((l) => add(d.store, l.account));
        break;
      // The deposit's bank account is POR's required "Bank Deposits" account.
      case 'deposit':
        add(d.store, d.bankAccount, true);
        d.lines.forEach((l) => add(d.store, l.account));
        break;
      case 'eodBatch':
        d.lines.forEach((l) => add(d.store, l.account));
        break;
      case 'storeDayClosed':
        break;
    }
  }
  return [...out.values()];
}
