/**
 * History search: every export (outbox row) of the environment, newest first, filtered and paged in SQL so
 * the UI holds only the rows on screen, at any ledger size. Migration 006 gives each filter an index that
 * is already in id order (status, kind, store) or narrows by day (business_date), so a page reads about as
 * many rows as it shows plus the count. A text search first asks migration 009's trigram index (and the
 * indexes of the store, day and amount it may name) which jobs can match, then checks only those exactly.
 */
import type { LedgerContext } from '../ledger-context';
import type { JobStatus } from '../job-kinds';
import type { Outbox, OutboxJob } from '../outbox';
import { prepared } from '../statement-cache';
import { sqlFilter } from '../sql-filter';
import { historySearchSql, parseHistorySearch, type HistorySearchTerms } from '../history-search';
import { SEARCH_COLUMNS } from '../outbox-search-text';

export interface HistorySearchQuery {
  /** Words people search by: a number, a QBO Id, an error code or message, a customer name (case-insensitive). */
  text?: string;
  status?: JobStatus;
  kind?: string;
  store?: number;
  dateFrom?: string;
  dateTo?: string;
  offset: number;
  limit: number;
  /** The environment's stores, so a search by a store's name, a day as people write it or an amount finds them. */
  stores?: readonly { store: number; name: string | null }[];
}

export interface HistorySearchPage {
  jobs: OutboxJob[];
  total: number;
  offset: number;
  /**
   * Set when a text too short for the index (under 3 characters) was looked for only in this many newest
   * jobs of the filter (the rows and total are those of that window); absent when everything was searched.
   */
  searchedNewest?: number;
}

/** Under 3 characters the trigram index cannot help: the search looks at most at this many newest jobs. */
export const SHORT_TEXT_WINDOW = 5000;

export class HistorySearch {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly outbox: Outbox,
  ) {}

  page(query: HistorySearchQuery): HistorySearchPage {
    const { where, params, add, sql } = sqlFilter();
    add('status = ?', query.status);
    add('kind = ?', query.kind);
    add('store = ?', query.store);
    add('business_date >= ?', query.dateFrom || undefined);
    add('business_date <= ?', query.dateTo || undefined);
    let searchedNewest: number | undefined;
    if (query.text) {
      const filterSql = sql();
      const filterParams = [...params];
      const needle = query.text.toLowerCase();
      const terms = parseHistorySearch(query.text, query.stores ?? []);
      const short = [...needle].length < 3;
      // Which jobs can match, each by an index: the trigram index (or, for a short text, the newest jobs of the
      // filter), the job whose number it is, and the store, day or amount it names.
      const candidates = short
        ? { sql: `SELECT id FROM (SELECT id FROM outbox ${filterSql} ORDER BY id DESC LIMIT ${SHORT_TEXT_WINDOW})`, params: filterParams }
        : { sql: 'SELECT rowid FROM outbox_search WHERE outbox_search MATCH ?', params: [`"${needle.replace(/"/g, '""')}"`] };
      const others = this.namedBy(query.text, terms);
      where.push(`id IN (${[candidates.sql, ...others.map((o) => o.sql)].join(' UNION ALL ')})`);
      params.push(...candidates.params, ...others.flatMap((o) => o.params));
      // The exact match, on those only: the plain words as a case-insensitive substring of a searched column,
      // the job's number, or a store's name, a day as people write it ("Nov 30") and an amount ("$4,339.81").
      // Cheap column tests first: OR stops at the first that holds.
      const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const extra = historySearchSql(terms);
      where.push(`(${extra ? `${extra.sql} OR ` : ''}CAST(id AS TEXT) = ? OR ${SEARCH_COLUMNS.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...(extra?.params ?? []), query.text, ...SEARCH_COLUMNS.map(() => like));
      if (short && this.countIn(filterSql, filterParams, SHORT_TEXT_WINDOW + 1) > SHORT_TEXT_WINDOW) searchedNewest = SHORT_TEXT_WINDOW;
    }
    const whereSql = sql();
    const statusOnly = where.length === (query.status !== undefined ? 1 : 0);
    const total = statusOnly
      ? this.outbox.countOf(query.status)
      : (prepared(this.ctx.db, `SELECT count(*) FROM outbox ${whereSql}`, 'pluck').get(...params) as number);
    const ids = prepared(this.ctx.db, `SELECT id FROM outbox ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`, 'pluck').all(
      ...params,
      Math.max(1, Math.trunc(query.limit)),
      Math.max(0, Math.trunc(query.offset)),
    ) as number[];
    const jobs = ids.map((id) => this.outbox.get(id)).filter((j): j is OutboxJob => j !== null);
    return { jobs, total, offset: query.offset, ...(searchedNewest !== undefined ? { searchedNewest } : {}) };
  }

  /** Jobs a search text names other than by its words: its number, the stores, day or amount it reads as (by their indexes). */
  private namedBy(text: string, terms: HistorySearchTerms): { sql: string; params: (string | number)[] }[] {
    const out: { sql: string; params: (string | number)[] }[] = [];
    if (/^[1-9]\d{0,15}$/.test(text)) out.push({ sql: 'SELECT id FROM outbox WHERE id = ?', params: [Number(text)] });
    if (terms.stores.length) out.push({ sql: `SELECT id FROM outbox WHERE store IN (${terms.stores.map(() => '?').join(', ')})`, params: terms.stores });
    if (terms.day) {
      const days = terms.day.length === 10 ? [terms.day] : this.yearsOfJobs().map((y) => `${y}-${terms.day}`);
      if (days.length) out.push({ sql: `SELECT id FROM outbox WHERE business_date IN (${days.map(() => '?').join(', ')})`, params: days });
    }
    if (terms.amountCents !== null) out.push({ sql: 'SELECT id FROM outbox WHERE amount_cents = ?', params: [terms.amountCents] });
    return out;
  }

  /** The years the jobs' business days span ("Nov 30" is that day in each of them). */
  private yearsOfJobs(): number[] {
    const r = prepared(this.ctx.db, 'SELECT min(business_date) AS lo, max(business_date) AS hi FROM outbox').get() as { lo: string | null; hi: string | null };
    const lo = Number(r.lo?.slice(0, 4));
    const hi = Number(r.hi?.slice(0, 4));
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) return [];
    return Array.from({ length: Math.min(hi - lo + 1, 100) }, (_, i) => lo + i);
  }

  /** Rows of the filter, counted up to `cap`. */
  private countIn(filterSql: string, params: readonly (string | number)[], cap: number): number {
    return prepared(this.ctx.db, `SELECT count(*) FROM (SELECT 1 FROM outbox ${filterSql} LIMIT ${cap})`, 'pluck').get(...params) as number;
  }
}
