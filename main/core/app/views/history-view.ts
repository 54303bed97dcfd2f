/**
 * History: every export (outbox row) of one environment, newest first, filtered and paged by the core so
 * the UI holds only what is on screen, even with 100,000 rows.
 */
import { profileOf } from '../../environment-profile';
import type { HistoryQuery, HistoryRow, JobStatus } from '../../../../preload/contract';
import type { Environment } from '../../environment';
import type { Ledger, OutboxJob } from '../../ledger';
import { describeJob, exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
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
    canOpen: posted && !!job.qboId && (profileOf(environment).embeddedSimulator || qboTransactionUrl(environment, job.kind, job.qboId) !== null),
    // Undo voids or deletes a posted transaction; list entries (classes, customers, items) stay.
    canUndo: posted && !!job.qboId && !isEnsureKind(job.kind),
    canRetry: job.status === 'failed' || job.status === 'undone' || job.status === 'cancelled',
  };
}

/** One page of the history, searched by the ledger's own read model. */
export function queryHistory(ledger: Ledger, query: HistoryQuery): { rows: HistoryRow[]; total: number; offset: number; searchedNewest?: number } {
  const { entity, ...rest } = query;
  const page = ledger.historySearch.page({ ...rest, ...(entity ? { kind: entity } : {}), stores: ledger.stores.list() });
  return {
    rows: page.jobs.map((j) => historyRowOf(j, ledger.environment)),
    total: page.total,
    offset: page.offset,
    ...(page.searchedNewest !== undefined ? { searchedNewest: page.searchedNewest } : {}),
  };
}
