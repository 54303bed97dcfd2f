/**
 * The composition root of one open environment, built from its profile: its ledger, its QBO connection
 * (token manager, client with the realm's limiter, reference cache kept in the ledger), the sync engine,
 * the scheduler, and one status stream for the tray, the dashboard, notifications and `por-qbo status`.
 * The desktop app and `por-qbo` both open it; an environment whose profile has an embedded QuickBooks
 * (practice) starts the simulator here, its company kept in the data folder. What people do with a
 * session (export, undo, reconcile, cut over) are the use cases in ../use-cases, functions over it.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Environment } from '../environment';
import { openLedger, type Ledger } from '../ledger';
import type { ExportMode } from '../ledger/env-settings';
import type { SettingsStore } from '../settings/settings-store';
import type { SecretStore } from '../secrets/secret-store';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import type { ConnectionDeps } from '../connection/connection-deps';
import { readConnectionRecord } from '../connection/connection-record';
import { composeStatus, getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { openQboConnection, type QboConnection } from '../connection/open-connection';
import { readCompanySettings } from '../cutover/read-company-settings';
import { connectToPracticeSimulator } from '../connection/practice-connect';
import { simulatorEndpoints } from '../qbo/endpoints';
import { AppError } from '../app-error';
import { profileOf, type EnvironmentProfile } from '../environment-profile';
import { ledgerReferenceStore } from '../qbo/reference-cache';
import type { QboLogger } from '../qbo/qbo-log';
import { silentLogger } from '../qbo/qbo-log';
import { logUnknownError } from '../log/file-log';
import { startSimulator, type RunningSimulator } from '../practice/simulator';
import { SyncEngine, type DrainProgress, type DrainResult } from '../sync/engine/sync-engine';
import { planStep, type PlanStepResult } from '../sync/engine/plan-step';
import { Scheduler, type RunOutcome, type RunReason, type SchedulerClock, type SchedulerState } from '../sync/scheduler/scheduler';
import { StatusStream, type SyncStatus } from '../sync/scheduler/sync-status';
import { evaluateCutover, type CutoverChecklist, type PersonCheckId } from '../cutover/cutover-checklist';
import type { Account, QboClass } from '../qbo/entities';
import { applyCutoverGate, needsCutoverGate, setConfirmation } from '../cutover/cutover-gate';
import { gatherCutoverFacts } from './cutover-facts';
import { ledgerStatus } from './ledger-status';
import { assertRealmAllowed } from '../cutover/realm-guard';

export interface SessionOptions {
  dataDir: string;
  environment: Environment;
  settings: SettingsStore;
  /** The OS keychain by default. */
  secretStore?: SecretStore;
  /** Embedded QuickBooks: a simulator to use instead of starting one (tests, `por-qbo practice`). */
  practiceSimulator?: RunningSimulator;
  /**
   * Embedded QuickBooks: connect to it at once, the way a person would (the CLI and tests). The desktop
   * app leaves connecting to the person in setup.
   */
  connectEmbedded?: boolean;
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

export const DEFAULT_POLL_MS: Record<ExportMode, number> = { batch: 15 * 60_000, realtime: 60_000, transaction: 60_000 };

export class EnvironmentSession {
  readonly environment: Environment;
  readonly profile: EnvironmentProfile;
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
    private readonly options: SessionOptions,
    ledger: Ledger,
    private readonly simulator: { sim: RunningSimulator; owned: boolean } | null,
  ) {
    this.environment = options.environment;
    this.profile = profileOf(options.environment);
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

  /** The embedded QuickBooks simulator this session talks to (practice), else null. */
  get practiceSimulator(): RunningSimulator | null {
    return this.simulator?.sim ?? null;
  }

  /** The embedded simulator, or a refusal: only an environment with embedded QuickBooks has one. */
  simulatorOrRefuse(): RunningSimulator {
    if (!this.simulator) throw new AppError('practice-only', 'The practice company exists in Practice only.');
    return this.simulator.sim;
  }

  /** The settings every environment shares (sync services, paused, inbox). */
  get settings(): SettingsStore {
    return this.options.settings;
  }

  /**
   * The verified connection, or the one refusal every "must be connected" path gives: reloads the
   * connection once first (a connect in another window, a reconnect).
   */
  async qbo(): Promise<QboConnection> {
    if (!this.connectionValue) await this.reloadConnection();
    if (!this.connectionValue || this.connectionStatus?.state === 'not-connected') {
      throw new AppError('not-connected', `Not connected to QuickBooks (${this.profile.label}).`, {
        fix: 'Connect in Setup → Connect (or `por-qbo connect`).',
      });
    }
    return this.connectionValue;
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
  async connectEmbedded(): Promise<void> {
    const sim = this.simulator?.sim;
    if (!sim) return;
    const record = safeRecord(this.dataDir, this.environment);
    const status = record ? await getConnectionStatus(this.environment, { dataDir: this.dataDir, secrets: this.secrets }) : null;
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
    const s: SchedulerState = this.scheduler.snapshot;
    return ledgerStatus({
      environment: this.environment,
      ledger: this.ledger,
      connection: this.connectionStatus,
      run: {
        servicesOn: s.enabled,
        paused: s.paused,
        running: this.running,
        progress: this.progress,
        blockedDocuments: this.blocked,
        runError: this.runError,
        consecutiveFailures: s.failures,
        holdReason: this.holdReason,
        lastRunAt: this.lastRunAt ?? s.lastRunAt,
        nextRunAt: s.nextRunAt,
      },
    });
  }

  /** Recomputes the status from the ledger and tells its listeners (after an import, a decision). */
  publish(): void {
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

  /** Follows the settings (sync services on/off, paused) after someone changed them. */
  applySettings(): void {
    if (this.options.settings.get('paused')) {
      this.scheduler.pause();
      this.abort?.abort();
    } else this.scheduler.resume();
    this.scheduler.setEnabled(this.options.settings.get('syncServicesOn'));
    this.publish();
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
    const result: CycleResult = {
      reason,
      plan: { mode: this.mode, enqueued: 0, held: 0, replaced: 0, notExported: 0 },
      drain: null,
      skipped: null,
      released: 0,
    };
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
      result.plan = {
        mode: plan.mode,
        enqueued: plan.counts.enqueued,
        held: plan.counts.held,
        replaced: plan.counts.replaced,
        notExported: plan.counts.notExported,
      };
      this.blocked = plan.counts.blocked;
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

  cutoverChecklist(): CutoverChecklist {
    const facts = gatherCutoverFacts({
      dataDir: this.dataDir,
      environment: this.environment,
      ledger: this.ledger,
      // Not read yet: what the connection says when there is none.
      connection: this.connectionStatus ?? composeStatus(this.environment, null, null),
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

  /** The go-live hold for this environment right now (null when it may post). */
  currentHold(): string | null {
    return needsCutoverGate(this.environment) ? this.cutoverChecklist().holdReason : null;
  }

  /**
   * Sends what waits in the outbox now (manual actions): the engine's drain with progress in the status.
   * Null when there is no connection to send with.
   */
  async drainNow(): Promise<DrainResult | null> {
    if (!this.connectionValue) await this.reloadConnection();
    const engine = this.engineValue;
    if (!engine) return null;
    this.running = true;
    this.publish();
    try {
      return await engine.drain({
        signal: this.manualAbort.signal,
        onProgress: (p) => {
          this.progress = p;
          this.publish();
        },
      });
    } finally {
      this.running = false;
      this.progress = null;
      this.publish();
    }
  }

  /** Work a person started that still talks to QuickBooks: closing waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work)).catch(() => {});
    return work;
  }

  private readonly inflight = new Set<Promise<unknown>>();

  /** Quitting or switching: manual work finishes first, no new claims, requests in flight are recorded, then everything closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
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
 * Opens an environment's session. An environment with embedded QuickBooks (practice) starts the simulator,
 * its company kept in `<dataDir>/practice/practice-company.json`, unless PORQBO_QBO_BASE_URL points at
 * another server or the caller passes one; with `connectEmbedded` it connects to it at once.
 */
export async function openEnvironmentSession(options: SessionOptions): Promise<EnvironmentSession> {
  const env = options.env ?? process.env;
  let simulator: { sim: RunningSimulator; owned: boolean } | null = null;
  if (profileOf(options.environment).embeddedSimulator) {
    if (options.practiceSimulator) simulator = { sim: options.practiceSimulator, owned: false };
    else if (!env.PORQBO_QBO_BASE_URL) {
      mkdirSync(join(options.dataDir, 'practice'), { recursive: true });
      simulator = { sim: await startSimulator({ stateFile: join(options.dataDir, 'practice', PRACTICE_COMPANY_FILE) }), owned: true };
    }
  }
  let ledger: Ledger;
  try {
    ledger = openLedger(options.dataDir, options.environment, { actor: options.actor ?? 'app' });
  } catch (err) {
    if (simulator?.owned) await simulator.sim.close();
    throw err;
  }
  const session = new EnvironmentSession(options, ledger, simulator);
  try {
    if (options.connectEmbedded) await session.connectEmbedded();
    await session.reloadConnection();
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}
