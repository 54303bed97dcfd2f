/**
 * Per store-day numbers of the ACTIVE documents (migrations 009, 010): how many, how many close the day,
 * and the net of their postings per POR account (one JSON object per day), for the store-day list.
 *
 * Kept lazily, per business date: a write that makes a document active or not drops its date from
 * store_day_dates (once per date and transaction, in that write), and the list recomputes the dates of its
 * range that are not current from the documents themselves, stores them, and marks them current. A big
 * import then costs one row per date it touches; a month is recomputed once after it changed.
 */
import { isBusy, withBusyTimeout, type LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

/** Write side: the document store says which business dates changed. */
export class StoreDayDates {
  private serial = -1;
  private lastDate: string | null = null;
  private readonly dropped = new Set<string>();
  private readonly drop;

  constructor(private readonly ctx: LedgerContext) {
    this.drop = ctx.db.prepare('DELETE FROM store_day_dates WHERE business_date = ?');
    ctx.onRollback(() => (this.serial = -1));
  }

  /** A document of this business date became active or stopped being active (call inside that write). */
  changed(date: string): void {
    const serial = this.ctx.transactionSerial();
    if (serial !== this.serial) {
      this.serial = serial;
      this.lastDate = null;
      this.dropped.clear();
    }
    if (date === this.lastDate) return;
    this.lastDate = date;
    if (this.dropped.has(date)) return;
    this.drop.run(date);
    this.dropped.add(date);
  }
}

export interface StoreDaySummaryRow {
  store: number;
  date: string;
  documents: number;
  closed: number;
  /** Sum of the positive per-account nets (the day's debit side). */
  debitCents: number;
}

export interface SummaryRange {
  dateFrom: string;
  dateTo: string;
  store?: number;
}

/** How long the list waits for another process's write before it computes stale dates without storing them. */
const REFRESH_BUSY_MS = 200;
/** Stale dates recomputed and stored per write. */
export const REFRESH_BATCH_DATES = 31;

/**
 * The summary rows of a range, every date current: stale dates are recomputed and stored first (in a write
 * of their own); if another process holds the write lock, they are computed for this answer only.
 */
export function storeDaySummary(ctx: LedgerContext, range: SummaryRange): StoreDaySummaryRow[] {
  const overlay = staleDates(ctx, range, 1).length > 0 ? refresh(ctx, range) : null;
  const byStore = range.store !== undefined ? 'AND store = ?' : '';
  const stored = prepared(
    ctx.db,
    `SELECT store, business_date AS date, documents, closed,
            (SELECT coalesce(sum(value), 0) FROM json_each(accounts) WHERE value > 0) AS debitCents
     FROM store_day_documents WHERE business_date >= ? AND business_date <= ? ${byStore} AND documents > 0`,
  ).all(range.dateFrom, range.dateTo, ...(range.store !== undefined ? [range.store] : [])) as StoreDaySummaryRow[];
  if (!overlay) return stored;
  const fresh: StoreDaySummaryRow[] = [];
  for (const [date, stores] of overlay) for (const s of stores) if (range.store === undefined || s.store === range.store) fresh.push(summaryRow(date, s));
  return [...stored.filter((r) => !overlay.has(r.date)), ...fresh];
}

/** Recomputes the stale dates and stores them (null), or returns them when they cannot be stored now. */
function refresh(ctx: LedgerContext, range: SummaryRange): Map<string, Recomputed[]> | null {
  // Inside another write, a date stored as current here could be changed again by that same write after the
  // document store noted it changed: compute for this answer only.
  if (ctx.db.inTransaction) return recompute(ctx, staleDates(ctx, range));
  try {
    // Looked up again inside the write lock: nothing can change them between the lookup and the store. In
    // writes of a month of dates at most, so the first read of a year never holds the lock for seconds; as
    // many writes as the dates stale now need (one more for dates another process drops meanwhile), then
    // what is still stale is computed for this answer only.
    let writes = Math.ceil(staleDates(ctx, range).length / REFRESH_BATCH_DATES) + 1;
    let more = true;
    while (more && writes-- > 0) {
      more = withBusyTimeout(ctx, REFRESH_BUSY_MS, () =>
        ctx.write(() => {
          const dates = staleDates(ctx, range, REFRESH_BATCH_DATES + 1);
          store(ctx, recompute(ctx, dates.slice(0, REFRESH_BATCH_DATES)));
          return dates.length > REFRESH_BATCH_DATES;
        }),
      );
    }
    return more ? recompute(ctx, staleDates(ctx, range)) : null;
  } catch (err) {
    if (!isBusy(err)) throw err;
    return recompute(ctx, staleDates(ctx, range));
  }
}

/**
 * Dates of the range that are not current but may have rows: those holding an active document (one index
 * probe per date, as reconciliation's activeDays) or a stored summary row.
 */
function staleDates(ctx: LedgerContext, range: SummaryRange, limit = -1): string[] {
  return prepared(
    ctx.db,
    `WITH RECURSIVE d(day) AS (
       SELECT (SELECT min(business_date) FROM documents WHERE status = 'active' AND business_date >= @from)
       UNION ALL
       SELECT (SELECT min(business_date) FROM documents WHERE status = 'active' AND business_date > d.day) FROM d
       WHERE d.day IS NOT NULL AND d.day <= @to)
     SELECT day FROM d WHERE day IS NOT NULL AND day <= @to
     UNION SELECT business_date FROM store_day_documents WHERE business_date >= @from AND business_date <= @to
     EXCEPT SELECT business_date FROM store_day_dates WHERE business_date >= @from AND business_date <= @to
     LIMIT @limit`,
    'pluck',
  ).all({ from: range.dateFrom, to: range.dateTo, limit }) as string[];
}

interface Recomputed {
  store: number;
  documents: number;
  closed: number;
  accounts: Map<string, number>;
}

/** Each date's per-store numbers as the documents give them (a date that now has none: no stores). */
function recompute(ctx: LedgerContext, dates: readonly string[]): Map<string, Recomputed[]> {
  const out = new Map<string, Recomputed[]>();
  const docs = prepared(ctx.db, "SELECT store, type, postings FROM documents WHERE business_date = ? AND status = 'active' AND store IS NOT NULL");
  for (const date of dates) {
    const stores = new Map<number, Recomputed>();
    for (const d of docs.iterate(date) as Iterable<{ store: number; type: string; postings: string }>) {
      let s = stores.get(d.store);
      if (!s) stores.set(d.store, (s = { store: d.store, documents: 0, closed: 0, accounts: new Map() }));
      s.documents++;
      if (d.type === 'storeDayClosed') s.closed++;
      for (const [account, cents] of JSON.parse(d.postings) as [string, number][]) s.accounts.set(account, (s.accounts.get(account) ?? 0) + cents);
    }
    out.set(date, [...stores.values()]);
  }
  return out;
}

function summaryRow(date: string, s: Recomputed): StoreDaySummaryRow {
  let debitCents = 0;
  for (const net of s.accounts.values()) if (net > 0) debitCents += net;
  return { store: s.store, date, documents: s.documents, closed: s.closed, debitCents };
}

/** Replaces the dates' stored rows with the recomputed ones and marks them current (inside a write). */
function store(ctx: LedgerContext, recomputed: Map<string, Recomputed[]>): void {
  const clear = prepared(ctx.db, 'DELETE FROM store_day_documents WHERE business_date = ?');
  const insert = prepared(ctx.db, 'INSERT INTO store_day_documents (business_date, store, documents, closed, accounts) VALUES (?, ?, ?, ?, ?)');
  const current = prepared(ctx.db, 'INSERT OR IGNORE INTO store_day_dates (business_date) VALUES (?)');
  for (const [date, stores] of recomputed) {
    clear.run(date);
    for (const s of stores) insert.run(date, s.store, s.documents, s.closed, JSON.stringify(Object.fromEntries(s.accounts)));
    current.run(date);
  }
}
