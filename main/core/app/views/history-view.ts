/**
 * History: every export (outbox row) of one environment, newest first, filtered and paged by the core so
 * the UI holds only what is on screen, even with 100,000 rows.
 */
import type { HistoryQuery, HistoryRow, JobStatus } from '../../../../preload/contract';
import type { Environment } from '../../environment';
import type { Ledger, OutboxJob } from '../../ledger';
import { describeJob, exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
import { historySearchSql, parseHistorySearch } from '../../ledger/history-search';
import type { LedgerReader } from './ledger-reader';
import { netDebits } from './day-amount';
import { qboTransactionUrl } from './qbo-links';

export function historyRowOf(job: OutboxJob, environment: Environment): HistoryRow {
  const planned = exportJobOf(job);
  const title = describeJob(planned, job);
  const payloadDoc = planned && 'docNumber' in planned.payload ? planned.payload.docNumber : null;
  const posted = job.status === 'posted';
  return {
    jobId: job.id,
    entity: job.kind,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    docNumber: job.qboDocNumber ?? payloadDoc ?? null,
    store: job.store,
    businessDate: job.businessDate && /^\d{4}-\d{2}-\d{2}$/.test(job.businessDate) ? job.businessDate : null,
    // A posting's amount in the one measure every screen uses; list records keep theirs.
    amountCents: planned && Array.isArray(planned.preview) && planned.preview.length ? netDebits(planned.preview) : job.amountCents,
    status: job.status as JobStatus,
    qboId: job.qboId,
    attempts: job.attempts,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    error: job.lastError
      ? { code: job.lastError.qboCode ?? null, message: job.lastError.message, fix: job.lastError.fix ?? null, intuitTid: job.lastError.intuitTid ?? null }
      : null,
    holdReason: job.holdReason,
    canOpen: posted && !!job.qboId && (environment === 'practice' || qboTransactionUrl(environment, job.kind, job.qboId) !== null),
    // Undo voids or deletes a posted transaction; list entries (classes, customers, items) stay.
    canUndo: posted && !!job.qboId && !isEnsureKind(job.kind),
    canRetry: job.status === 'failed' || job.status === 'undone' || job.status === 'cancelled',
  };
}

export function queryHistory(reader: LedgerReader, ledger: Ledger, query: HistoryQuery): { rows: HistoryRow[]; total: number; offset: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.entity) {
    where.push('kind = ?');
    params.push(query.entity);
  }
  if (query.store !== undefined) {
    where.push('store = ?');
    params.push(query.store);
  }
  if (query.dateFrom) {
    where.push('business_date >= ?');
    params.push(query.dateFrom);
  }
  if (query.dateTo) {
    where.push('business_date <= ?');
    params.push(query.dateTo);
  }
  if (query.text) {
    const like = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cols = ['idempotency_key', 'kind', "coalesce(qbo_doc_number, '')", "coalesce(qbo_id, '')", "coalesce(last_error_message, '')",
      "coalesce(last_error_code, '')", "coalesce(last_error_tid, '')", "coalesce(json_extract(payload, '$.job.payload.docNumber'), '')",
      "coalesce(json_extract(payload, '$.job.payload.customer.name'), '')"];
    // Store names, days as people write them and amounts (the ledger's history search).
    const extra = historySearchSql(parseHistorySearch(query.text, ledger.stores.list()));
    where.push(`(${cols.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')} OR CAST(id AS TEXT) = ?${extra ? ` OR ${extra.sql}` : ''})`);
    params.push(...cols.map(() => like), query.text, ...(extra?.params ?? []));
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (reader.db.prepare(`SELECT count(*) AS n FROM outbox ${whereSql}`).get(...params) as { n: number }).n;
  const ids = reader.db
    .prepare(`SELECT id FROM outbox ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, query.limit, query.offset) as number[];
  const rows = ids.map((id) => ledger.outbox.get(id)).filter((j): j is OutboxJob => j !== null).map((j) => historyRowOf(j, ledger.environment));
  return { rows, total, offset: query.offset };
}
