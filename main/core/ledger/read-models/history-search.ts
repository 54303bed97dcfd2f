/**
 * History search: every export (outbox row) of the environment, newest first, filtered and paged in SQL so
 * the UI holds only the rows on screen, at any ledger size. Migration 006 gives each filter an index that
 * is already in id order (status, kind, store) or narrows by day (business_date), so a page reads about as
 * many rows as it shows plus the count.
 */
import type { LedgerContext } from '../ledger-context';
import type { JobStatus } from '../job-kinds';
import type { Outbox, OutboxJob } from '../outbox';
import { prepared } from '../statement-cache';
import { sqlFilter } from '../sql-filter';
import { historySearchSql, parseHistorySearch } from '../history-search';

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
}

/** Columns a text search looks in (JSON fields: the draft's DocNumber and customer name). */
const TEXT_COLUMNS = [
  'idempotency_key',
  'kind',
  "coalesce(qbo_doc_number, '')",
  "coalesce(qbo_id, '')",
  "coalesce(last_error_message, '')",
  "coalesce(last_error_code, '')",
  "coalesce(last_error_tid, '')",
  "coalesce(json_extract(payload, '$.job.payload.docNumber'), '')",
  "coalesce(json_extract(payload, '$.job.payload.customer.name'), '')",
];

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
    if (query.text) {
      const like = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // Store names, days as people write them ("Nov 30") and amounts ("$4,339.81"), beside the plain words.
      const extra = historySearchSql(parseHistorySearch(query.text, query.stores ?? []));
      where.push(`(${TEXT_COLUMNS.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')} OR CAST(id AS TEXT) = ?${extra ? ` OR ${extra.sql}` : ''})`);
      params.push(...TEXT_COLUMNS.map(() => like), query.text, ...(extra?.params ?? []));
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
    return { jobs, total, offset: query.offset };
  }
}
