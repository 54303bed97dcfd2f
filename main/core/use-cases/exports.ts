/**
 * Exports, as a person asks for them: preview a scope, post it now, send one export again, retry every
 * failure, undo, post an undone day again, replace a regenerated document. Functions over a session; the
 * app's handlers and the CLI call these and decide nothing themselves. Each sends exactly once: what waits
 * is planned into the outbox first, and the engine's drain sends it.
 */
import { AppError } from '../app-error';
import type { Ledger, OutboxJob } from '../ledger';
import { POSTING_KINDS } from '../ledger/job-kinds';
import type { EnvironmentSession } from '../session/environment-session';
import { exportJobOf } from '../sync/engine/job-payload';
import { planStep, type PlanStepResult } from '../sync/engine/plan-step';
import { previewJob, previewReport, type PreviewReport } from '../sync/engine/preview';
import { RefIndex } from '../sync/engine/ref-index';
import type { DrainResult } from '../sync/engine/sync-engine';
import { undoExport, type UndoHow } from '../sync/engine/undo-export';

export interface ExportFilter {
  store?: number;
  from?: string;
  to?: string;
}

type StoreDay = { store: number; businessDate: string };

/**
 * The store-days of a manual export, sent as they are (POR may not have closed them): the one rule the
 * preview, the count and the post share, so what is previewed is what is posted.
 */
export function closedDaysIn(ledger: Ledger, filter: ExportFilter): StoreDay[] {
  if (!filter.from && !filter.to && filter.store === undefined) return [];
  return ledger.reconciliation
    .storeDays({
      ...(filter.store !== undefined ? { store: filter.store } : {}),
      ...(filter.from ? { dateFrom: filter.from } : {}),
      ...(filter.to ? { dateTo: filter.to } : {}),
    })
    .filter((d): d is typeof d & { store: number } => d.store !== null)
    .map((d) => ({ store: d.store, businessDate: d.businessDate }));
}

function planFilter(filter: ExportFilter) {
  return {
    ...(filter.store !== undefined ? { store: filter.store } : {}),
    ...(filter.from ? { dateFrom: filter.from } : {}),
    ...(filter.to ? { dateTo: filter.to } : {}),
  };
}

/** What posting `filter` now would plan (nothing is written): the one dry run behind every preview and count. */
export function dryRunExport(session: EnvironmentSession, filter: ExportFilter): PlanStepResult {
  return planStep(session.ledger, {
    environment: session.environment,
    dryRun: true,
    filter: planFilter(filter),
    closedDays: closedDaysIn(session.ledger, filter),
  });
}

/** How many new exports posting `filter` would add. */
export function plannedCount(session: EnvironmentSession, filter: ExportFilter): number {
  return dryRunExport(session, filter).plan.jobs.length;
}

/** Export a store-day or a date range now (a batch day not closed by POR yet is sent as is). */
export async function exportNow(session: EnvironmentSession, filter: ExportFilter): Promise<{ plan: PlanStepResult; drain: DrainResult | null }> {
  const holdReason = session.currentHold();
  const plan = planStep(session.ledger, {
    environment: session.environment,
    holdReason,
    filter: planFilter(filter),
    closedDays: closedDaysIn(session.ledger, filter),
  });
  const drain = holdReason ? null : await session.drainNow();
  return { plan, drain };
}

/** The exact bodies and totals that would be posted for a range (or everything unsent); nothing is sent. */
export async function previewExports(session: EnvironmentSession, filter: ExportFilter = {}): Promise<PreviewReport> {
  const { ledger } = session;
  const plan = dryRunExport(session, filter);
  const lookups = await lookupsOf(session);
  const entries = [];
  const jobs = [];
  for (const status of ['queued', 'failed', 'held'] as const) {
    for (const row of ledger.outbox.list({ status }, { limit: 1000 }).rows) {
      const job = exportJobOf(row);
      if (!job || !inFilter(job, filter)) continue;
      entries.push(previewJob(job, lookups, row));
      jobs.push(job);
    }
  }
  for (const job of plan.plan.jobs) {
    if (ledger.outbox.getByKey(job.idempotencyKey)) continue;
    entries.push(previewJob(job, lookups, null));
    jobs.push(job);
  }
  return previewReport(entries, jobs);
}

/**
 * A failed job goes back in the queue. QuickBooks may remember a requestid it refused, so a payload it
 * refused goes again as a new generation (a new requestid); one that never reached it keeps its own.
 */
function requeueFailed(ledger: Ledger, row: OutboxJob): OutboxJob {
  const refusedByQbo = !!row.lastError?.qboCode && row.lastError.kind !== 'mapping' && row.attempts > 0;
  const job = refusedByQbo ? ledger.outbox.revisePayload(row.id, row.payload) : row;
  return ledger.outbox.retry(job.id);
}

/** Send one export again: a failed or held job now, an undone or cancelled one planned afresh for its day. */
export async function resend(session: EnvironmentSession, jobId: number): Promise<{ job: OutboxJob; drain: DrainResult | null }> {
  const row = mustJob(session, jobId);
  if (row.status === 'posted') throw new AppError('refused', `Export #${jobId} is already in QuickBooks; undo it first to send it again.`);
  if (row.status === 'cancelled' || row.status === 'undone') return repost(session, jobId);
  let job = row;
  if (row.status === 'failed') job = requeueFailed(session.ledger, row);
  else if (row.status === 'held') job = session.ledger.outbox.release(row.id); // the outbox refuses a go-live hold before production is live
  const drain = await session.track(session.drainNow());
  return { job: mustJob(session, job.id), drain };
}

/** Send one POR document again: the failed or held exports covering it go now. */
export async function resendDocument(session: EnvironmentSession, documentKey: string): Promise<{ jobs: OutboxJob[]; drain: DrainResult | null }> {
  const { ledger } = session;
  const rows = [documentKey, `${documentKey}#paid`].flatMap((k) => ledger.outbox.jobsForDocument(k));
  const waiting = [...new Map(rows.filter((j) => j.status === 'failed' || j.status === 'held').map((j) => [j.id, j])).values()];
  if (waiting.length === 0) {
    const posted = rows.some((j) => j.status === 'posted');
    throw new AppError(
      posted ? 'refused' : 'not-found',
      posted ? `${documentKey} is already in QuickBooks; undo it first to send it again.` : `Nothing is waiting to be sent for ${documentKey}.`,
    );
  }
  ledger.transaction(() => {
    for (const row of waiting) {
      if (row.status === 'held') ledger.outbox.release(row.id);
      else requeueFailed(ledger, row);
    }
  });
  const drain = await session.track(session.drainNow());
  return { jobs: waiting.map((j) => mustJob(session, j.id)), drain };
}

/** Every failed job goes again (after a mapping fix, a reopened period, ...). */
export async function retryFailed(session: EnvironmentSession): Promise<{ retried: number; drain: DrainResult | null }> {
  const { ledger } = session;
  const failed = ledger.outbox.list({ status: 'failed' }, { limit: 1000 }).rows;
  ledger.transaction(() => {
    for (const row of failed) requeueFailed(ledger, row);
  });
  return { retried: failed.length, drain: await session.track(session.drainNow()) };
}

/** Undo a posted export in QuickBooks (an invoice is voided, kept with zero amounts; others deleted). */
export async function undo(session: EnvironmentSession, jobId: number, how?: UndoHow): Promise<OutboxJob> {
  const connection = await session.qbo();
  const row = mustJob(session, jobId);
  return session.track(undoExport(session.ledger, connection.client, jobId, how ?? (row.kind === 'Invoice' ? 'void' : 'delete')));
}

/**
 * Post again what one undone (or cancelled) export covered, and only that: its store-day is planned
 * afresh (current documents and mapping) with that job's parts given back, then sent. Other days waiting
 * to be sent are not sent by a repost nobody asked them for.
 */
export async function repost(session: EnvironmentSession, jobId: number): Promise<{ job: OutboxJob; plan: PlanStepResult; drain: DrainResult | null }> {
  const { ledger } = session;
  const row = mustJob(session, jobId);
  if (row.status !== 'undone' && row.status !== 'cancelled') {
    throw new AppError('refused', `Export #${jobId} is ${row.status}; undo it first (or send a failed one again).`);
  }
  const day = row.store !== null && row.businessDate ? { store: row.store, businessDate: row.businessDate } : null;
  const holdReason = session.currentHold();
  const plan = planStep(ledger, {
    environment: session.environment,
    holdReason,
    releaseJobIds: [jobId],
    closedDays: day ? [day] : [],
    ...(day ? { filter: { store: day.store, dateFrom: day.businessDate, dateTo: day.businessDate } } : {}),
  });
  const drain = holdReason ? null : await session.track(session.drainNow());
  const fresh = plan.enqueued.find((j) => j.kind === row.kind) ?? plan.enqueued[0];
  return { job: (fresh && ledger.outbox.get(fresh.id)) ?? mustJob(session, jobId), plan, drain };
}

/**
 * A regenerated POR document was accepted (or a revision arrived after its export): undo what QBO holds
 * of the old revision and post the current one. Asked twice, nothing is undone again.
 */
export async function replaceDocument(
  session: EnvironmentSession,
  documentKey: string,
  how: UndoHow = 'delete',
): Promise<{ undone: OutboxJob[]; plan: PlanStepResult; drain: DrainResult | null }> {
  const { ledger } = session;
  const pending = ledger.documents.pendingDecisions().some((d) => d.key === documentKey);
  const active = ledger.documents.get(documentKey);
  const posted = [documentKey, `${documentKey}#paid`].flatMap((k) => ledger.outbox.jobsForDocument(k)).filter((j) => j.status === 'posted');
  const stale = posted.some((j) =>
    (exportJobOf(j)?.covers ?? []).some((c) => (c.key === documentKey || c.key.startsWith(`${documentKey}#`)) && c.revision < (active?.revision ?? 0)),
  );
  if (!pending && !stale) {
    throw new AppError('refused', `Nothing waits to be replaced for ${documentKey}: QuickBooks already has its latest revision (or it was kept).`);
  }
  const connection = await session.qbo();
  if (pending) ledger.documents.decideRevision(documentKey, 'replace');
  const undone: OutboxJob[] = [];
  for (const j of new Map(posted.map((p) => [p.id, p])).values()) undone.push(await session.track(undoExport(ledger, connection.client, j.id, how)));
  // Only the replaced document's day (and the days of what was undone) is planned.
  const days = new Map<string, StoreDay>();
  const doc = ledger.documents.get(documentKey);
  if (doc?.store != null) days.set(`${doc.store}|${doc.businessDate}`, { store: doc.store, businessDate: doc.businessDate });
  for (const j of undone) if (j.store !== null && j.businessDate) days.set(`${j.store}|${j.businessDate}`, { store: j.store, businessDate: j.businessDate });
  const holdReason = session.currentHold();
  const released = undone.map((j) => j.id);
  let plan: PlanStepResult | null = null;
  for (const day of days.values()) {
    const step = planStep(ledger, {
      environment: session.environment,
      holdReason,
      releaseJobIds: released,
      closedDays: [day],
      filter: { store: day.store, dateFrom: day.businessDate, dateTo: day.businessDate },
    });
    plan ??= step;
  }
  plan ??= planStep(ledger, { environment: session.environment, holdReason, releaseJobIds: released, closedDays: [] });
  return { undone, plan, drain: holdReason ? null : await session.track(session.drainNow()) };
}

/** The transactions (not list records) QuickBooks holds from this ledger: what "posted" counts for people. */
export function postedTransactions(ledger: Ledger): number {
  let n = 0;
  for (const kind of POSTING_KINDS) n += ledger.outbox.list({ status: 'posted', kind }, { limit: 1 }).total;
  return n;
}

function mustJob(session: EnvironmentSession, id: number): OutboxJob {
  const row = session.ledger.outbox.get(id);
  if (!row) throw new AppError('not-found', `There is no export #${id} in ${session.profile.label}.`);
  return row;
}

async function lookupsOf(session: EnvironmentSession): Promise<RefIndex> {
  const connection = session.connection ?? (await session.reloadConnection());
  const refs = connection?.references;
  if (refs) await refs.ensureLoaded();
  const list = async <E extends 'Account' | 'Class' | 'Item' | 'Customer' | 'TaxCode'>(e: E) =>
    refs ? await refs.list(e) : (session.ledger.reference.list(e) as never[]);
  return new RefIndex(session.ledger, {
    Account: await list('Account'),
    Class: await list('Class'),
    Item: await list('Item'),
    Customer: await list('Customer'),
    TaxCode: await list('TaxCode'),
  });
}

function inFilter(job: { store: number | null; txnDate: string | null; businessDate: string | null }, filter: ExportFilter): boolean {
  const date = job.txnDate ?? job.businessDate;
  if (filter.store !== undefined && job.store !== null && job.store !== filter.store) return false;
  if (filter.from && date && date < filter.from) return false;
  if (filter.to && date && date > filter.to) return false;
  return true;
}
