/**
 * The current environment's sync, assembled from the engine's parts (planner, SyncEngine, Scheduler,
 * status derivation, cutover gate): what runs when, what the status says, and the manual actions (post a
 * scope now, retry, undo, replay held exports). A thin adapter: every decision is the engine's own.
 */
import { randomUUID } from 'node:crypto';
import type { ExportScope, HistoryRow } from '../../../preload/contract';
import { getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { evaluateCutover, type CutoverChecklist } from '../cutover/cutover-checklist';
import { applyCutoverGate, gatherCutoverFacts, needsCutoverGate } from '../cutover/cutover-gate';
import { assertRealmAllowed, assertSameEnvironment } from '../cutover/realm-guard';
import type { OutboxJob } from '../ledger';
import { QboFault } from '../qbo/qbo-fault';
import { exportModeOf, planStep } from '../sync/engine/plan-step';
import { SyncEngine, type DrainResult } from '../sync/engine/sync-engine';
import { adviseFault } from '../sync/engine/fault-advice';
import { Scheduler, type RunOutcome, type RunReason } from '../sync/scheduler/scheduler';
import { deriveStatus } from '../sync/scheduler/sync-status';
import type { AppContext } from './app-context';
import { UserFacingError } from './dispatch';
import type { Session } from './session-host';
import { historyRowOf } from './views/history-view';

const POLL_MS = { batch: 15 * 60_000, realtime: 2 * 60_000, transaction: 2 * 60_000 } as const;

export function scopeFilter(scope: ExportScope): { store?: number; dateFrom?: string; dateTo?: string } | null {
  if (scope.kind === 'storeDay') return { store: scope.store, dateFrom: scope.date, dateTo: scope.date };
  if (scope.kind === 'range') return { ...(scope.store !== null ? { store: scope.store } : {}), dateFrom: scope.from, dateTo: scope.to };
  return null;
}

export class SyncRunner {
  readonly scheduler: Scheduler;
  private engine: SyncEngine | null = null;
  private connection: ConnectionStatus | null = null;
  private progress: { done: number; total: number } | null = null;
  private runError: string | null = null;
  private lastDrainAt: number | null = null;
  private checklist: CutoverChecklist | null = null;
  private replay: { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number; message: string } = { state: 'idle', done: 0, total: 0, message: '' };
  private readonly listeners = new Set<(p: { done: number; total: number }) => void>();
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly session: Session,
  ) {
    this.scheduler = new Scheduler({
      run: (reason) => this.run(reason),
      pollIntervalMs: () => POLL_MS[exportModeOf(this.session.ledger)],
      onChange: () => void this.publish(),
      onError: () => void this.publish(),
    });
  }

  get environment() {
    return this.session.environment;
  }

  async start(): Promise<void> {
    await this.refreshConnection();
    this.applySettings();
    await this.publish();
  }

  /** Follows the app settings: services on/off and paused. */
  applySettings(): void {
    if (this.closed) return;
    if (this.ctx.settings.get('paused')) this.scheduler.pause();
    else this.scheduler.resume();
    this.scheduler.setEnabled(this.ctx.settings.get('syncServicesOn'));
  }

  async refreshConnection(): Promise<ConnectionStatus> {
    this.connection = await getConnectionStatus(this.environment, { dataDir: this.ctx.dataDir, secrets: this.ctx.secrets });
    this.engine = null;
    return this.connection;
  }

  /** Something may be sendable now (new POR data, a mapping fix, a wake-up). */
  trigger(reason: RunReason = 'trigger'): void {
    this.scheduler.trigger(reason);
  }

  /** The production checklist (practice and sandbox always send). */
  async cutoverChecklist(): Promise<CutoverChecklist | null> {
    if (!needsCutoverGate(this.environment)) return null;
    const connection = this.connection ?? (await this.refreshConnection());
    const { ledger } = this.session;
    this.checklist = evaluateCutover(
      gatherCutoverFacts({
        dataDir: this.ctx.dataDir,
        environment: this.environment,
        ledger,
        connection,
        accounts: ledger.reference.snapshot('Account') ? ledger.reference.list('Account') : null,
        classes: ledger.reference.snapshot('Class') ? ledger.reference.list('Class') : null,
        syncServicesOn: this.ctx.settings.get('syncServicesOn'),
      }),
    );
    return this.checklist;
  }

  get replayState() {
    return this.replay;
  }

  /** One scheduled or manual run: plan new POR documents into the outbox, then drain it. */
  private async run(reason: RunReason): Promise<RunOutcome> {
    const connection = await this.refreshConnection();
    const checklist = await this.cutoverChecklist();
    planStep(this.session.ledger, { environment: this.environment, holdReason: checklist?.holdReason ?? null });
    if (checklist?.readyToSend) applyCutoverGate(this.session.ledger, checklist);
    if (connection.state !== 'connected') {
      await this.publish();
      return { result: 'needsPerson' };
    }
    const result = await this.drain(reason);
    if (!result) return { result: 'transient' };
    if (result.stopped) return { result: 'needsPerson', nextDueAt: result.nextDueAt };
    return { result: result.retried > 0 && result.posted === 0 ? 'transient' : 'ok', nextDueAt: result.nextDueAt };
  }

  /** Drains the outbox once, reporting progress to the status, the tray and any waiting export run. */
  private async drain(_reason: RunReason | 'manual-post'): Promise<DrainResult | null> {
    let engine = this.engine;
    if (!engine) {
      const qbo = await this.session.qbo();
      const environment = this.environment;
      assertRealmAllowed(this.ctx.dataDir, environment, qbo.realmId);
      engine = new SyncEngine({
        ledger: this.session.ledger,
        environment,
        client: qbo.client,
        references: qbo.references,
        guard: () => {
          assertSameEnvironment(this.session.ledger.environment, environment);
          assertRealmAllowed(this.ctx.dataDir, environment, qbo.realmId);
        },
      });
      this.engine = engine;
    }
    try {
      const result = await engine.drain({
        onProgress: (p) => {
          this.progress = p;
          for (const l of [...this.listeners]) l(p);
          void this.publish();
        },
      });
      this.runError = result.stopped?.reason === 'stop' ? result.stopped.message : null;
      if (result.stopped?.reason === 'reconnect') await this.refreshConnection();
      this.ctx.changed('jobs');
      return result;
    } catch (err) {
      this.runError = adviseFault(err).message;
      return null;
    } finally {
      this.progress = null;
      this.lastDrainAt = Date.now();
      await this.publish();
    }
  }

  /** Manual export of a scope: planned (held in production until it is ready) and sent now. */
  async post(scope: ExportScope): Promise<{ runId: string; total: number }> {
    const { ledger } = this.session;
    if ((await this.refreshConnection()).state !== 'connected') {
      throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
    }
    if (scope.kind === 'job') {
      await this.resend(scope.jobId);
    } else {
      const checklist = await this.cutoverChecklist();
      planStep(ledger, { environment: this.environment, filter: scopeFilter(scope)!, holdReason: checklist?.holdReason ?? null });
    }
    const total = ledger.outbox.counts().queued;
    const runId = randomUUID();
    const label = 'Posting to QuickBooks';
    this.ctx.hub.emit('export:progress', { runId, label, done: 0, total, posted: 0, failed: 0, finished: total === 0, message: total ? 'Starting…' : 'Nothing new to post.' });
    if (total > 0) void this.followDrain(runId, label);
    this.ctx.changed('jobs');
    return { runId, total };
  }

  /** Runs a drain and mirrors it as export:progress events for one run id. */
  private async followDrain(runId: string, label: string): Promise<DrainResult | null> {
    const before = this.session.ledger.outbox.counts();
    const postedBefore = this.postedTransactions();
    let last = { done: 0, total: before.queued };
    const listener = (p: { done: number; total: number }) => {
      last = p;
      this.ctx.hub.emit('export:progress', { runId, label, done: p.done, total: p.total, posted: 0, failed: 0, finished: false, message: `Sending ${p.done} of ${p.total}…` });
    };
    this.listeners.add(listener);
    let result: DrainResult | null = null;
    try {
      result = await this.drain('manual-post');
    } finally {
      this.listeners.delete(listener);
    }
    const sent = (result?.posted ?? 0) + (result?.linked ?? 0) + (result?.skipped ?? 0);
    const posted = this.postedTransactions() - postedBefore;
    const lists = Math.max(0, sent - posted);
    const failed = result?.failed ?? 0;
    const message = !result
      ? (this.runError ?? 'The export stopped; see the dashboard.')
      : result.stopped
        ? `${result.stopped.message}${result.stopped.fix ? ` ${result.stopped.fix}` : ''}`
        : `${posted} ${posted === 1 ? 'transaction' : 'transactions'} posted${lists ? ` (and ${lists} ${lists === 1 ? 'class, customer or item' : 'classes, customers or items'} created first)` : ''}${failed ? `, ${failed} failed` : ''}${result.retried ? `, ${result.retried} will be retried` : ''}.`;
    this.ctx.hub.emit('export:progress', { runId, label, done: Math.max(last.done, posted + failed), total: Math.max(last.total, posted + failed), posted, failed, finished: true, message });
    return result;
  }

  private postedTransactions(): number {
    let n = 0;
    for (const kind of ['JournalEntry', 'Invoice', 'CreditMemo']) n += this.session.ledger.outbox.list({ status: 'posted', kind }, { limit: 1 }).total;
    return n;
  }

  /** Retry a failed export, or post an undone/cancelled one again (a new QBO transaction, new requestid). */
  async resend(jobId: number): Promise<OutboxJob> {
    const { ledger } = this.session;
    const job = ledger.outbox.get(jobId);
    if (!job) throw new UserFacingError('not-found', `There is no export #${jobId}.`);
    if (job.status === 'failed') {
      // Payloads resolve at send time, so a mapping fix applies; a refused payload gets a new requestid.
      if (job.attempts > 0 && job.payload) ledger.outbox.revisePayload(job.id, job.payload, job.amountCents);
      const again = ledger.outbox.get(job.id)!;
      return again.status === 'failed' ? ledger.outbox.retry(job.id) : again;
    }
    if (job.status === 'undone' || job.status === 'cancelled') {
      // A new intended create: same content, a new idempotency key, so QBO sees a new requestid.
      const { job: fresh } = ledger.outbox.enqueue({
        idempotencyKey: `${job.idempotencyKey}#repost-${job.id}-${Date.now().toString(36)}`,
        kind: job.kind,
        payload: job.payload,
        documentKeys: job.documentKeys,
        amountCents: job.amountCents,
        store: job.store,
        businessDate: job.businessDate,
      });
      return fresh;
    }
    throw new UserFacingError('not-resendable', `Export #${jobId} is ${job.status}; only a failed, undone or cancelled export can be sent again.`);
  }

  async retry(jobId: number): Promise<HistoryRow> {
    if ((await this.refreshConnection()).state !== 'connected') {
      throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
    }
    const job = await this.resend(jobId);
    this.ctx.changed('jobs');
    void this.drain('manual-post');
    return historyRowOf(job, this.environment);
  }

  /** Undo a posted transaction in QuickBooks: invoices are voided, other transactions deleted. */
  async undo(jobId: number): Promise<HistoryRow> {
    const { ledger } = this.session;
    const job = ledger.outbox.get(jobId);
    if (!job || job.status !== 'posted' || !job.qboId) throw new UserFacingError('not-undoable', `Export #${jobId} is not a posted transaction.`);
    const qbo = await this.session.qbo();
    assertRealmAllowed(this.ctx.dataDir, this.environment, qbo.realmId);
    const entity = job.kind as 'JournalEntry' | 'Invoice' | 'CreditMemo';
    if (!['JournalEntry', 'Invoice', 'CreditMemo', 'Deposit'].includes(entity)) {
      throw new UserFacingError('not-undoable', 'Only transactions can be undone; list entries (classes, customers, items) stay in QuickBooks.');
    }
    const requestId = `undo-${job.requestId}`.slice(0, 50);
    const attempt = async (syncToken: string) => {
      if (entity === 'Invoice') {
        const voided = await qbo.client.void('Invoice', { Id: job.qboId!, SyncToken: syncToken }, { requestId });
        return { how: 'void' as const, syncToken: voided.SyncToken ?? null };
      }
      await qbo.client.delete(entity, { Id: job.qboId!, SyncToken: syncToken }, { requestId });
      return { how: 'delete' as const, syncToken: null };
    };
    let done;
    try {
      done = await attempt(job.qboSyncToken ?? '0');
    } catch (err) {
      // Edited in QuickBooks since we posted it: read its current SyncToken once and try again.
      if (err instanceof QboFault && adviseFault(err).action === 'reread') {
        const current = await qbo.client.read(entity, job.qboId);
        done = await attempt(String(current.SyncToken ?? '0'));
      } else {
        const advice = adviseFault(err, { what: `export #${jobId}` });
        throw new UserFacingError(advice.qboCode ?? 'undo-failed', `${advice.message}${advice.fix ? ` ${advice.fix}` : ''}`);
      }
    }
    const row = ledger.outbox.markUndone(job.id, done);
    this.ctx.changed('jobs');
    await this.publish();
    return historyRowOf(row, this.environment);
  }

  /** Cutover: once production is ready, release what was held and send it, with progress. */
  async replayHeld(): Promise<void> {
    const checklist = await this.cutoverChecklist();
    if (!checklist?.readyToSend) throw new UserFacingError('not-ready', checklist?.holdReason ?? 'Production is not ready yet.');
    const released = applyCutoverGate(this.session.ledger, checklist);
    this.replay = { state: 'running', done: 0, total: released.length, message: `Sending ${released.length} held exports…` };
    this.ctx.changed('cutover', 'jobs');
    const listener = (p: { done: number; total: number }) => {
      this.replay = { ...this.replay, done: Math.min(p.done, this.replay.total), message: `Sending ${p.done} of ${p.total}…` };
      this.ctx.changed('cutover');
    };
    this.listeners.add(listener);
    void this.drain('manual-post')
      .then((result) => {
        const ok = !!result && !result.stopped && result.failed === 0;
        this.replay = {
          state: ok ? 'done' : 'failed',
          done: ok ? this.replay.total : this.replay.done,
          total: this.replay.total,
          message: ok ? `All ${this.replay.total} held exports were sent.` : (result?.stopped?.message ?? `${result?.failed ?? 0} failed: see History.`),
        };
      })
      .finally(() => {
        this.listeners.delete(listener);
        this.ctx.changed('cutover', 'jobs');
      });
  }

  /** Derives the one status (tray, dashboard, notifications) from the facts. */
  async publish(): Promise<void> {
    if (this.closed) return;
    const { ledger } = this.session;
    const c = this.connection;
    const counts = ledger.outbox.counts();
    const snap = this.scheduler.snapshot;
    const problem =
      !c || c.state === 'not-connected' ? 'not connected to QuickBooks' : c.state === 'reconnect-needed' ? `reconnect needed: ${c.reconnectReason ?? 'QuickBooks refused the connection'}` : null;
    this.ctx.status.update(
      deriveStatus({
        environment: this.environment,
        companyName: c?.companyName ?? null,
        realmId: c?.realmId ?? null,
        connectionProblem: problem,
        servicesOn: this.ctx.settings.get('syncServicesOn'),
        paused: this.ctx.settings.get('paused'),
        running: snap.running || (this.engine?.busy ?? false),
        progress: this.progress,
        queued: counts.queued + counts.inFlight,
        failed: counts.failed,
        held: counts.held,
        pendingDecisions: ledger.documents.pendingDecisions().length,
        runError: this.runError,
        consecutiveFailures: snap.failures,
        holdReason: this.checklist?.holdReason ?? null,
        lastRunAt: Math.max(snap.lastRunAt ?? 0, this.lastDrainAt ?? 0) || null,
        nextRunAt: snap.nextRunAt,
      }),
    );
  }

  /** Quitting or switching: no new runs, and the one in progress finishes first. */
  async stop(): Promise<void> {
    await this.scheduler.stop();
    while (this.engine?.busy) await new Promise((r) => setTimeout(r, 50));
    this.closed = true;
  }
}
