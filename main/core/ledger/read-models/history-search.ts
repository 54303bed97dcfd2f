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
import { parseHistorySearch, type HistorySearchTerms } from '../history-search';
import { SEARCH_COLUMNS, SEARCH_SEPARATOR } from '../outbox-search-text';

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

/** Up to this many jobs in the filter, a text is looked for in each of them instead of in the index. */
const FEW_ROWS = 2000;

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
    const limit = Math.max(1, Math.trunc(query.limit));
    const offset = Math.max(0, Math.trunc(query.offset));
    if (query.text) return { ...this.searched(query.text, query.stores ?? [], { where, params, sql }, limit, offset), offset: query.offset };
    const whereSql = sql();
    const statusOnly = where.length === (query.status !== undefined ? 1 : 0);
    const total = statusOnly
      ? this.outbox.countOf(query.status)
      : (prepared(this.ctx.db, `SELECT count(*) FROM outbox ${whereSql}`, 'pluck').get(...params) as number);
    const ids = prepared(this.ctx.db, `SELECT id FROM outbox ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`, 'pluck').all(...params, limit, offset) as number[];
    return { jobs: this.jobs(ids), total, offset: query.offset };
  }

  /**
   * A text search: a job matches when the text (lowered) is a substring of one of its searched columns
   * (outbox-search-text.ts), the text is its number, or names its store, day or amount. From 3 characters
   * the trigram index answers the words exactly, and the rest come from their own indexes: the count and
   * the page read only the matching ids (and, with filters, their rows). Shorter texts look in the newest
   * SHORT_TEXT_WINDOW jobs of the filter, column by column as before the index.
   */
  private searched(
    text: string,
    stores: NonNullable<HistorySearchQuery['stores']>,
    filter: { where: string[]; params: (string | number)[]; sql: () => string },
    limit: number,
    offset: number,
  ): HistorySearchPage {
    const filterSql = filter.sql();
    const filterParams = [...filter.params];
    const needle = text.toLowerCase();
    const terms = parseHistorySearch(text, stores);
    const named = this.namedBy(text, terms);
    const filtered = filter.where.length > 0;
    // A filter that leaves few jobs (a store's failed ones, a week) is cheaper to check row by row than the
    // index's matches across the ledger (a common word matches most jobs).
    const few = filtered && this.countIn(filterSql, filterParams, FEW_ROWS + 1) <= FEW_ROWS;
    const byIndex = !few && [...needle].length >= 3 && !needle.includes(SEARCH_SEPARATOR);
    let searchedNewest: number | undefined;
    let matching: { sql: string; params: (string | number)[] };
    if (byIndex) {
      matching = { sql: 'SELECT rowid FROM outbox_search WHERE outbox_search MATCH ?', params: [`"${needle.replace(/"/g, '""')}"`] };
    } else {
      // The filter's jobs (the newest of them), each column checked as the index would have.
      const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      matching = {
        sql: `SELECT id FROM outbox WHERE id IN (SELECT id FROM outbox ${filterSql} ORDER BY id DESC LIMIT ${SHORT_TEXT_WINDOW})
              AND (${SEARCH_COLUMNS.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
        params: [...filterParams, ...SEARCH_COLUMNS.map(() => like)],
      };
      if (!few && this.countIn(filterSql, filterParams, SHORT_TEXT_WINDOW + 1) > SHORT_TEXT_WINDOW) searchedNewest = SHORT_TEXT_WINDOW;
    }
    // Every way to match, as one set of ids (UNION: each once, in id order).
    const ids = { sql: [matching.sql, ...named.map((n) => n.sql)].join(' UNION '), params: [...matching.params, ...named.flatMap((n) => n.params)] };
    const fromSql = filtered ? `FROM outbox ${filterSql} AND id IN (${ids.sql})` : `FROM (${ids.sql})`;
    const fromParams = filtered ? [...filterParams, ...ids.params] : ids.params;
    const idColumn = filtered ? 'id' : '1';
    const total = prepared(this.ctx.db, `SELECT count(*) ${fromSql}`, 'pluck').get(...fromParams) as number;
    const page = prepared(this.ctx.db, `SELECT ${filtered ? 'id' : '*'} ${fromSql} ORDER BY ${idColumn} DESC LIMIT ? OFFSET ?`, 'pluck').all(
      ...fromParams,
      limit,
      offset,
    ) as number[];
    return { jobs: this.jobs(page), total, offset, ...(searchedNewest !== undefined ? { searchedNewest } : {}) };
  }

  private jobs(ids: readonly number[]): OutboxJob[] {
    return ids.map((id) => this.outbox.get(id)).filter((j): j is OutboxJob => j !== null);
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
