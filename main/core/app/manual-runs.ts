/**
 * What the app adds to a person's export actions: each runs as a use case (../use-cases) while its
 * progress goes out as export:progress events for one run id, and the go-live replay's progress is kept
 * for the checklist screen. No decisions here: what is sent, held or refused is the use cases'.
 */
import { randomUUID } from 'node:crypto';
import type { ExportScope, HistoryRow } from '../../../preload/contract';
import type { Environment } from '../environment';
import type { EnvironmentSession } from '../session/environment-session';
import { AppError } from '../app-error';
import { asAppError } from '../use-cases/app-error-of';
import { replayHeld } from '../use-cases/cutover';
import { exportNow, plannedCount, postedTransactions, replaceDocument, resend, undo } from '../use-cases/exports';
import type { DrainResult } from '../sync/engine/sync-engine';
import type { AppContext } from './app-context';
import { historyRowOf } from './views/history-view';

type Replay = { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number; message: string };
const IDLE: Replay = { state: 'idle', done: 0, total: 0, message: '' };

export function scopeFilter(scope: Exclude<ExportScope, { kind: 'job' }>): { store?: number; from: string; to: string } {
  if (scope.kind === 'storeDay') return { store: scope.store, from: scope.date, to: scope.date };
  return { ...(scope.store !== null ? { store: scope.store } : {}), from: scope.from, to: scope.to };
}

export class ManualRuns {
  private readonly replays = new Map<Environment, Replay>();

  constructor(private readonly ctx: Pick<AppContext, 'hub' | 'changed'>) {}

  replayState(environment: Environment): Replay {
    return this.replays.get(environment) ?? IDLE;
  }

  /** Runs one action, mirroring the session's drain progress as export:progress for one run id. */
  private follow(session: EnvironmentSession, label: string, total: number, action: () => Promise<DrainResult | null>): string {
    const runId = randomUUID();
    const postedBefore = postedTransactions(session.ledger);
    const emit = (p: Partial<Parameters<AppContext['hub']['emit']>[1]> & object) =>
      this.ctx.hub.emit('export:progress', { runId, label, done: 0, total, posted: 0, failed: 0, finished: false, message: 'Starting…', ...p });
    emit({});
    const stop = session.onStatus((s) => {
      if (s.progress) emit({ done: s.progress.done, total: Math.max(total, s.progress.total), message: `Sending ${s.progress.done} of ${s.progress.total}…` });
    });
    void session
      .track(action())
      .then(
        (result) => {
          const posted = postedTransactions(session.ledger) - postedBefore;
          const sent = result ? result.posted + result.linked + result.skipped : 0;
          const lists = Math.max(0, sent - posted);
          const failed = result?.failed ?? 0;
          const message = !result
            ? 'Nothing was sent: the connection or the go-live checklist holds it. See the dashboard.'
            : result.stopped
              ? `${result.stopped.message}${result.stopped.fix ? ` ${result.stopped.fix}` : ''}`
              : `${posted} ${posted === 1 ? 'transaction' : 'transactions'} posted${lists ? ` (and ${lists} ${lists === 1 ? 'class, customer or item' : 'classes, customers or items'} created first)` : ''}${failed ? `, ${failed} failed` : ''}${result.retried ? `, ${result.retried} will be retried` : ''}.`;
          emit({ done: Math.max(total, sent + failed), total: Math.max(total, sent + failed), posted, failed, finished: true, message });
        },
        (err: unknown) => {
          const e = asAppError(err);
          emit({ finished: true, failed: 1, message: e instanceof AppError ? e.message : 'The export stopped.' });
        },
      )
      .finally(() => {
        stop();
        this.ctx.changed('jobs', 'documents');
      });
    return runId;
  }

  /** Manual export of a scope (or one export again): planned now, held in production until it is ready, sent. */
  async post(session: EnvironmentSession, scope: ExportScope): Promise<{ runId: string; total: number }> {
    await session.qbo();
    if (scope.kind === 'job') {
      const runId = this.follow(session, 'Sending the export again', 1, async () => (await resend(session, scope.jobId)).drain);
      return { runId, total: 1 };
    }
    const filter = scopeFilter(scope);
    // The size is known from a dry run: what exportNow adds to what already waits.
    const total = session.ledger.outbox.counts().queued + plannedCount(session, filter);
    const runId = this.follow(session, 'Posting to QuickBooks', total, async () => (await exportNow(session, filter)).drain);
    return { runId, total };
  }

  /** Retry a failed export, or post an undone/cancelled one again (its day only). */
  async retry(session: EnvironmentSession, jobId: number): Promise<HistoryRow> {
    await session.qbo();
    try {
      const { job } = await resend(session, jobId);
      return historyRowOf(job, session.environment);
    } catch (err) {
      throw asAppError(err, `export #${jobId}`);
    } finally {
      this.ctx.changed('jobs');
    }
  }

  async undo(session: EnvironmentSession, jobId: number): Promise<HistoryRow> {
    try {
      const job = await undo(session, jobId);
      return historyRowOf(job, session.environment);
    } catch (err) {
      throw asAppError(err, `export #${jobId}`);
    } finally {
      this.ctx.changed('jobs');
    }
  }

  /** "Replace in QuickBooks": undo what QuickBooks holds of the old revision and post the new one, in one step. */
  async replaceRevision(session: EnvironmentSession, key: string): Promise<{ key: string; undone: number; posted: number; failed: number; message: string }> {
    try {
      const result = await session.track(replaceDocument(session, key));
      const posted = result.drain?.posted ?? 0;
      const failed = result.drain?.failed ?? 0;
      const stopped = result.drain?.stopped;
      const n = result.undone.length;
      const message = stopped
        ? `${stopped.message}${stopped.fix ? ` ${stopped.fix}` : ''}`
        : failed
          ? `${n} old ${n === 1 ? 'entry' : 'entries'} undone; ${failed} new ${failed === 1 ? 'entry' : 'entries'} failed: see History.`
          : `Replaced in QuickBooks: ${n} old ${n === 1 ? 'entry' : 'entries'} undone, ${posted} new ${posted === 1 ? 'entry' : 'entries'} posted.`;
      return { key, undone: n, posted, failed, message };
    } catch (err) {
      throw asAppError(err, key);
    } finally {
      this.ctx.changed('jobs', 'documents');
    }
  }

  /** Go-live: production is ready, so what was held is sent; the checklist screen follows the progress. */
  async replayHeld(session: EnvironmentSession): Promise<void> {
    const env = session.environment;
    const { total, run } = await replayHeld(session);
    this.replays.set(env, { state: 'running', done: 0, total, message: `Sending ${total} held exports…` });
    const stop = session.onStatus((s) => {
      if (!s.progress) return;
      const r = this.replayState(env);
      this.replays.set(env, { ...r, done: Math.min(total, s.progress.done), message: `Sending ${s.progress.done} of ${s.progress.total}…` });
      this.ctx.changed('cutover');
    });
    this.ctx.changed('cutover');
    void run
      .then(
        (cycle) => {
          const d = cycle?.drain;
          const ok = !!d && !d.stopped && d.failed === 0;
          this.replays.set(env, {
            state: ok ? 'done' : 'failed',
            done: ok ? total : this.replayState(env).done,
            total,
            message: ok
              ? `All ${total} held exports were sent, each once.`
              : (d?.stopped?.message ?? cycle?.skipped ?? `${d?.failed ?? 0} failed: see History.`),
          });
        },
        (err: unknown) => {
          this.replays.set(env, { ...this.replayState(env), state: 'failed', message: err instanceof Error ? err.message : 'The replay stopped.' });
        },
      )
      .finally(() => {
        stop();
        this.ctx.changed('cutover', 'jobs');
      });
  }
}
