/**
 * The composition root of one environment: its ledger, its QBO connection (token manager, client with
 * the realm's limiter, reference cache kept in the ledger), the sync engine and the scheduler, and one
 * status stream for the tray, the renderer and the CLI. The desktop app and `por-qbo` both open it;
 * practice mode runs an embedded simulator (its company kept in the data folder) and connects to it.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Environment } from '../environment';
import { openLedger, type Ledger, type OutboxJob } from '../ledger';
import type { ExportMode } from '../ledger/env-settings';
import type { SettingsStore } from '../settings/settings-store';
import type { SecretStore } from '../secrets/secret-store';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import type { ConnectionDeps } from '../connection/connection-deps';
import { readConnectionRecord } from '../connection/connection-record';
import { getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { openQboConnection, type QboConnection } from '../connection/open-connection';
import { readCompanySettings } from '../cutover/read-company-settings';
import { connectToPracticeSimulator } from '../connection/practice-connect';
import { simulatorEndpoints } from '../qbo/endpoints';
import { ledgerReferenceStore } from '../qbo/reference-cache';
import type { QboLogger } from '../qbo/qbo-log';
import { silentLogger } from '../qbo/qbo-log';
import { logUnknownError } from '../log/file-log';
import type { Account, QboClass } from '../qbo/entities';
import { startSimulator, type RunningSimulator } from '../practice/simulator';
import { importFiles, type ImportReport } from '../inbox';
import { SyncEngine, type DrainProgress, type DrainResult } from '../sync/engine/sync-engine';
import { planStep, type PlanStepResult } from '../sync/engine/plan-step';
import { exportJobOf } from '../sync/engine/job-payload';
import { previewJob, previewReport, type PreviewReport } from '../sync/engine/preview';
import { RefIndex } from '../sync/engine/ref-index';
import { undoExport, type UndoHow } from '../sync/engine/undo-export';
import { Scheduler, type RunOutcome, type RunReason, type SchedulerClock, type SchedulerState } from '../sync/scheduler/scheduler';
import { StatusStream, deriveStatus, type SyncStatus } from '../sync/scheduler/sync-status';
import { reconcile, type ReconcileReport } from '../sync/reconcile/reconcile';
import { evaluateCutover, type CutoverChecklist, type PersonCheckId } from '../cutover/cutover-checklist';
import { applyCutoverGate, gatherCutoverFacts, needsCutoverGate, setConfirmation } from '../cutover/cutover-gate';
import { assertRealmAllowed } from '../cutover/realm-guard';

export interface RuntimeOptions {
  dataDir: string;
  environment: Environment;
  settings: SettingsStore;
  /** The OS keychain by default. */
  secretStore?: SecretStore;
  /** Practice: a simulator to use instead of the embedded one (tests, `por-qbo practice`). */
  practiceSimulator?: RunningSimulator;
  /** Where PORQBO_QBO_BASE_URL / PORQBO_OAUTH_TOKEN_URL are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** QBO client knobs (limits for benchmarks, fast retries for tests, request observer). */
  client?: ConnectionDeps['client'];
  /** OAuth transport factory (tests point production's token calls at a simulator). */
  oauth?: ConnectionDeps['oauth'];
  /** Poll interval per mode (ms). */
  pollIntervalMs?: Partial<Record<ExportMode, number>>;
  /** Who acts in the ledger's history ('app', 'cli'). */
  actor?: string;
  log?: QboLogger;
  schedulerClock?: SchedulerClock;
  /** Engine knobs for tests. */
  engine?: { retryDelayMs?: (attempt: number) => number; shortWaitMs?: number; batchSize?: number; maxInFlight?: number };
}

export interface CycleResult {
  reason: RunReason;
  plan: Pick<PlanStepResult, 'mode'> & { enqueued: number; held: number; replaced: number; notExported: number };
  drain: DrainResult | null;
  /** Why nothing was sent (not connected, cutover hold, ...), or null. */
  skipped: string | null;
  released: number;
}

export interface ExportFilter {
  store?: number;
  from?: string;
  to?: string;
}

export const DEFAULT_POLL_MS: Record<ExportMode, number> = { batch: 15 * 60_000, realtime: 60_000, transaction: 60_000 };

export class SyncRuntime {
  readonly environment: Environment;
  readonly dataDir: string;
  readonly ledger: Ledger;
  readonly scheduler: Scheduler;
  private readonly statusStream = new StatusStream();
  private readonly secrets: SecretStore;
  private readonly log: QboLogger;
  private connectionValue: QboConnection | null = null;
  private engineValue: SyncEngine | null = null;
  private connectionStatus: ConnectionStatus | null = null;
  private progress: DrainProgress | null = null;
  private running = false;
  private runError: string | null = null;
  private holdReason: string | null = null;
  /** Documents the last plan held for a person (not the normal wait for End of Day). */
  private blocked = 0;
  private lastRunAt: number | null = null;
  private abort: AbortController | null = null;
  /** Stops manual exports' drains when the runtime closes. */
  private readonly manualAbort = new AbortController();
  private closed = false;
  private unsubscribers: (() => void)[] = [];

  constructor(
    private readonly options: RuntimeOptions,
    ledger: Ledger,
    private readonly simulator: { sim: RunningSimulator; owned: boolean } | null,
  ) {
    this.environment = options.environment;
    this.dataDir = options.dataDir;
    this.ledger = ledger;
    this.secrets = options.secretStore ?? new KeytarSecretStore();
    this.log = options.log ?? silentLogger;
    this.scheduler = new Scheduler({
      run: (reason) => this.cycle(reason).then((r) => this.outcomeOf(r)),
      pollIntervalMs: () => this.pollInterval(),
      clock: options.schedulerClock,
      // Files arriving together make one run; a real-time invoice should not wait long for company.
      triggerDelayMs: 150,
      onChange: () => this.publish(),
      // A run that crashed: its stack goes to the log (scrubbed by the file log), not just its message.
      onError: (err) => logUnknownError(this.log, 'sync.cycle-crashed', err, { environment: this.environment }),
    });
  }

  /** The practice simulator this runtime talks to (practice only). */
  get practiceSimulator(): RunningSimulator | null {
    return this.simulator?.sim ?? null;
  }

  get connection(): QboConnection | null {
    return this.connectionValue;
  }

  get engine(): SyncEngine | null {
    return this.engineValue;
  }

  get mode(): ExportMode {
    return this.ledger.settings.get('exportMode') ?? 'batch';
  }

  connectionDeps(): ConnectionDeps {
    const sim = this.simulator?.sim;
    return {
      dataDir: this.dataDir,
      secrets: this.secrets,
      ...(sim ? { endpoints: simulatorEndpoints(sim) } : {}),
      env: this.options.env ?? process.env,
      client: { ...(this.options.client ?? {}) },
      ...(this.options.oauth ? { oauth: this.options.oauth } : {}),
      logger: this.log,
    };
  }

  /** (Re)opens the QBO connection from the connection record: after connect, reconnect or disconnect. */
  async reloadConnection(): Promise<QboConnection | null> {
    this.connectionValue?.close();
    this.connectionValue = null;
    this.engineValue = null;
    const record = safeRecord(this.dataDir, this.environment);
    if (record) {
      const connection = await openQboConnection(this.environment, this.connectionDeps(), {
        references: { store: ledgerReferenceStore(this.ledger.reference, record.realmId) },
      });
      if (connection) {
        this.connectionValue = connection;
        this.unsubscribers.push(connection.onReconnectNeeded(() => void this.refreshConnectionStatus()));
        this.engineValue = new SyncEngine({
          ledger: this.ledger,
          environment: this.environment,
          client: connection.client,
          references: connection.references,
          guard: () => assertRealmAllowed(this.dataDir, this.environment, connection.realmId),
          cutoverChecklist: () => this.cutoverChecklist(),
          log: this.log,
          ...(this.options.engine ?? {}),
        });
        await readCompanySettings(this.ledger, connection.client, { log: this.log });
      }
    }
    await this.refreshConnectionStatus();
    return this.connectionValue;
  }

  /** Practice with the embedded simulator: connect to it the way a person would (paste path). */
  async ensurePracticeConnection(): Promise<void> {
    const sim = this.simulator?.sim;
    if (this.environment !== 'practice' || !sim) return;
    const record = safeRecord(this.dataDir, 'practice');
    const status = record ? await getConnectionStatus('practice', { dataDir: this.dataDir, secrets: this.secrets }) : null;
    if (record && record.realmId === sim.realmId && status?.state === 'connected') return;
    const { endpoints: _endpoints, ...deps } = this.connectionDeps();
    await connectToPracticeSimulator(sim, deps);
  }

  // ---- status -------------------------------------------------------------------------------------

  status(): SyncStatus {
    return this.statusStream.get() ?? this.computeStatus();
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.statusStream.subscribe(listener);
  }

  async refreshConnectionStatus(): Promise<ConnectionStatus> {
    try {
      this.connectionStatus = await getConnectionStatus(this.environment, { dataDir: this.dataDir, secrets: this.secrets });
    } catch (err) {
      this.connectionStatus = null;
      this.log({ level: 'warn', event: 'sync.connection-status-failed', message: err instanceof Error ? err.message : String(err) });
    }
    this.publish();
    return this.connectionStatus ?? (await getConnectionStatus(this.environment, { dataDir: this.dataDir, secrets: this.secrets }).catch(() => null))!;
  }

  private computeStatus(): SyncStatus {
    const counts = this.ledger.outbox.counts();
    const docs = this.ledger.documents.counts();
    const s: SchedulerState = this.scheduler.snapshot;
    const conn = this.connectionStatus;
    const connectionProblem = !conn || conn.state === 'not-connected'
      ? `not connected to QuickBooks (${this.environment})`
      : conn.state === 'reconnect-needed' ? `reconnect needed: ${conn.reconnectReason ?? 'QuickBooks refused the connection'}` : null;
    return deriveStatus({
      environment: this.environment,
      companyName: conn?.companyName ?? null,
      realmId: conn?.realmId ?? null,
      connectionProblem,
      servicesOn: s.enabled,
      paused: s.paused,
      running: this.running,
      progress: this.progress,
      queued: counts.queued + counts.inFlight,
      failed: counts.failed,
      held: counts.held,
      pendingDecisions: docs.pendingDecision,
      refusedInput: this.ledger.quarantine.openCount(),
      blockedDocuments: this.blocked,
      runError: this.runError,
      consecutiveFailures: s.failures,
      holdReason: this.holdReason,
      lastRunAt: this.lastRunAt ?? s.lastRunAt,
      nextRunAt: s.nextRunAt,
    });
  }

  private publish(): void {
    if (this.closed) return;
    try {
      this.statusStream.publish(this.computeStatus());
    } catch (err) {
      this.log({ level: 'warn', event: 'sync.status-failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  // ---- scheduling ---------------------------------------------------------------------------------

  /** Starts the scheduler as the settings say ("Accounting Sync Services" on, not paused). */
  start(): void {
    if (this.options.settings.get('paused')) this.scheduler.pause();
    this.scheduler.setEnabled(this.options.settings.get('syncServicesOn'));
    this.publish();
  }

  setServices(on: boolean): void {
    this.options.settings.set('syncServicesOn', on);
    this.scheduler.setEnabled(on);
  }

  pause(): void {
    this.options.settings.set('paused', true);
    this.scheduler.pause();
    this.abort?.abort();
  }

  resume(): void {
    this.options.settings.set('paused', false);
    this.scheduler.resume();
  }

  /** The machine woke up or was unlocked (power events): catch up at once. */
  wake(): void {
    this.scheduler.trigger('wake');
  }

  /** Something arrived (documents imported, a store-day closed, a mapping fixed, the machine woke up). */
  trigger(reason: RunReason = 'trigger'): void {
    this.scheduler.trigger(reason);
  }

  /** Sync now: one full cycle (plan, then drain), even when the services are off; not while paused. */
  async syncNow(): Promise<CycleResult | null> {
    this.lastCycle = null;
    await this.scheduler.runNow('manual');
    return this.lastCycle;
  }

  private lastCycle: CycleResult | null = null;

  private pollInterval(): number {
    return { ...DEFAULT_POLL_MS, ...this.options.pollIntervalMs }[this.mode];
  }

  private outcomeOf(r: CycleResult): RunOutcome {
    const d = r.drain;
    if (r.skipped && !d) return { result: this.connectionValue ? 'ok' : 'needsPerson' };
    if (!d) return { result: 'ok' };
    if (d.stopped && d.stopped.reason !== 'aborted') return { result: 'needsPerson' };
    const transient = d.retried > 0 && d.posted + d.linked === 0;
    return { result: transient ? 'transient' : 'ok', nextDueAt: d.nextDueAt };
  }

  /** One run: gate (production cutover), plan into the outbox, drain. Never throws for QBO trouble. */
  async cycle(reason: RunReason = 'manual'): Promise<CycleResult> {
    const result: CycleResult = { reason, plan: { mode: this.mode, enqueued: 0, held: 0, replaced: 0, notExported: 0 }, drain: null, skipped: null, released: 0 };
    this.running = true;
    this.progress = null;
    this.publish();
    try {
      if (!this.connectionValue || this.connectionStatus?.state !== 'connected') await this.reloadConnection();
      let holdReason: string | null = null;
      if (needsCutoverGate(this.environment)) {
        const checklist = this.cutoverChecklist();
        holdReason = checklist.readyToSend ? null : checklist.holdReason;
        result.released = applyCutoverGate(this.ledger, checklist).length;
      }
      this.holdReason = holdReason;
      const plan = planStep(this.ledger, { environment: this.environment, holdReason });
      result.plan = { mode: plan.mode, enqueued: plan.enqueued.length, held: plan.held.length, replaced: plan.replaced.length, notExported: plan.notExported.length };
      this.blocked = plan.held.filter((h) => h.reason !== 'dayNotClosed' && h.reason !== 'storeExportOff').length;
      if (holdReason) {
        result.skipped = holdReason;
        return result;
      }
      const engine = this.engineValue;
      if (!engine || this.connectionStatus?.state !== 'connected') {
        result.skipped = this.connectionStatus?.message ?? `Not connected to QuickBooks (${this.environment}).`;
        return result;
      }
      this.abort = new AbortController();
      result.drain = await engine.drain({
        signal: this.abort.signal,
        onProgress: (p) => {
          this.progress = p;
          this.publish();
        },
      });
      const stopped = result.drain.stopped;
      this.runError = stopped && (stopped.reason === 'stop' || stopped.reason === 'guard') ? stopped.message : null;
      if (stopped?.reason === 'reconnect') await this.refreshConnectionStatus();
      return result;
    } finally {
      this.abort = null;
      this.running = false;
      this.progress = null;
      this.lastRunAt = Date.now();
      this.lastCycle = result;
      this.publish();
    }
  }

  // ---- manual exports -------------------------------------------------------------------------------

  /** Export a store-day or a date range now (a batch day not closed by POR yet is sent as is). */
  async exportNow(filter: ExportFilter): Promise<{ plan: PlanStepResult; drain: DrainResult | null }> {
    const closedDays = this.storeDaysIn(filter);
    const holdReason = needsCutoverGate(this.environment) ? this.cutoverChecklist().holdReason : null;
    const plan = planStep(this.ledger, {
      environment: this.environment, holdReason, filter: { store: filter.store, dateFrom: filter.from, dateTo: filter.to }, closedDays,
    });
    const drain = holdReason ? null : await this.drainNow();
    return { plan, drain };
  }

  /** The exact bodies and totals that would be posted for a range (or everything unsent), nothing sent. */
  async preview(filter: ExportFilter = {}): Promise<PreviewReport> {
    const plan = planStep(this.ledger, {
      environment: this.environment, dryRun: true, filter: { store: filter.store, dateFrom: filter.from, dateTo: filter.to },
      closedDays: this.storeDaysIn(filter),
    });
    const lookups = await this.lookups();
    const entries = [];
    const jobs = [];
    for (const status of ['queued', 'failed', 'held'] as const) {
      for (const row of this.ledger.outbox.list({ status }, { limit: 1000 }).rows) {
        const job = exportJobOf(row);
        if (!job || !inFilter(job, filter)) continue;
        entries.push(previewJob(job, lookups, row));
        jobs.push(job);
      }
    }
    for (const job of plan.plan.jobs) {
      if (this.ledger.outbox.getByKey(job.idempotencyKey)) continue;
      entries.push(previewJob(job, lookups, null));
      jobs.push(job);
    }
    return previewReport(entries, jobs);
  }

  /** Resend one export: a failed or held job goes again now (a new requestid when QBO refused the old one). */
  async resend(jobId: number): Promise<{ job: OutboxJob; drain: DrainResult | null }> {
    const row = this.mustJob(jobId);
    if (row.status === 'posted') throw new RuntimeActionError(`Export job ${jobId} is already in QuickBooks; undo it first to send it again.`);
    let job = row;
    if (row.status === 'failed') {
      // QBO may remember a refused requestid: a payload QBO refused goes again as a new generation.
      if (row.lastError?.qboCode && row.lastError.qboCode !== 'mapping' && row.attempts > 0) job = this.ledger.outbox.revisePayload(row.id, row.payload);
      job = this.ledger.outbox.retry(job.id);
    } else if (row.status === 'held') job = this.ledger.outbox.release(row.id);
    else if (row.status === 'cancelled' || row.status === 'undone') return { job: row, drain: (await this.repost(jobId)).drain };
    const drain = await this.drainNow();
    return { job: this.mustJob(job.id), drain };
  }

  /** Resend one POR document: the failed or held exports covering it go again now. */
  async resendDocument(documentKey: string): Promise<{ jobs: OutboxJob[]; drain: DrainResult | null }> {
    const rows = [documentKey, `${documentKey}#paid`].flatMap((k) => this.ledger.outbox.jobsForDocument(k));
    const waiting = [...new Map(rows.filter((j) => j.status === 'failed' || j.status === 'held').map((j) => [j.id, j])).values()];
    if (waiting.length === 0) {
      const posted = rows.some((j) => j.status === 'posted');
      throw new RuntimeActionError(posted
        ? `${documentKey} is already in QuickBooks; undo it first to send it again.`
        : `Nothing is waiting to be sent for ${documentKey}.`);
    }
    this.ledger.transaction(() => {
      for (const row of waiting) {
        if (row.status === 'held') this.ledger.outbox.release(row.id);
        else {
          const job = row.lastError?.qboCode && row.lastError.qboCode !== 'mapping' && row.attempts > 0 ? this.ledger.outbox.revisePayload(row.id, row.payload) : row;
          this.ledger.outbox.retry(job.id);
        }
      }
    });
    const drain = await this.drainNow();
    return { jobs: waiting.map((j) => this.mustJob(j.id)), drain };
  }

  /** Every failed job goes again (after a mapping fix, a reopened period, ...). */
  async retryFailed(): Promise<{ retried: number; drain: DrainResult | null }> {
    const failed = this.ledger.outbox.list({ status: 'failed' }, { limit: 1000 }).rows;
    this.ledger.transaction(() => {
      for (const row of failed) {
        const job = row.lastError?.qboCode && row.lastError.qboCode !== 'mapping' && row.attempts > 0 ? this.ledger.outbox.revisePayload(row.id, row.payload) : row;
        this.ledger.outbox.retry(job.id);
      }
    });
    return { retried: failed.length, drain: await this.drainNow() };
  }

  /** Undo a posted export in QBO (delete, or void an invoice); the ledger remembers. */
  async undo(jobId: number, how: UndoHow = 'delete'): Promise<OutboxJob> {
    const connection = this.requireConnection();
    const job = await undoExport(this.ledger, connection.client, jobId, how);
    this.publish();
    return job;
  }

  /**
   * Repost what an undone (or cancelled) job covered, planned from the current documents and mapping:
   * after a mapping fix, or after a regenerated POR file was accepted.
   */
  async repost(jobId: number): Promise<{ plan: PlanStepResult; drain: DrainResult | null }> {
    const row = this.mustJob(jobId);
    if (row.status !== 'undone' && row.status !== 'cancelled') {
      throw new RuntimeActionError(`Export job ${jobId} is ${row.status}; undo it first (or use resend for a failed one).`);
    }
    const days = row.store !== null && row.businessDate ? [{ store: row.store, businessDate: row.businessDate }] : [];
    const plan = planStep(this.ledger, { environment: this.environment, releaseJobIds: [jobId], closedDays: days });
    return { plan, drain: await this.drainNow() };
  }

  /**
   * A regenerated POR document was accepted (or a revision arrived after its export): undo what QBO
   * holds for it and post the current revision.
   */
  async replaceDocument(documentKey: string, how: UndoHow = 'delete'): Promise<{ undone: OutboxJob[]; plan: PlanStepResult; drain: DrainResult | null }> {
    const pending = this.ledger.documents.pendingDecisions().some((d) => d.key === documentKey);
    const active = this.ledger.documents.get(documentKey);
    const posted = [documentKey, `${documentKey}#paid`].flatMap((k) => this.ledger.outbox.jobsForDocument(k)).filter((j) => j.status === 'posted');
    // Exactly once: only what QuickBooks holds of an older revision is replaced; asked twice, nothing is undone again.
    const stale = posted.some((j) => (exportJobOf(j)?.covers ?? []).some((c) => (c.key === documentKey || c.key.startsWith(`${documentKey}#`)) && c.revision < (active?.revision ?? 0)));
    if (!pending && !stale) {
      throw new RuntimeActionError(`Nothing waits to be replaced for ${documentKey}: QuickBooks already has its latest revision (or it was kept).`);
    }
    if (pending) this.ledger.documents.decideRevision(documentKey, 'replace');
    const undone: OutboxJob[] = [];
    for (const j of new Map(posted.map((p) => [p.id, p])).values()) undone.push(await this.undo(j.id, how));
    // Only the replaced document's day (and the days of what was undone) is planned: other days waiting to
    // be sent are not sent by a replace nobody asked them for.
    const days = new Map<string, { store: number; businessDate: string }>();
    const doc = this.ledger.documents.get(documentKey);
    if (doc?.store != null) days.set(`${doc.store}|${doc.businessDate}`, { store: doc.store, businessDate: doc.businessDate });
    for (const j of undone) if (j.store !== null && j.businessDate) days.set(`${j.store}|${j.businessDate}`, { store: j.store, businessDate: j.businessDate });
    const holdReason = needsCutoverGate(this.environment) ? this.cutoverChecklist().holdReason : null;
    const released = undone.map((j) => j.id);
    let plan: PlanStepResult | null = null;
    for (const day of days.values()) {
      const step = planStep(this.ledger, {
        environment: this.environment, holdReason, releaseJobIds: released, closedDays: [day],
        filter: { store: day.store, dateFrom: day.businessDate, dateTo: day.businessDate },
      });
      plan ??= step;
    }
    plan ??= planStep(this.ledger, { environment: this.environment, holdReason, releaseJobIds: released, closedDays: [] });
    return { undone, plan, drain: holdReason ? null : await this.drainNow() };
  }

  // ---- reconciliation and cutover ----------------------------------------------------------------------

  async reconcile(range: { from: string; to: string }): Promise<ReconcileReport> {
    const connection = this.requireConnection();
    return reconcile({ ledger: this.ledger, environment: this.environment, client: connection.client, references: connection.references, ...range });
  }

  cutoverChecklist(): CutoverChecklist {
    const facts = gatherCutoverFacts({
      dataDir: this.dataDir,
      environment: this.environment,
      ledger: this.ledger,
      connection: this.connectionStatus ?? {
        environment: this.environment, state: 'not-connected', realmId: null, companyName: null, connectedAt: null, method: null, lastVerifiedAt: null,
        accessTokenExpiresAt: null, refreshTokenExpiresAt: null, refreshTokenDaysLeft: null, refreshTokenExpiringSoon: false, reconnectReason: null,
        message: 'Not connected.',
      },
      accounts: this.ledger.reference.list('Account') as Account[],
      classes: this.ledger.reference.snapshot('Class') ? (this.ledger.reference.list('Class') as QboClass[]) : null,
      syncServicesOn: this.options.settings.get('syncServicesOn'),
    });
    return evaluateCutover(facts);
  }

  confirmCutover(id: PersonCheckId, confirmed: boolean): CutoverChecklist {
    setConfirmation(this.ledger, id, confirmed);
    return this.cutoverChecklist();
  }

  /** Imports POR files into this environment's ledger, then lets the scheduler send what can go. */
  async importFiles(paths: string[]): Promise<ImportReport> {
    const report = await importFiles(this.ledger, paths);
    this.trigger('trigger');
    this.publish();
    return report;
  }

  /** Quitting: no new claims, the requests in flight finish and are recorded, then everything closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.abort?.abort();
    this.manualAbort.abort();
    await this.scheduler.stop();
    if (this.engineValue?.busy) await this.engineValue.drain().catch(() => undefined);
    this.closed = true;
    for (const u of this.unsubscribers) u();
    this.connectionValue?.references.flush();
    this.connectionValue?.close();
    this.ledger.close();
    if (this.simulator?.owned) await this.simulator.sim.close();
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private async drainNow(): Promise<DrainResult | null> {
    if (!this.connectionValue) await this.reloadConnection();
    const engine = this.engineValue;
    if (!engine) return null;
    this.running = true;
    this.publish();
    try {
      return await engine.drain({ signal: this.manualAbort.signal, onProgress: (p) => { this.progress = p; this.publish(); } });
    } finally {
      this.running = false;
      this.progress = null;
      this.publish();
    }
  }

  private async lookups(): Promise<RefIndex> {
    const connection = this.connectionValue ?? (await this.reloadConnection());
    const refs = connection?.references;
    if (refs) await refs.ensureLoaded();
    const list = async <E extends 'Account' | 'Class' | 'Item' | 'Customer' | 'TaxCode'>(e: E) => (refs ? await refs.list(e) : (this.ledger.reference.list(e) as never[]));
    return new RefIndex(this.ledger, {
      Account: await list('Account'), Class: await list('Class'), Item: await list('Item'), Customer: await list('Customer'), TaxCode: await list('TaxCode'),
    });
  }

  private storeDaysIn(filter: ExportFilter): { store: number; businessDate: string }[] {
    if (!filter.from && !filter.to && filter.store === undefined) return [];
    return this.ledger.reconciliation
      .storeDays({ store: filter.store, dateFrom: filter.from, dateTo: filter.to })
      .filter((d): d is typeof d & { store: number } => d.store !== null)
      .map((d) => ({ store: d.store, businessDate: d.businessDate }));
  }

  private requireConnection(): QboConnection {
    if (!this.connectionValue) throw new RuntimeActionError(`Not connected to QuickBooks (${this.environment}). Connect first.`);
    return this.connectionValue;
  }

  private mustJob(id: number): OutboxJob {
    const row = this.ledger.outbox.get(id);
    if (!row) throw new RuntimeActionError(`No export job ${id} in the ${this.environment} ledger.`);
    return row;
  }
}

/** A request the runtime refuses, with a message fit to show. */
export class RuntimeActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeActionError';
  }
}

function inFilter(job: { store: number | null; txnDate: string | null; businessDate: string | null }, filter: ExportFilter): boolean {
  const date = job.txnDate ?? job.businessDate;
  if (filter.store !== undefined && job.store !== null && job.store !== filter.store) return false;
  if (filter.from && date && date < filter.from) return false;
  if (filter.to && date && date > filter.to) return false;
  return true;
}

function safeRecord(dataDir: string, environment: Environment) {
  try {
    return readConnectionRecord(dataDir, environment);
  } catch {
    return null;
  }
}

/** Where the practice company lives between runs (the same file the desktop app's session uses). */
export const PRACTICE_COMPANY_FILE = 'practice-company.json';

/**
 * Opens an environment's runtime. Practice without an explicit server (PORQBO_QBO_BASE_URL) starts the
 * embedded simulator, its company kept in `<dataDir>/practice/practice-company.json`, and connects to it.
 */
export async function openRuntime(options: RuntimeOptions): Promise<SyncRuntime> {
  const env = options.env ?? process.env;
  let simulator: { sim: RunningSimulator; owned: boolean } | null = null;
  if (options.environment === 'practice') {
    if (options.practiceSimulator) simulator = { sim: options.practiceSimulator, owned: false };
    else if (!env.PORQBO_QBO_BASE_URL) {
      mkdirSync(join(options.dataDir, 'practice'), { recursive: true });
      simulator = { sim: await startSimulator({ stateFile: join(options.dataDir, 'practice', PRACTICE_COMPANY_FILE) }), owned: true };
    }
  }
  const ledger = openLedger(options.dataDir, options.environment, { actor: options.actor ?? 'app' });
  const runtime = new SyncRuntime(options, ledger, simulator);
  try {
    await runtime.ensurePracticeConnection();
    await runtime.reloadConnection();
  } catch (err) {
    await runtime.close();
    throw err;
  }
  return runtime;
}
