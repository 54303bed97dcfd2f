/**
 * Per store-day numbers of the ACTIVE documents (migration 009): how many, how many close the day, and the
 * net of their postings per POR account (one JSON object per day). The document store reports every
 * document that becomes active or stops being active; the changes are summed in memory per store-day and
 * written once at the end of the write (flush): one statement per store-day a write touched, not one per
 * document or posting. The store-day list then reads a month of days without touching the documents.
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
  /** The day changed last: a file's documents come day by day, so most changes skip the lookup. */
  private last: DayChange | null = null;
  private readonly upsertDay;

  constructor(ctx: LedgerContext) {
    // A day met before adds its accounts' nets to the stored ones (rare on import: a file brings new days).
    this.upsertDay = ctx.db.prepare(
      `INSERT INTO store_day_documents (business_date, store, documents, closed, accounts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (business_date, store) DO UPDATE SET documents = documents + excluded.documents, closed = closed + excluded.closed,
         accounts = (SELECT json_group_object(key, net) FROM (SELECT key, sum(value) AS net FROM
           (SELECT key, value FROM json_each(store_day_documents.accounts) UNION ALL SELECT key, value FROM json_each(excluded.accounts)) GROUP BY key))`,
    );
    // What a rolled-back write added in memory was never written.
    ctx.onRollback(() => this.clear());
  }

  /** A document became active (sign 1) or stopped being active (-1). Documents without a store are not listed. */
  change(store: number | null, date: string, type: string, postings: readonly (readonly [string, number])[], sign: 1 | -1): void {
    if (store === null) return;
    let day = this.last;
    if (!day || day.store !== store || day.date !== date) {
      const key = `${date}|${store}`;
      let found = this.pending.get(key);
      if (!found) this.pending.set(key, (found = { store, date, documents: 0, closed: 0, accounts: new Map() }));
      this.last = day = found;
    }
    day.documents += sign;
    if (type === 'storeDayClosed') day.closed += sign;
    const accounts = day.accounts;
    for (const [account, cents] of postings) accounts.set(account, (accounts.get(account) ?? 0) + sign * cents);
  }

  /** Writes what changed since the last flush; call inside the write that made the changes. */
  flush(): void {
    if (this.pending.size === 0) return;
    for (const day of this.pending.values()) {
      this.upsertDay.run(day.date, day.store, day.documents, day.closed, JSON.stringify(Object.fromEntries(day.accounts)));
    }
    this.clear();
  }

  private clear(): void {
    this.pending.clear();
    this.last = null;
  }
}
