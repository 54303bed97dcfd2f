/**
 * Manual exports: which store-days exist and how far they got, the dry-run preview of a scope (exact
 * entries and totals, nothing written), posting it, resending one export and undoing one.
 */
import type { ExportScope, Handlers, StoreDay } from '../../../../preload/contract';
import type { OutboxJob } from '../../ledger';
import { addDays } from '../../por/iso-date';
import type { AppContext, AppSession } from '../app-context';
import { AppError } from '../../app-error';
import { dryRunExport } from '../../use-cases/exports';
import { scopeFilter } from '../manual-runs';
import { buildPreview } from '../views/preview-view';
import { revisionsWaiting } from '../views/revision-view';
import { netDebits } from '../views/day-amount';
import { exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
import type { EffectLine } from '../../sync/modes/draft-types';

/** Outbox rows (postings) of a scope, oldest first. */
function jobsInScope(session: AppSession, scope: ExportScope): OutboxJob[] {
  if (scope.kind === 'job') {
    const job = session.ledger.outbox.get(scope.jobId);
    if (!job) throw new AppError('not-found', `There is no export #${scope.jobId}.`);
    return [job];
  }
  const f = scopeFilter(scope);
  return session.ledger.storeDays.jobsIn({ dateFrom: f.from, dateTo: f.to, ...(f.store !== undefined ? { store: f.store } : {}) });
}

function storeDays(session: AppSession, query: { from?: string; to?: string; store?: number }): StoreDay[] {
  const { ledger } = session;
  const to = query.to ?? ledger.storeDays.latestBusinessDate() ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -30);
  const names = new Map(ledger.stores.list().map((s) => [s.store, s.name]));
  const waiting = new Map<string, string[]>();
  for (const r of revisionsWaiting(ledger)) {
    const k = `${r.store}|${r.businessDate}`;
    waiting.set(k, [...(waiting.get(k) ?? []), r.key]);
  }
  const days = ledger.storeDays.list({ dateFrom: from, dateTo: to, ...(query.store !== undefined ? { store: query.store } : {}) });
  // A day's amount in the one measure (day-amount.ts): its live entries, else what a dry run would post.
  const lines = new Map<string, EffectLine[]>();
  const addLines = (key: string, more: readonly EffectLine[]) => lines.set(key, [...(lines.get(key) ?? []), ...more]);
  for (const d of days) {
    const rows = ledger.outbox
      .list({ store: d.store, businessDate: d.date }, { limit: 200 })
      .rows.filter((r) => !isEnsureKind(r.kind) && r.status !== 'cancelled');
    // An undone day keeps the amount it would be sent again with.
    const live = rows.filter((r) => r.status !== 'undone');
    for (const row of live.length ? live : rows) {
      const job = exportJobOf(row);
      if (job) addLines(`${d.store}|${d.date}`, job.preview);
    }
  }
  const planned = dryRunExport(session, { ...(query.store !== undefined ? { store: query.store } : {}), from, to });
  for (const job of planned.plan.jobs) if (!isEnsureKind(job.kind) && job.txnDate) addLines(`${job.store}|${job.txnDate}`, job.preview);
  return days.map((d) => {
    const key = `${d.store}|${d.date}`;
    return { ...d, storeName: names.get(d.store) ?? null, amountCents: netDebits(lines.get(key) ?? []), revisions: waiting.get(key) ?? [] };
  });
}

export function exportsHandlers(ctx: AppContext): Pick<Handlers, 'exports:days' | 'exports:preview' | 'exports:post' | 'exports:retry' | 'exports:undo'> {
  return {
    'exports:days': async (query) => ({ days: storeDays(await ctx.sessions.current(), query) }),
    'exports:preview': async ({ scope }) => {
      const session = await ctx.sessions.current();
      // The preview must see what QuickBooks has (accounts, classes, items): load the lists once when connected.
      let referencesLoaded = !!session.ledger.reference.snapshot('Account');
      try {
        const qbo = await session.qbo();
        await qbo.references.ensureLoaded();
        qbo.references.flush();
        referencesLoaded = true;
      } catch (err) {
        if (!(err instanceof AppError && err.kind === 'not-connected')) throw err;
      }
      const planned = scope.kind === 'job' ? { plan: { jobs: [] }, held: [] } : dryRunExport(session, scopeFilter(scope));
      return buildPreview({
        scope,
        ledger: session.ledger,
        planned: planned.plan.jobs,
        held: planned.held,
        existing: jobsInScope(session, scope),
        referencesLoaded,
      });
    },
    'exports:post': async ({ scope }) => ctx.runs.post(await ctx.sessions.current(), scope),
    'exports:retry': async ({ jobId }) => ctx.runs.retry(await ctx.sessions.current(), jobId),
    'exports:undo': async ({ jobId }) => ctx.runs.undo(await ctx.sessions.current(), jobId),
  };
}
