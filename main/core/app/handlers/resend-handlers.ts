/**
 * Sending undone days again and retrying failures in one go. Undone entries of a range are given back to
 * the planner (their days planned afresh from current POR data and mapping) and sent; every entry still
 * goes out exactly once, under the same cutover hold a single resend has.
 */
import type { BulkResult, Handlers } from '../../../../preload/contract';
import type { OutboxJob } from '../../ledger';
import { isEnsureKind } from '../../sync/engine/job-payload';
import { planStep, scanJobs } from '../../sync/engine/plan-step';
import type { AppContext } from '../app-context';
import { UserFacingError } from '../dispatch';
import { asUserFacing, manualClosedDays } from '../sync-runner';

/** Undone postings (not list records) of a range, oldest first. */
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
      const all: OutboxJob[] = [];
      scanJobs(ledger, ['undone'], (j) => all.push(j));
      const undone = undoneInRange(all, { from, to, store });
      if (undone.length === 0) throw new UserFacingError('nothing-undone', 'Nothing in this range was undone: there is nothing to send again.');
      if (!runtime.connection) await runtime.reloadConnection();
      if (!runtime.connection) throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
      const filter = { ...(store !== null ? { store } : {}), from, to };
      const holdReason = environment === 'production' ? runtime.cutoverChecklist().holdReason : null;
      const postedBefore = ledger.outbox.counts().posted;
      try {
        const planned = planStep(ledger, {
          environment,
          holdReason,
          releaseJobIds: undone.map((j) => j.id),
          filter: { ...(store !== null ? { store } : {}), dateFrom: from, dateTo: to },
          closedDays: manualClosedDays(ledger, filter),
        });
        const { drain } = await runtime.exportNow(filter);
        const posted = ledger.outbox.counts().posted - postedBefore;
        const failed = drain?.failed ?? 0;
        const sent = planned.enqueued.filter((j) => !isEnsureKind(j.kind)).length;
        const message = holdReason
          ? `${sent} ${sent === 1 ? 'entry is' : 'entries are'} ready and held until production is ready: ${holdReason}`
          : drain?.stopped
            ? `${drain.stopped.message}${drain.stopped.fix ? ` ${drain.stopped.fix}` : ''}`
            : `Sent again: ${posted} ${posted === 1 ? 'entry' : 'entries'} posted${failed ? `, ${failed} failed (see the dashboard)` : ''}.`;
        return { sent, posted: Math.max(0, posted), failed, message } satisfies BulkResult;
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
