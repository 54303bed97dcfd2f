/**
 * The UI's view of the current environment's runtime (the engine helper's SyncRuntime): its status goes
 * to the app's one StatusService (tray, notifications, renderer), manual actions (post a scope, resend,
 * undo, replay held exports) become export:progress events, and its refusals become plain messages.
 * Every decision stays the runtime's.
 */
import { randomUUID } from 'node:crypto';
import type { ExportScope, HistoryRow, SyncStatus } from '../../../preload/contract';
import { LedgerError, type Ledger } from '../ledger';
import { QboFault } from '../qbo/qbo-fault';
import { RuntimeActionError, type SyncRuntime } from '../runtime/open-runtime';
import { adviseFault } from '../sync/engine/fault-advice';
import { planStep } from '../sync/engine/plan-step';
import type { DrainResult } from '../sync/engine/sync-engine';
import type { AppContext } from './app-context';
import { AppError } from '../app-error';
import type { Session } from './session-host';
import { historyRowOf } from './views/history-view';

export function scopeFilter(scope: ExportScope): { store?: number; dateFrom?: string; dateTo?: string } | null {
  if (scope.kind === 'storeDay') return { store: scope.store, dateFrom: scope.date, dateTo: scope.date };
  if (scope.kind === 'range') return { ...(scope.store !== null ? { store: scope.store } : {}), dateFrom: scope.from, dateTo: scope.to };
  return null;
}

/** The runtime's refusals and QuickBooks' faults, as messages fit to show. */
export function asUserFacing(err: unknown, what = 'the export'): UserFacingError | unknown {
  if (err instanceof UserFacingError) return err;
  if (err instanceof RuntimeActionError || err instanceof LedgerError) return new AppError('refused', err.message);
  if (err instanceof QboFault) {
    const advice = adviseFault(err, { what });
    return new UserFacingError(advice.qboCode ?? 'qbo', `${advice.message}${advice.fix ? ` ${advice.fix}` : ''}`);
  }
  return err;
}

/**
 * A manual export sends the days asked for as they are (POR may not have closed them): the same
 * closed-days rule the runtime's exportNow applies, so the preview and the post agree.
 */
export function manualClosedDays(ledger: Ledger, filter: { store?: number; from?: string; to?: string }): { store: number; businessDate: string }[] {
  return ledger.reconciliation
    .storeDays({ ...(filter.store !== undefined ? { store: filter.store } : {}), ...(filter.from ? { dateFrom: filter.from } : {}), ...(filter.to ? { dateTo: filter.to } : {}) })
    .filter((d): d is typeof d & { store: number } => d.store !== null)
    .map((d) => ({ store: d.store, businessDate: d.businessDate }));
}

type Replay = { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number; message: string };

export class SyncRunner {
  private replay: Replay = { state: 'idle', done: 0, total: 0, message: '' };
  /** Manual actions still talking to QuickBooks: quitting waits for them. */
  private readonly inflight = new Set<Promise<unknown>>();
  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => {});
    return p;
  }
  private readonly unsubscribe: () => void;
  private readonly runtime: SyncRuntime;

  constructor(
    private readonly ctx: AppContext,
    private readonly session: Session,
  ) {
    this.runtime = session.runtime;
    this.unsubscribe = this.runtime.onStatus((status) => this.forward(status));
  }

  get environment() {
    return this.session.environment;
  }

  get replayState(): Replay {
    return this.replay;
  }

  /** One status for tray, notifications and renderer; runs finishing also refresh open screens. */
  private lastRunAt: string | null = null;
  private forward(status: SyncStatus): void {
    this.ctx.status.update(status);
    if (status.lastRunAt !== this.lastRunAt) {
      this.lastRunAt = status.lastRunAt;
      this.ctx.changed('jobs');
    }
  }

  async start(): Promise<void> {
    this.runtime.start();
    this.forward(this.runtime.status());
  }

  /** Follows the app settings (services on/off, paused) after someone changed them. */
  applySettings(): void {
    const paused = this.ctx.settings.get('paused');
    if (paused) this.runtime.pause();
    else this.runtime.resume();
    this.runtime.setServices(this.ctx.settings.get('syncServicesOn'));
  }

  async publish(): Promise<void> {
    await this.runtime.refreshConnectionStatus();
    this.forward(this.runtime.status());
  }

  async refreshConnection(): Promise<void> {
    await this.runtime.reloadConnection();
  }

  trigger(reason: 'trigger' | 'wake' = 'trigger'): void {
    this.runtime.trigger(reason);
  }

  syncNow(): Promise<unknown> {
    return this.runtime.syncNow();
  }

  private async requireConnected(): Promise<void> {
    if (!this.runtime.connection) await this.runtime.reloadConnection();
    if (!this.runtime.connection || this.ctx.status.get().state === 'disconnected') {
      throw new AppError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
    }
  }

  /** Runs one manual action, mirroring the runtime's drain progress as export:progress for one run id. */
  private follow(label: string, total: number, action: () => Promise<DrainResult | null>, onDone?: (r: DrainResult | null, err: unknown) => void) {
    const runId = randomUUID();
    const postedBefore = this.postedTransactions();
    const emit = (p: Partial<Parameters<AppContext['hub']['emit']>[1]> & object) =>
      this.ctx.hub.emit('export:progress', { runId, label, done: 0, total, posted: 0, failed: 0, finished: false, message: 'Starting…', ...p });
    emit({});
    const stop = this.runtime.onStatus((s) => {
      if (s.progress) emit({ done: s.progress.done, total: Math.max(total, s.progress.total), message: `Sending ${s.progress.done} of ${s.progress.total}…` });
    });
    void this.track(action())
      .then(
        (result) => {
          const posted = this.postedTransactions() - postedBefore;
          const sent = result ? result.posted + result.linked + result.skipped : 0;
          const lists = Math.max(0, sent - posted);
          const failed = result?.failed ?? 0;
          const message = !result
            ? 'Nothing was sent: the connection or the go-live checklist holds it. See the dashboard.'
            : result.stopped
              ? `${result.stopped.message}${result.stopped.fix ? ` ${result.stopped.fix}` : ''}`
              : `${posted} ${posted === 1 ? 'transaction' : 'transactions'} posted${lists ? ` (and ${lists} ${lists === 1 ? 'class, customer or item' : 'classes, customers or items'} created first)` : ''}${failed ? `, ${failed} failed` : ''}${result.retried ? `, ${result.retried} will be retried` : ''}.`;
          emit({ done: Math.max(total, sent + failed), total: Math.max(total, sent + failed), posted, failed, finished: true, message });
          onDone?.(result, null);
        },
        (err: unknown) => {
          const e = asUserFacing(err);
          emit({ finished: true, failed: 1, message: e instanceof Error ? e.message : 'The export stopped.' });
          onDone?.(null, err);
        },
      )
      .finally(() => {
        stop();
        this.ctx.changed('jobs', 'documents');
      });
    return runId;
  }

  private postedTransactions(): number {
    let n = 0;
    for (const kind of ['JournalEntry', 'Invoice', 'CreditMemo']) n += this.session.ledger.outbox.list({ status: 'posted', kind }, { limit: 1 }).total;
    return n;
  }

  /** Manual export of a scope: planned now (held in production until it is ready) and sent. */
  async post(scope: ExportScope): Promise<{ runId: string; total: number }> {
    await this.requireConnected();
    const before = this.session.ledger.outbox.counts().queued;
    if (scope.kind === 'job') {
      const job = this.session.ledger.outbox.get(scope.jobId);
      if (!job) throw new AppError('not-found', `There is no export #${scope.jobId}.`);
      const runId = this.follow('Sending the export again', 1, async () => (await this.runtime.resend(scope.jobId)).drain);
      return { runId, total: 1 };
    }
    const f = scopeFilter(scope)!;
    const filter = { ...(f.store !== undefined ? { store: f.store } : {}), from: f.dateFrom!, to: f.dateTo! };
    // The size is known from a dry run: what exportNow will add to what already waits.
    const total = before + this.dryRunCount(filter);
    const runId = this.follow('Posting to QuickBooks', total, async () => (await this.runtime.exportNow(filter)).drain);
    return { runId, total };
  }

  private dryRunCount(filter: { store?: number; from: string; to: string }): number {
    const { ledger } = this.session;
    const planned = planStep(ledger, {
      environment: this.environment,
      dryRun: true,
      filter: { ...(filter.store !== undefined ? { store: filter.store } : {}), dateFrom: filter.from, dateTo: filter.to },
      closedDays: manualClosedDays(ledger, filter),
    });
    return planned.plan.jobs.length;
  }

  /** Retry a failed export, or post an undone/cancelled one again. */
  async retry(jobId: number): Promise<HistoryRow> {
    await this.requireConnected();
    try {
      const row = this.session.ledger.outbox.get(jobId);
      if (row && (row.status === 'undone' || row.status === 'cancelled')) return await this.repostOne(row.id);
      const { job } = await this.runtime.resend(jobId);
      this.ctx.changed('jobs');
      return historyRowOf(this.session.ledger.outbox.get(job.id) ?? job, this.environment);
    } catch (err) {
      throw asUserFacing(err, `export #${jobId}`);
    }
  }

  /**
   * Post again what one undone export covered, and only that: its store-day is planned afresh (current
   * documents and mapping) with that job's parts given back, then sent. (The runtime's repost plans every
   * unsent document, which would also send days nobody asked for.)
   */
  private async repostOne(jobId: number): Promise<HistoryRow> {
    const { ledger } = this.session;
    const row = ledger.outbox.get(jobId)!;
    if (row.store === null || !row.businessDate) {
      const { job } = await this.runtime.resend(jobId);
      return historyRowOf(job, this.environment);
    }
    const filter = { store: row.store, from: row.businessDate, to: row.businessDate };
    const holdReason = this.environment === 'production' ? this.runtime.cutoverChecklist().holdReason : null;
    const planned = planStep(ledger, {
      environment: this.environment,
      holdReason,
      releaseJobIds: [jobId],
      filter: { store: row.store, dateFrom: row.businessDate, dateTo: row.businessDate },
      closedDays: manualClosedDays(ledger, filter),
    });
    await this.runtime.exportNow(filter);
    this.ctx.changed('jobs');
    const fresh = planned.enqueued.find((j) => j.kind === row.kind) ?? planned.enqueued[0];
    return historyRowOf((fresh && ledger.outbox.get(fresh.id)) ?? ledger.outbox.get(jobId)!, this.environment);
  }

  /** Undo in QuickBooks: an invoice is voided (kept with zero amounts), other transactions deleted. */
  async undo(jobId: number): Promise<HistoryRow> {
    await this.requireConnected();
    const row = this.session.ledger.outbox.get(jobId);
    try {
      const job = await this.runtime.undo(jobId, row?.kind === 'Invoice' ? 'void' : 'delete');
      this.ctx.changed('jobs');
      return historyRowOf(job, this.environment);
    } catch (err) {
      throw asUserFacing(err, `export #${jobId}`);
    }
  }

  /**
   * "Replace in QuickBooks" for a regenerated or revised POR document: undo what QuickBooks holds of the old
   * revision and post the new content, in one step (the runtime sends each exactly once).
   */
  async replaceRevision(key: string): Promise<{ key: string; undone: number; posted: number; failed: number; message: string }> {
    await this.requireConnected();
    try {
      const result = await this.track(this.runtime.replaceDocument(key));
      const posted = result.drain?.posted ?? 0;
      const failed = result.drain?.failed ?? 0;
      const stopped = result.drain?.stopped;
      const message = stopped
        ? `${stopped.message}${stopped.fix ? ` ${stopped.fix}` : ''}`
        : failed
          ? `${result.undone.length} old ${result.undone.length === 1 ? 'entry' : 'entries'} undone; ${failed} new ${failed === 1 ? 'entry' : 'entries'} failed: see History.`
          : `Replaced in QuickBooks: ${result.undone.length} old ${result.undone.length === 1 ? 'entry' : 'entries'} undone, ${posted} new ${posted === 1 ? 'entry' : 'entries'} posted.`;
      return { key, undone: result.undone.length, posted, failed, message };
    } catch (err) {
      throw asUserFacing(err, key);
    } finally {
      this.ctx.changed('jobs', 'documents');
    }
  }

  /** Cutover: production is ready, so the runtime releases what was held and sends it; progress follows. */
  async replayHeld(): Promise<void> {
    await this.requireConnected();
    const checklist = this.runtime.cutoverChecklist();
    if (!checklist.readyToSend) throw new AppError('not-ready', checklist.holdReason ?? 'Production is not ready yet.');
    const total = this.session.ledger.outbox.counts().held;
    this.replay = { state: 'running', done: 0, total, message: `Sending ${total} held exports…` };
    const stop = this.runtime.onStatus((s) => {
      if (s.progress) {
        this.replay = { ...this.replay, done: Math.min(total, s.progress.done), message: `Sending ${s.progress.done} of ${s.progress.total}…` };
        this.ctx.changed('cutover');
      }
    });
    this.ctx.changed('cutover');
    void this.track(this.runtime.syncNow())
      .then(
        (cycle) => {
          const d = cycle?.drain;
          const ok = !!d && !d.stopped && d.failed === 0;
          this.replay = {
            state: ok ? 'done' : 'failed',
            done: ok ? total : this.replay.done,
            total,
            message: ok ? `All ${total} held exports were sent, each once.` : (d?.stopped?.message ?? cycle?.skipped ?? `${d?.failed ?? 0} failed: see History.`),
          };
        },
        (err: unknown) => {
          this.replay = { ...this.replay, state: 'failed', message: err instanceof Error ? err.message : 'The replay stopped.' };
        },
      )
      .finally(() => {
        stop();
        this.ctx.changed('cutover', 'jobs');
      });
  }

  /**
   * Quitting or switching: manual exports in flight finish first (so no request is left half-known), then
   * the runtime stops its scheduler, waiting for a scheduled run, when the session closes it.
   */
  async stop(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
    while (this.runtime.engine?.busy) await new Promise((r) => setTimeout(r, 25));
    this.unsubscribe();
  }
}
