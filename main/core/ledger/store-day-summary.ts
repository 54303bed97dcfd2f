/**
 * Per store-day numbers of the ACTIVE documents (migration 009): how many, how many close the day, and the
 * net of their postings per POR account. The document store reports every document that becomes active or
 * stops being active; the changes are summed in memory per (day, store, account) and written once at the
 * end of the write (flush), so a million-line import adds a few hundred statements, not one per document.
 * The store-day list then reads a month of days without touching the documents or their postings.
 */
import type { LedgerContext } from './ledger-context';

interface DayChange {
  store: number;
  date: string;
  documents: number;
  closed: number;
  /** Net cents per POR account. */
  accounts: Map<string, number>;
}

export class StoreDaySummary {
  private pending = new Map<string, DayChange>();
  private readonly upsertDay;
  private readonly upsertAccount;

  constructor(ctx: LedgerContext) {
    this.upsertDay = ctx.db.prepare(
      `INSERT INTO store_day_documents (business_date, store, documents, closed) VALUES (?, ?, ?, ?)
       ON CONFLICT (business_date, store) DO UPDATE SET documents = documents + excluded.documents, closed = closed + excluded.closed`,
    );
    this.upsertAccount = ctx.db.prepare(
      `INSERT INTO store_day_accounts (business_date, store, account, net_cents) VALUES (?, ?, ?, ?)
       ON CONFLICT (business_date, store, account) DO UPDATE SET net_cents = net_cents + excluded.net_cents`,
    );
    // What a rolled-back write added in memory was never written.
    ctx.onRollback(() => this.pending.clear());
  }

  /** A document became active (sign 1) or stopped being active (-1). Documents without a store are not listed. */
  change(store: number | null, date: string, type: string, postings: readonly (readonly [string, number])[], sign: 1 | -1): void {
    if (store === null) return;
    const key = `${date}|${store}`;
    let day = this.pending.get(key);
    if (!day) this.pending.set(key, (day = { store, date, documents: 0, closed: 0, accounts: new Map() }));
    day.documents += sign;
    if (type === 'storeDayClosed') day.closed += sign;
    for (const [account, cents] of postings) day.accounts.set(account, (day.accounts.get(account) ?? 0) + sign * cents);
  }

  /** Writes what changed since the last flush; call inside the write that made the changes. */
  flush(): void {
    if (this.pending.size === 0) return;
    for (const day of this.pending.values()) {
      this.upsertDay.run(day.date, day.store, day.documents, day.closed);
      for (const [account, cents] of day.accounts) this.upsertAccount.run(day.date, day.store, account, cents);
    }
    this.pending.clear();
  }
}
