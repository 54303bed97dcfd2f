/**
 * The dashboard's one truth: the facts (reconciliation of the last 14 days read from QuickBooks, mapping,
 * the outbox) gathered here, the words decided by the pure overallHealth().
 */
import type { Handlers } from '../../../../preload/contract';
import { getConnectionStatus } from '../../connection/connection-status';
import { ENSURE_KINDS } from '../../sync/engine/job-payload';
import { exportModeOf } from '../../sync/engine/plan-step';
import type { AppContext, AppSession } from '../app-context';
import { mappingView } from '../views/mapping-view';
import { overallHealth, reconcileGaps, type HealthFacts } from '../views/health-view';
import { SETUP_COMPLETED_KEY } from '../views/setup-view';
import { reconcileHandlers } from './reconcile-handlers';
import { openUndone } from '../../use-cases/resend-undone';

export const HEALTH_PERIOD_DAYS = 14;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Posted transactions apart from the list records (classes, customers, items) created for them. */
export function postedCounts(session: AppSession): { entries: number; listRecords: number } {
  const posted = session.ledger.outbox.list({ status: 'posted' }, { limit: 1 }).total;
  const listRecords = countKinds(session, 'posted');
  return { entries: posted - listRecords, listRecords };
}

export function healthHandlers(ctx: AppContext): Pick<Handlers, 'dashboard:health'> {
  const reconcile = reconcileHandlers(ctx)['reconcile:get'];
  return {
    'dashboard:health': async () => {
      const session = await ctx.sessions.current();
      const { ledger, environment } = session;
      const connection = await getConnectionStatus(environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
      const connected = connection.state === 'connected';
      const today = new Date();
      const period = { from: isoDay(new Date(today.getTime() - (HEALTH_PERIOD_DAYS - 1) * 86_400_000)), to: isoDay(today) };
      let gaps: HealthFacts['reconcile'] = { error: 'not connected' };
      let openDays = 0;
      if (connected) {
        try {
          const view = await reconcile({ from: period.from, to: period.to, store: null });
          // A day POR has not closed is not due yet (batch mode sends a day after its End of Day).
          const closed = new Set(
            ledger.reconciliation
              .storeDays({ dateFrom: period.from, dateTo: period.to })
              .filter((d) => d.closed)
              .map((d) => `${d.store}|${d.businessDate}`),
          );
          const due = (d: { store: number; date: string; qboCents: number }) =>
            d.qboCents !== 0 || closed.has(`${d.store}|${d.date}`) || exportModeOf(ledger) !== 'batch';
          openDays = view.days.filter((d) => !due(d)).length;
          gaps = reconcileGaps(view.days.filter(due), view.refusedElsewhere.length);
        } catch (err) {
          gaps = { error: err instanceof Error ? err.message : String(err) };
        }
      }
      const counts = ledger.outbox.counts();
      const mapping = mappingView(ledger, environment).summary;
      const status = ctx.status.get();
      const syncOn = ctx.settings.get('syncServicesOn') && !ctx.settings.get('paused');
      const health = overallHealth({
        syncState: status.state,
        syncMessage: status.message,
        syncOn,
        connected,
        setupComplete: !!ledger.settings.get(SETUP_COMPLETED_KEY),
        period,
        reconcile: gaps,
        unmappedAccounts: mapping.unmapped + mapping.inactive,
        undone: openUndone(ledger).length,
        held: counts.held,
        failed: counts.failed,
        waiting: counts.queued + counts.inFlight,
        revisionsWaiting: ledger.documents.pendingDecisions().length,
        openDays,
        refusedFiles: ledger.quarantine.list({ open: true }, { limit: 1 }).total,
      });
      // The tray and notifications say what this says: not "Up to date" while the books differ.
      const first = health.items.find((i) => i.tone === 'err') ?? health.items[0];
      ctx.status.noteBooks({ environment, upToDate: health.state === 'up-to-date', headline: first?.text ?? health.headline });
      const posted = postedCounts(session);
      return { ...health, postedEntries: posted.entries, postedListRecords: posted.listRecords, environment, companyName: connection.companyName };
    },
  };
}

function countKinds(session: AppSession, status: 'posted'): number {
  let n = 0;
  for (const kind of ENSURE_KINDS) n += session.ledger.outbox.list({ status, kind }, { limit: 1 }).total;
  return n;
}
