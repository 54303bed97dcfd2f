/**
 * Sending undone days again and retrying failures in one go. Undone entries of a range are given back to
 * the planner (their days planned afresh from current POR data and mapping) and sent; every entry still
 * goes out exactly once, under the same cutover hold a single resend has.
 */
import type { BulkResult, Handlers } from '../../../../preload/contract';
import type { Ledger, OutboxJob } from '../../ledger';
import { isEnsureKind } from '../../sync/engine/job-payload';
import { planStep, scanJobs } from '../../sync/engine/plan-step';
import type { AppContext } from '../app-context';
import { UserFacingError } from '../dispatch';
import { asUserFacing, manualClosedDays } from '../sync-runner';

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

export function resendHandlers(ctx: AppContext): Pick<Handlers, 'exports:resend-undone' | 'exports:retry-many'> {
  return {
    'exports:resend-undone': async ({ from, to, store }) => {
      if (from > to) throw new UserFacingError('invalid-range', 'The start date is after the end date.');
      const session = await ctx.sessions.current();
      const { ledger, environment, runtime } = session;
      const undone = undoneInRange(openUndone(ledger), { from, to, store });
      if (undone.length === 0) throw new UserFacingError('nothing-undone', 'Nothing in this range was undone: there is nothing to send again.');
      if (!runtime.connection) await runtime.reloadConnection();
      if (!runtime.connection) throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
      const filter = { ...(store !== null ? { store } : {}), from, to };
      const holdReason = environment === 'production' ? runtime.cutoverChecklist().holdReason : null;
      try {
        const planned = planStep(ledger, {
          environment,
          holdReason,
          releaseJobIds: undone.map((j) => j.id),
          filter: { ...(store !== null ? { store } : {}), dateFrom: from, dateTo: to },
          closedDays: manualClosedDays(ledger, filter),
        });
        const { drain } = await runtime.exportNow(filter);
        // Entries only: classes or customers created on the way are list records, not what was asked for.
        const entries = planned.enqueued.filter((j) => !isEnsureKind(j.kind)).map((j) => ledger.outbox.get(j.id)!);
        const posted = entries.filter((j) => j.status === 'posted').length;
        const failed = entries.filter((j) => j.status === 'failed').length;
        const sent = entries.length;
        const message = holdReason
          ? `${sent} ${sent === 1 ? 'entry is' : 'entries are'} ready and held until production is ready: ${holdReason}`
          : drain?.stopped
            ? `${drain.stopped.message}${drain.stopped.fix ? ` ${drain.stopped.fix}` : ''}`
            : `Sent again: ${posted} ${posted === 1 ? 'entry' : 'entries'} posted${failed ? `, ${failed} failed (see the dashboard)` : ''}.`;
        return { sent, posted, failed, message } satisfies BulkResult;
      } catch (err) {
        throw asUserFacing(err, 'the undone entries');
      } finally {
        ctx.changed('jobs', 'documents');
      }
    },
    'exports:retry-many': async ({ jobIds }) => {
      const session = await ctx.sessions.current();
      let posted = 0;
      let failed = 0;
      let first: string | null = null;
      for (const id of jobIds) {
        try {
          const row = await session.runner.retry(id);
          if (row.status === 'posted') posted++;
          else if (row.status === 'failed') {
            failed++;
            first ??= row.error?.message ?? null;
          }
        } catch (err) {
          failed++;
          first ??= err instanceof Error ? err.message : String(err);
        }
      }
      ctx.changed('jobs');
      const message = failed
        ? `${posted} of ${jobIds.length} sent; ${failed} failed again${first ? `: ${first}` : ''}`
        : `All ${jobIds.length} sent again: ${posted} posted.`;
      return { sent: jobIds.length, posted, failed, message };
    },
  };
}
