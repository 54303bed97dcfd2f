/**
 * The dashboard and the sync controls: the status, every environment at a glance, counts, and the recent
 * problems each with its plain fix and what the UI can offer (retry, reconnect, mapping, classes, inbox).
 */
import { existsSync } from 'node:fs';
import type { EnvironmentSummary, Handlers, Problem } from '../../../../preload/contract';
import { getConnectionStatus } from '../../connection/connection-status';
import { ENVIRONMENTS, type Environment } from '../../environment';
import { ledgerPath, openLedger, type Ledger, type OutboxJob } from '../../ledger';
import type { AppContext, AppSession } from '../app-context';
import { AppError } from '../../app-error';
import { historyRowOf } from '../views/history-view';
import { SETUP_COMPLETED_KEY } from '../views/setup-view';

/** The action offered beside a failure follows its kind, never the message's words. */
export function problemActionFor(job: OutboxJob): Problem['action'] {
  switch (job.lastError?.kind) {
    case 'not-connected':
      return 'reconnect';
    case 'classes':
      return 'classes';
    case 'mapping':
      return 'mapping';
    default:
      return 'retry';
  }
}

function summaryOf(
  environment: Environment,
  ledger: Ledger,
  current: boolean,
  connection: Awaited<ReturnType<typeof getConnectionStatus>>,
  lastRunAt: string | null,
): EnvironmentSummary {
  const counts = ledger.outbox.counts();
  const lastPosted = ledger.outbox.list({ status: 'posted' }, { limit: 1 }).rows[0];
  return {
    environment,
    current,
    connected: connection.state === 'connected',
    reconnectNeeded: connection.state === 'reconnect-needed',
    companyName: connection.companyName,
    realmId: connection.realmId,
    setupComplete: !!ledger.settings.get(SETUP_COMPLETED_KEY),
    queued: counts.queued + counts.inFlight,
    failed: counts.failed,
    held: counts.held,
    posted: counts.posted,
    lastRunAt: lastRunAt ?? lastPosted?.updatedAt ?? null,
  };
}

export async function environmentSummaries(ctx: AppContext, session: AppSession): Promise<EnvironmentSummary[]> {
  const out: EnvironmentSummary[] = [];
  for (const env of ENVIRONMENTS) {
    const connection = await getConnectionStatus(env, { dataDir: ctx.dataDir, secrets: ctx.secrets }).catch(() => null);
    const fallback = { state: 'not-connected', companyName: null, realmId: null } as const;
    const conn = (connection ?? fallback) as Awaited<ReturnType<typeof getConnectionStatus>>;
    if (env === session.environment) {
      out.push(summaryOf(env, session.ledger, true, conn, ctx.status.get().lastRunAt));
      continue;
    }
    if (!existsSync(ledgerPath(ctx.dataDir, env))) {
      out.push({
        environment: env,
        current: false,
        connected: conn.state === 'connected',
        reconnectNeeded: conn.state === 'reconnect-needed',
        companyName: conn.companyName,
        realmId: conn.realmId,
        setupComplete: false,
        queued: 0,
        failed: 0,
        held: 0,
        posted: 0,
        lastRunAt: null,
      });
      continue;
    }
    // Another environment's ledger, opened only to count: no recovery, closed at once.
    const other = openLedger(ctx.dataDir, env, { recover: false, actor: 'dashboard' });
    try {
      out.push(summaryOf(env, other, false, conn, null));
    } finally {
      other.close();
    }
  }
  return out;
}

export function problemsOf(session: AppSession): Problem[] {
  const { ledger, environment } = session;
  const problems: Problem[] = [];
  for (const job of ledger.outbox.list({ status: 'failed' }, { limit: 8 }).rows) {
    const row = historyRowOf(job, environment);
    problems.push({
      id: `job-${job.id}`,
      jobId: job.id,
      title: `${row.title}${row.docNumber && !row.title.includes(row.docNumber) ? ` · No. ${row.docNumber}` : ''}`,
      error: row.error ?? { code: null, message: 'QuickBooks refused this export.', fix: null, intuitTid: null },
      at: job.updatedAt,
      store: job.store,
      businessDate: row.businessDate,
      action: problemActionFor(job),
    });
  }
  for (const q of ledger.quarantine.list({ open: true }, { limit: 3 }).rows) {
    // The fix was chosen when the file came in: for what the reader can do, and true to what was kept.
    const whole = q.line === null;
    problems.push({
      id: `input-${q.id}`,
      jobId: null,
      title: `${whole ? 'POR file refused' : 'Part of a POR file refused'}: ${q.file.split(/[\\/]/).pop()}`,
      error: { code: null, message: `${q.line ? `Line ${q.line}: ` : ''}${q.field ? `${q.field}: ` : ''}${q.reason}`, fix: q.fix, intuitTid: null },
      at: q.receivedAt,
      store: null,
      businessDate: null,
      action: 'inbox',
    });
  }
  const pending = ledger.documents.pendingDecisions();
  if (pending.length) {
    problems.push({
      id: 'revisions',
      jobId: null,
      title: `${pending.length} regenerated POR ${pending.length === 1 ? 'day waits' : 'days wait'} for a decision`,
      error: {
        code: null,
        message: 'POR wrote a day again with different content.',
        fix: 'Open POR data and choose Replace or Keep for each.',
        intuitTid: null,
      },
      at: pending[0]!.receivedAt,
      store: pending[0]!.store,
      businessDate: pending[0]!.businessDate,
      action: 'inbox',
    });
  }
  return problems;
}

export function dashboardHandlers(ctx: AppContext): Pick<Handlers, 'dashboard:get' | 'sync:now' | 'sync:pause' | 'sync:resume'> {
  const setPaused = async (paused: boolean) => {
    ctx.settings.set('paused', paused);
    const s = await ctx.sessions.current();
    s.applySettings();
    await s.refreshConnectionStatus();
    ctx.changed('settings');
    return ctx.status.get();
  };
  return {
    'dashboard:get': async () => {
      const session = await ctx.sessions.current();
      const counts = session.ledger.outbox.counts();
      const connection = await getConnectionStatus(session.environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
      const problems = problemsOf(session);
      if (connection.state === 'reconnect-needed') {
        problems.unshift({
          id: 'reconnect',
          jobId: null,
          title: 'QuickBooks needs to be reconnected',
          error: { code: null, message: connection.message, fix: 'Open Setup → Connect and connect again. Waiting exports are kept.', intuitTid: null },
          at: new Date().toISOString(),
          store: null,
          businessDate: null,
          action: 'reconnect',
        });
      }
      return {
        status: ctx.status.get(),
        environments: await environmentSummaries(ctx, session),
        counts: { queued: counts.queued, inFlight: counts.inFlight, posted: counts.posted, failed: counts.failed, held: counts.held, undone: counts.undone },
        problems,
        syncServicesOn: ctx.settings.get('syncServicesOn'),
        paused: ctx.settings.get('paused'),
        setupComplete: !!session.ledger.settings.get(SETUP_COMPLETED_KEY),
      };
    },
    'sync:now': async () => {
      if (ctx.settings.get('paused')) throw new AppError('refused', 'Sync is paused. Resume it first.', { code: 'paused' });
      const s = await ctx.sessions.current();
      void s.syncNow();
      return ctx.status.get();
    },
    'sync:pause': () => setPaused(true),
    'sync:resume': () => setPaused(false),
  };
}
