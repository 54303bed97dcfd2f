/**
 * One sync switch, and nothing sent unseen: turning automatic sync on first shows what it would send
 * (count, days, amount, environment and company) from a dry run, with a "start from" day; earlier days
 * are then sent only by hand. "Sync now" waits for its run and says what happened.
 */
import type { Handlers, SyncRunResult, SyncStartPreview } from '../../../../preload/contract';
import { getConnectionStatus } from '../../connection/connection-status';
import type { CycleResult } from '../../session/environment-session';
import { isEnsureKind } from '../../sync/engine/job-payload';
import { planStep, SYNC_START_DATE_KEY } from '../../sync/engine/plan-step';
import { resolvePayload } from '../../sync/plan';
import type { AppContext, AppSession } from '../app-context';
import { AppError } from '../../app-error';
import { refIndexFromCache } from '../views/preview-view';

/** Automatic sync off (and not left paused): `sync:stop`, and a switch to other books (env:set). */
export function stopAutomaticSync(ctx: AppContext): void {
  ctx.settings.set('syncServicesOn', false);
  ctx.settings.set('paused', false);
}

/** What the scheduler's next run would send from `startFrom` on (null: every day POR sent). */
export async function syncStartPreview(ctx: AppContext, session: AppSession, startFrom: string | null): Promise<SyncStartPreview> {
  const { ledger, environment } = session;
  const connection = await getConnectionStatus(environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
  // The scheduler's own plan (POR-closed days only), with the start the person is choosing.
  const planned = planStep(ledger, { environment, dryRun: true, filter: { dateFrom: startFrom ?? '0000-01-01' } });
  const refs = refIndexFromCache(ledger);
  const postings = planned.plan.jobs.filter((j) => !isEnsureKind(j.kind) && !j.nothingToPost);
  const lists = planned.plan.jobs.filter((j) => isEnsureKind(j.kind) && !('existing' in resolvePayload(j, refs)));
  const dates = postings
    .map((j) => j.txnDate ?? '')
    .filter(Boolean)
    .sort();
  const days = new Set(postings.map((j) => `${j.store}|${j.txnDate}`));
  const counts = ledger.outbox.counts();
  const all = ledger.reconciliation
    .storeDays()
    .map((d) => d.businessDate)
    .sort();
  return {
    environment,
    companyName: connection.companyName,
    startFrom,
    entries: postings.length,
    listRecords: lists.length,
    waiting: counts.queued + counts.failed,
    storeDays: days.size,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    debitCents: postings.reduce((n, j) => n + j.totals.debits, 0),
    earliestDay: all[0] ?? null,
    latestDay: all[all.length - 1] ?? null,
  };
}

function runResult(cycle: CycleResult | null): SyncRunResult {
  if (!cycle) return { ok: false, posted: 0, failed: 0, message: 'The run did not start: another run is in progress or sync is paused.' };
  const d = cycle.drain;
  if (!d) return { ok: false, posted: 0, failed: 0, message: cycle.skipped ? `Nothing was sent: ${cycle.skipped}` : 'Nothing was sent.' };
  if (d.stopped) return { ok: false, posted: d.posted, failed: d.failed, message: `${d.stopped.message}${d.stopped.fix ? ` ${d.stopped.fix}` : ''}` };
  const sent = d.posted + d.linked;
  const message =
    sent === 0 && d.failed === 0
      ? 'Sync finished: nothing new to send.'
      : `Sync finished: ${sent} sent${d.failed ? `, ${d.failed} failed (see the problems below)` : ''}${d.retried ? `, ${d.retried} will be retried` : ''}.`;
  return { ok: d.failed === 0, posted: sent, failed: d.failed, message };
}

export function syncStartHandlers(ctx: AppContext): Pick<Handlers, 'sync:start-preview' | 'sync:start' | 'sync:stop' | 'sync:run'> {
  const apply = async (session: AppSession) => {
    session.applySettings();
    await session.refreshConnectionStatus();
    ctx.changed('settings');
  };
  return {
    'sync:start-preview': async ({ startFrom }) => syncStartPreview(ctx, await ctx.sessions.current(), startFrom),
    'sync:start': async ({ startFrom }) => {
      const session = await ctx.sessions.current();
      const preview = await syncStartPreview(ctx, session, startFrom);
      // The start day first: the scheduler may run the moment services come on.
      session.ledger.settings.set(SYNC_START_DATE_KEY, startFrom);
      ctx.settings.set('paused', false);
      ctx.settings.set('syncServicesOn', true);
      await apply(session);
      return preview;
    },
    'sync:stop': async () => {
      const session = await ctx.sessions.current();
      stopAutomaticSync(ctx);
      await apply(session);
      return ctx.status.get();
    },
    'sync:run': async () => {
      if (!ctx.settings.get('syncServicesOn') || ctx.settings.get('paused')) {
        throw new AppError('refused', 'Automatic sync is off. Turn it on first: the app shows what it would send before anything is sent.', {
          code: 'sync-off',
        });
      }
      const session = await ctx.sessions.current();
      const cycle: CycleResult | null = await session.syncNow();
      ctx.changed('jobs');
      return runResult(cycle);
    },
  };
}
