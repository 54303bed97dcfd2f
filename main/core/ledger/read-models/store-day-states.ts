/**
 * Store-days as the manual-export screen lists them: how many POR documents each day has, whether POR
 * closed it, how far its postings got, and its size. Reads only the requested days (the store-day summary
 * of migration 009 and the indexes of 006 are ordered by day first), so the screen costs the same in a
 * ledger's first week and after a year.
 */
import { POSTING_KINDS, type JobStatus, type StoreDayState } from '../job-kinds';
import type { LedgerContext } from '../ledger-context';
import type { OutboxJob, Outbox } from '../outbox';
import { prepared } from '../statement-cache';
import { storeDaySummary } from '../store-day-summary';

export interface StoreDayRow {
  store: number;
  date: string;
  documents: number;
  closed: boolean;
  state: StoreDayState;
  /** The debit side of the day's POR postings. */
  amountCents: number;
}

export interface StoreDayRange {
  store?: number;
  dateFrom: string;
  dateTo: string;
}

const KINDS_SQL = `(${POSTING_KINDS.map((k) => `'${k}'`).join(', ')})`;

/** Most postings a manual-export scope lists (a scope is a day or a range of days). */
export const SCOPE_JOB_LIMIT = 2000;

export class StoreDayStates {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly outbox: Outbox,
  ) {}

  /** The newest business day any active document has (null for an empty ledger). */
  latestBusinessDate(): string | null {
    return (prepared(this.ctx.db, "SELECT max(business_date) FROM documents WHERE status = 'active'", 'pluck').get() as string | null) ?? null;
  }

  /** Days with active documents in the range, newest first, then by store. */
  list(range: StoreDayRange): StoreDayRow[] {
    // The store-day summary (migrations 009, 010): a month is a few hundred rows at any size; dates changed
    // since they were last read are recomputed from their documents first.
    const days = storeDaySummary(this.ctx, range);
    const states = new Map<string, Map<JobStatus, number>>();
    const rows = prepared(
      this.ctx.db,
      `SELECT store, business_date AS date, status, count(*) AS n FROM outbox
       WHERE business_date >= ? AND business_date <= ? AND +kind IN ${KINDS_SQL} AND status <> 'cancelled'
       GROUP BY store, business_date, status`,
    ).all(range.dateFrom, range.dateTo) as { store: number | null; date: string; status: JobStatus; n: number }[];
    for (const r of rows) {
      const key = `${r.store}|${r.date}`;
      const m = states.get(key) ?? new Map<JobStatus, number>();
      m.set(r.status, r.n);
      states.set(key, m);
    }
    return days
      .map((d) => {
        const key = `${d.store}|${d.date}`;
        return {
          store: d.store,
          date: d.date,
          documents: d.documents,
          closed: d.closed > 0,
          state: stateOf(states.get(key)),
          // The debit side: per POR account the day's net, the positive ones added (as reconciliation's porTotals gives them).
          amountCents: d.debitCents,
        };
      })
      .sort((a, b) => b.date.localeCompare(a.date) || a.store - b.store);
  }

  /** Postings of a range of days (one store or all), oldest first, cancelled ones left out. */
  jobsIn(range: StoreDayRange, limit = SCOPE_JOB_LIMIT): OutboxJob[] {
    const ids = prepared(
      this.ctx.db,
      `SELECT id FROM outbox WHERE business_date >= ? AND business_date <= ? AND +kind IN ${KINDS_SQL} AND status <> 'cancelled'
       ${range.store !== undefined ? 'AND store = ?' : ''} ORDER BY id LIMIT ?`,
      'pluck',
    ).all(range.dateFrom, range.dateTo, ...(range.store !== undefined ? [range.store] : []), limit) as number[];
    return ids.map((id) => this.outbox.get(id)).filter((j): j is OutboxJob => j !== null);
  }
}

/** A day's state from how many of its postings stand where. */
export function stateOf(states: ReadonlyMap<JobStatus, number> | undefined): StoreDayState {
  if (!states || states.size === 0) return 'not-exported';
  const only = (s: JobStatus) => states.size === 1 && states.has(s);
  if (only('posted')) return 'posted';
  if (states.has('failed')) return 'failed';
  if (states.has('held')) return 'held';
  if (states.has('queued') || states.has('inFlight')) return states.has('posted') ? 'partial' : 'queued';
  if (only('undone')) return 'undone';
  return 'partial';
}
