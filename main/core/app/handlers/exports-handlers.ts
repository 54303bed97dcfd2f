/**
 * Manual exports: which store-days exist and how far they got, the dry-run preview of a scope (exact
 * entries and totals, nothing written), posting it, resending one export and undoing one.
 */
import type { ExportScope, Handlers, StoreDay } from '../../../../preload/contract';
import type { OutboxJob } from '../../ledger';
import { addDays } from '../../por/iso-date';
import { planStep } from '../../sync/engine/plan-step';
import type { AppContext, AppSession } from '../app-context';
import { UserFacingError } from '../dispatch';
import { manualClosedDays, scopeFilter } from '../sync-runner';
import { buildPreview } from '../views/preview-view';
import { revisionsWaiting } from '../views/revision-view';
import { netDebits } from '../views/day-amount';
import { exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
import type { EffectLine } from '../../sync/modes/draft-types';

const POSTING_KINDS = "('JournalEntry', 'Invoice', 'CreditMemo')";

/** Outbox rows (postings) of a scope, oldest first. */
function jobsInScope(session: AppSession, scope: ExportScope): OutboxJob[] {
  if (scope.kind === 'job') {
    const job = session.ledger.outbox.get(scope.jobId);
    if (!job) throw new UserFacingError('not-found', `There is no export #${scope.jobId}.`);
    return [job];
  }
  const f = scopeFilter(scope)!;
  const ids = session.reader.db
    .prepare(
      `SELECT id FROM outbox WHERE kind IN ${POSTING_KINDS} AND status <> 'cancelled' AND business_date >= ? AND business_date <= ?
       ${f.store !== undefined ? 'AND store = ?' : ''} ORDER BY id LIMIT 2000`,
    )
    .pluck()
    .all(f.dateFrom!, f.dateTo!, ...(f.store !== undefined ? [f.store] : [])) as number[];
  return ids.map((id) => session.ledger.outbox.get(id)).filter((j): j is OutboxJob => !!j);
}

function storeDays(session: AppSession, query: { from?: string; to?: string; store?: number }): StoreDay[] {
  const { ledger, reader } = session;
  const all = ledger.reconciliation.storeDays(query.store !== undefined ? { store: query.store } : {});
  const latest = all.reduce((m, d) => (d.businessDate > m ? d.businessDate : m), '');
  const to = query.to ?? (latest || new Date().toISOString().slice(0, 10));
  const from = query.from ?? addDays(to, -30);
  const days = all.filter((d) => d.store !== null && d.businessDate >= from && d.businessDate <= to);
  const names = new Map(ledger.stores.list().map((s) => [s.store, s.name]));

  const jobStates = new Map<string, Map<string, number>>();
  const rows = reader.db
    .prepare(
      `SELECT store, business_date AS date, status, count(*) AS n FROM outbox
       WHERE kind IN ${POSTING_KINDS} AND business_date >= ? AND business_date <= ? AND status <> 'cancelled'
       GROUP BY store, business_date, status`,
    )
    .all(from, to) as { store: number | null; date: string; status: string; n: number }[];
  for (const r of rows) {
    const key = `${r.store}|${r.date}`;
    const m = jobStates.get(key) ?? new Map<string, number>();
    m.set(r.status, r.n);
    jobStates.set(key, m);
  }
  // A day's amount in the one measure (day-amount.ts): its live entries, else what a dry run would post.
  const lines = new Map<string, EffectLine[]>();
  const addLines = (key: string, more: readonly EffectLine[]) => lines.set(key, [...(lines.get(key) ?? []), ...more]);
  for (const d of days) {
    const rows = ledger.outbox.list({ store: d.store!, businessDate: d.businessDate }, { limit: 200 }).rows.filter((r) => !isEnsureKind(r.kind) && r.status !== 'cancelled');
    // An undone day keeps the amount it would be sent again with.
    const live = rows.filter((r) => r.status !== 'undone');
    for (const row of live.length ? live : rows) {
      const job = exportJobOf(row);
      if (job) addLines(`${d.store}|${d.businessDate}`, job.preview);
    }
  }
  const planned = planStep(ledger, {
    environment: session.environment,
    dryRun: true,
    filter: { ...(query.store !== undefined ? { store: query.store } : {}), dateFrom: from, dateTo: to },
    closedDays: manualClosedDays(ledger, { ...(query.store !== undefined ? { store: query.store } : {}), from, to }),
  });
  for (const job of planned.plan.jobs) if (!isEnsureKind(job.kind) && job.txnDate) addLines(`${job.store}|${job.txnDate}`, job.preview);
  const debits = new Map([...lines].map(([k, v]) => [k, netDebits(v)]));
  const waiting = new Map<string, string[]>();
  for (const r of revisionsWaiting(ledger)) {
    const k = `${r.store}|${r.businessDate}`;
    waiting.set(k, [...(waiting.get(k) ?? []), r.key]);
  }
  return days
    .map((d) => {
      const key = `${d.store}|${d.businessDate}`;
      const states = jobStates.get(key);
      let state: StoreDay['state'] = 'not-exported';
      if (states) {
        const only = (s: string) => states.size === 1 && states.has(s);
        if (only('posted')) state = 'posted';
        else if (states.has('failed')) state = 'failed';
        else if (states.has('held')) state = 'held';
        else if (states.has('queued') || states.has('inFlight')) state = states.has('posted') ? 'partial' : 'queued';
        else if (only('undone')) state = 'undone';
        else state = 'partial';
      }
      return {
        store: d.store!, storeName: names.get(d.store!) ?? null, date: d.businessDate, documents: d.documents, closed: d.closed, state,
        amountCents: debits.get(key) ?? 0, revisions: waiting.get(key) ?? [],
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.store - b.store);
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
        if (!(err instanceof UserFacingError)) throw err;
      }
      const planned =
        scope.kind === 'job'
          ? { plan: { jobs: [] }, held: [] }
          : (() => {
              const f = scopeFilter(scope)!;
              return planStep(session.ledger, {
                environment: session.environment,
                dryRun: true,
                filter: f,
                closedDays: manualClosedDays(session.ledger, { ...(f.store !== undefined ? { store: f.store } : {}), from: f.dateFrom!, to: f.dateTo! }),
              });
            })();
      return buildPreview({ scope, ledger: session.ledger, planned: planned.plan.jobs, held: planned.held, existing: jobsInScope(session, scope), referencesLoaded });
    },
    'exports:post': async ({ scope }) => (await ctx.sessions.current()).runner.post(scope),
    'exports:retry': async ({ jobId }) => (await ctx.sessions.current()).runner.retry(jobId),
    'exports:undo': async ({ jobId }) => (await ctx.sessions.current()).runner.undo(jobId),
  };
}
