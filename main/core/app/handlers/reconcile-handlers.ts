/**
 * Reconciliation: POR's totals against what QuickBooks itself holds (read from QuickBooks, never from
 * our ledger), per store and day, with the accounts behind each day. The last report is kept so opening
 * a day's accounts does not query QuickBooks again.
 */
import type { Handlers, ReconcileView } from '../../../../preload/contract';
import { reconcile, type ReconcileReport } from '../../sync/reconcile/reconcile';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';

export function reconcileHandlers(ctx: AppContext): Pick<Handlers, 'reconcile:get' | 'reconcile:day'> {
  let last: { environment: string; report: ReconcileReport } | null = null;
  const run = async (from: string, to: string) => {
    const session = await ctx.sessions.current();
    if (from > to) throw new AppError('invalid-input', 'The start date is after the end date.', { code: 'invalid-range' });
    const qbo = await session.qbo();
    const report = await reconcile({ ledger: session.ledger, environment: session.environment, client: qbo.client, references: qbo.references, from, to });
    last = { environment: session.environment, report };
    return { session, report };
  };
  return {
    'reconcile:get': async ({ from, to, store }) => {
      const { session, report } = await run(from, to);
      const names = new Map(session.ledger.stores.list().map((s) => [s.store, s.name]));
      const rowsPerDay = new Map<string, number>();
      for (const r of report.rows) rowsPerDay.set(`${r.store}|${r.date}`, (rowsPerDay.get(`${r.store}|${r.date}`) ?? 0) + 1);
      // Refused POR input by store-day; what has no store or day of the list is shown on its own.
      const refusedByDay = new Map<string, string[]>();
      for (const r of report.refused) {
        if (r.store === null || r.date === null) continue;
        const k = `${r.store}|${r.date}`;
        refusedByDay.set(k, [...(refusedByDay.get(k) ?? []), r.note]);
      }
      const listed = new Set(report.days.filter((d) => d.store !== null).map((d) => `${d.store}|${d.date}`));
      const refusedElsewhere = report.refused
        .filter((r) => r.store === null || r.date === null || !listed.has(`${r.store}|${r.date}`))
        .filter((r) => store === null || r.store === null || r.store === store)
        .map((r) => (r.date ? `${r.date}${r.store !== null ? `, store ${r.store}` : ''}: ${r.note}` : r.note));
      const days: ReconcileView['days'] = report.days
        .filter((d) => d.store !== null && (store === null || d.store === store))
        .map((d) => ({
          store: d.store!,
          storeName: names.get(d.store!) ?? null,
          date: d.date,
          porCents: d.porDebitCents,
          qboCents: d.qboDebitCents,
          differenceCents: d.qboDebitCents - d.porDebitCents,
          accounts: rowsPerDay.get(`${d.store}|${d.date}`) ?? 0,
          accountsWithDifference: d.differences,
          status: (d.match ? 'match' : d.qboDebitCents === 0 ? 'not-exported' : 'difference') as ReconcileView['days'][number]['status'],
          refused: refusedByDay.get(`${d.store}|${d.date}`) ?? [],
        }))
        .sort((a, b) => b.date.localeCompare(a.date) || a.store - b.store);
      const porCents = days.reduce((n, d) => n + d.porCents, 0);
      const qboCents = days.reduce((n, d) => n + d.qboCents, 0);
      return {
        from,
        to,
        days,
        totals: { porCents, qboCents, differenceCents: qboCents - porCents },
        generatedAt: report.generatedAt,
        refusedElsewhere,
        match: days.every((d) => d.status === 'match') && refusedElsewhere.length === 0,
      };
    },
    'reconcile:day': async ({ store, date }) => {
      const session = await ctx.sessions.current();
      const cached = last && last.environment === session.environment && last.report.from <= date && date <= last.report.to ? last.report : null;
      const report = cached ?? (await run(date, date)).report;
      return {
        store,
        date,
        accounts: report.rows
          .filter((r) => r.store === store && r.date === date)
          .map((r) => ({
            porAccount: r.porAccounts.join(', ') || '—',
            qboAccount: r.accountLabel,
            porCents: r.porCents,
            qboCents: r.qboCents,
            differenceCents: r.differenceCents,
            notes: r.notes,
          })),
      };
    },
  };
}
