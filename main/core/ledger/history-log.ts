import type { LedgerContext } from './ledger-context';
import { parseJson } from './ledger-context';
import { prepared } from './statement-cache';
import { sqlFilter } from './sql-filter';

export type HistorySubject = 'document' | 'job' | 'file' | 'mapping' | 'store' | 'setting' | 'quarantine' | 'reference';

export interface HistoryInput {
  subjectKind: HistorySubject;
  subjectKey: string;
  action: string;
  from?: string | null;
  to?: string | null;
  store?: number | null;
  businessDate?: string | null;
  detail?: unknown;
  actor?: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  subjectKind: HistorySubject;
  subjectKey: string;
  action: string;
  from: string | null;
  to: string | null;
  store: number | null;
  businessDate: string | null;
  detail: unknown;
}

export interface HistoryFilter {
  subjectKind?: HistorySubject;
  subjectKey?: string;
  action?: string;
  actor?: string;
  store?: number;
  /** Business date range, inclusive (YYYY-MM-DD). */
  dateFrom?: string;
  dateTo?: string;
  /** Time of the change, inclusive (ISO). */
  since?: string;
  until?: string;
  /** Substring of the detail JSON or the subject key. */
  text?: string;
}

export interface PageRequest {
  /** Rows per page, 1..1000 (default 100). */
  limit?: number;
  /** Offset paging: rows to skip. */
  offset?: number;
  /** Cursor paging (cheaper deep down): only rows older than this id. Wins over offset. */
  before?: number;
}

export interface Page<T> {
  rows: T[];
  /** All rows matching the filter, not just this page. */
  total: number;
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: number | null;
}

interface HistoryRow {
  id: number;
  at: string;
  actor: string;
  subject_kind: HistorySubject;
  subject_key: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  store: number | null;
  business_date: string | null;
  detail: string | null;
}

/** A history row ready to insert (see HistoryLog.rowFor). */
export type PreparedHistoryRow = readonly [
  at: string,
  actor: string,
  subjectKind: HistorySubject,
  subjectKey: string,
  action: string,
  from: string | null,
  to: string | null,
  store: number | null,
  businessDate: string | null,
  detail: string | null,
];

export function clampLimit(limit: number | undefined): number {
  return Math.min(1000, Math.max(1, Math.trunc(limit ?? 100)));
}

/** Append-only audit of every state change, newest first when read. */
export class HistoryLog {
  private readonly insert;

  constructor(private readonly ctx: LedgerContext) {
    this.insert = ctx.db.prepare(`INSERT INTO history
      (at, actor, subject_kind, subject_key, action, from_status, to_status, store, business_date, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  record(entry: HistoryInput): number {
    return this.insertRow(this.rowFor(entry));
  }

  /**
   * The row record() would write, built now (detail serialised, so whatever can throw has thrown);
   * insertRow() writes it. For changes that finish every check before their first write.
   */
  rowFor(entry: HistoryInput): PreparedHistoryRow {
    return [
      this.ctx.now(),
      entry.actor ?? this.ctx.actor,
      entry.subjectKind,
      entry.subjectKey,
      entry.action,
      entry.from ?? null,
      entry.to ?? null,
      entry.store ?? null,
      entry.businessDate ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ];
  }

  insertRow(row: PreparedHistoryRow): number {
    return Number(this.insert.run(...row).lastInsertRowid);
  }

  query(filter: HistoryFilter = {}, page: PageRequest = {}): Page<HistoryEntry> {
    const { where, params, add, sql: whereOf } = sqlFilter();
    add('subject_kind = ?', filter.subjectKind);
    add('subject_key = ?', filter.subjectKey);
    add('action = ?', filter.action);
    add('actor = ?', filter.actor);
    add('store = ?', filter.store);
    add('business_date >= ?', filter.dateFrom);
    add('business_date <= ?', filter.dateTo);
    add('at >= ?', filter.since);
    add('at <= ?', filter.until);
    if (filter.text) {
      where.push('(instr(detail, ?) > 0 OR instr(subject_key, ?) > 0)');
      params.push(filter.text, filter.text);
    }
    const whereSql = whereOf();
    const total = (prepared(this.ctx.db, `SELECT count(*) AS n FROM history ${whereSql}`).get(...params) as { n: number }).n;

    const limit = clampLimit(page.limit);
    let sql: string;
    const pageParams = [...params];
    if (page.before !== undefined) {
      sql = `SELECT * FROM history ${whereSql ? `${whereSql} AND` : 'WHERE'} id < ? ORDER BY id DESC LIMIT ?`;
      pageParams.push(page.before, limit);
    } else {
      sql = `SELECT * FROM history ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`;
      pageParams.push(limit, Math.max(0, Math.trunc(page.offset ?? 0)));
    }
    const rows = (prepared(this.ctx.db, sql).all(...pageParams) as HistoryRow[]).map(toEntry);
    const last = rows[rows.length - 1];
    return { rows, total, nextBefore: rows.length === limit && last ? last.id : null };
  }
}

function toEntry(r: HistoryRow): HistoryEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    subjectKind: r.subject_kind,
    subjectKey: r.subject_key,
    action: r.action,
    from: r.from_status,
    to: r.to_status,
    store: r.store,
    businessDate: r.business_date,
    detail: parseJson(r.detail),
  };
}
