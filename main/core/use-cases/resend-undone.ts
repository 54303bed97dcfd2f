/**
 * Sending undone entries of a range again: they are given back to the planner (their days planned afresh
 * from current POR data and mapping) and sent, each exactly once, under the go-live hold every post has.
 */
import { AppError } from '../app-error';
import type { Ledger, OutboxJob } from '../ledger';
import type { EnvironmentSession } from '../session/environment-session';
import { isEnsureKind } from '../sync/engine/job-payload';
import { planStep, scanJobs } from '../sync/engine/plan-step';
import type { DrainResult } from '../sync/engine/sync-engine';
import { closedDaysIn } from './exports';

/** An undone entry already sent again: the repost lives under the same key with a `~rN` suffix. */
export function isResent(ledger: Ledger, job: OutboxJob): boolean {
  const base = job.idempotencyKey.replace(/~r\d+$/, '');
  for (let n = 0; n < 100; n++) {
    const other = ledger.outbox.getByKey(`${base}${n === 0 ? '' : `~r${n}`}`);
    if (!other) return false;
    if (other.id > job.id && other.status !== 'undone' && other.status !== 'cancelled') return true;
  }
  return false;
}

/** Undone postings (not list records, not already sent again) in the ledger. */
export function openUndone(ledger: Ledger): OutboxJob[] {
  const out: OutboxJob[] = [];
  scanJobs(ledger, ['undone'], (j) => {
    if (!isEnsureKind(j.kind) && !isResent(ledger, j)) out.push(j);
  });
  return out;
}

/** Undone postings of a range, oldest first. */
export function undoneInRange(jobs: Iterable<OutboxJob>, range: { from: string; to: string; store: number | null }): OutboxJob[] {
  const out: OutboxJob[] = [];
  for (const j of jobs) {
    if (j.status !== 'undone' || isEnsureKind(j.kind) || !j.businessDate) continue;
    if (j.businessDate < range.from || j.businessDate > range.to) continue;
    if (range.store !== null && j.store !== range.store) continue;
    out.push(j);
  }
  return out.sort((a, b) => a.id - b.id);
}

export async function resendUndoneRange(
  session: EnvironmentSession,
  range: { from: string; to: string; store: number | null },
): Promise<{ entries: OutboxJob[]; holdReason: string | null; drain: DrainResult | null }> {
  const { from, to, store } = range;
  if (from > to) throw new AppError('invalid-input', 'The start date is after the end date.', { code: 'invalid-range' });
  const { ledger, environment } = session;
  const undone = undoneInRange(openUndone(ledger), range);
  if (undone.length === 0) throw new AppError('refused', 'Nothing in this range was undone: there is nothing to send again.', { code: 'nothing-undone' });
  await session.qbo();
  const filter = { ...(store !== null ? { store } : {}), from, to };
  const holdReason = session.currentHold();
  const planned = planStep(ledger, {
    environment,
    holdReason,
    releaseJobIds: undone.map((j) => j.id),
    filter: { ...(store !== null ? { store } : {}), dateFrom: from, dateTo: to },
    closedDays: closedDaysIn(ledger, filter),
  });
  const drain = holdReason ? null : await session.track(session.drainNow());
  // Entries only: classes or customers created on the way are list records, not what was asked for.
  const entries = planned.enqueued.filter((j) => !isEnsureKind(j.kind)).map((j) => ledger.outbox.get(j.id)!);
  return { entries, holdReason, drain };
}
