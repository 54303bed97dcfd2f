/**
 * The app's core, shared by the Electron main process and the browser harness: settings, status, the
 * current environment's session and sync, the inbox watcher, and the handlers behind every contract
 * channel. No Electron here: the host passes its capabilities in.
 */
import type { RunningSimulator } from '../practice/simulator';
import type { DataTopic, Handlers } from '../../../preload/contract';
import type { Environment } from '../environment';
import { resolveInboxDir, startInboxWatcher, type InboxWatcher } from '../inbox';
import { logUnknownError, openFileLog, type FileLog } from '../log/file-log';
import { chooseCredentialStore, openSecretStore } from '../secrets/credential-store-choice';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { AppContext, AppSession, HostCapabilities } from './app-context';
import { dispatchRequest, type Envelope } from './dispatch';
import { EventHub } from './event-hub';
import { connectionHandlers } from './handlers/connection-handlers';
import { cutoverHandlers } from './handlers/cutover-handlers';
import { dashboardHandlers } from './handlers/dashboard-handlers';
import { envHandlers } from './handlers/env-handlers';
import { exportsHandlers } from './handlers/exports-handlers';
import { historyHandlers } from './handlers/history-handlers';
import { inboxHandlers, type InboxControl } from './handlers/inbox-handlers';
import { healthHandlers } from './handlers/health-handlers';
import { resendHandlers } from './handlers/resend-handlers';
import { storeAddHandlers } from './handlers/store-add-handlers';
import { syncStartHandlers } from './handlers/sync-start-handlers';
import { logHandlers } from './handlers/log-handlers';
import { mappingHandlers } from './handlers/mapping-handlers';
import { modeHandlers } from './handlers/mode-handlers';
import { reconcileHandlers } from './handlers/reconcile-handlers';
import { setupHandlers } from './handlers/setup-handlers';
import { storesHandlers } from './handlers/stores-handlers';
import { openEnvironmentSession, type SessionOptions } from '../session/environment-session';
import { SessionHost } from '../session/session-host';
import { ManualRuns } from './manual-runs';
import { holdEnvLock } from '../env-lock';
import { StatusService } from './status-service';

export interface AppCoreOptions {
  dataDir: string;
  settings: SettingsStore;
  host: 'electron' | 'harness';
  version: string;
  /** The OS keychain by default; tests and the harness may pass another store. */
  secrets?: SecretStore;
  capabilities?: Partial<HostCapabilities>;
  /** Inbox folder when the settings name none (default: ~/Documents/POR QBO Companion/inbox). */
  defaultInboxDir?: string | null;
  /** Watch the inbox folder (default true). */
  watchInbox?: boolean;
  /** QBO client knobs (tests). */
  client?: SessionOptions['client'];
  /** OAuth transport factory (tests). */
  oauth?: SessionOptions['oauth'];
  /** The log (default: the rotating, scrubbed file in `<dataDir>/logs/`). */
  log?: FileLog;
}

export interface AppCore {
  handlers: Handlers;
  /** Serves one request from the renderer (validated, failures logged): IPC and the harness call this. */
  dispatch(channel: unknown, payload: unknown): Promise<Envelope>;
  /** The app's log; its path is what "details are in the log" names. */
  log: FileLog;
  hub: EventHub;
  status: StatusService;
  settings: SettingsStore;
  /** Resume from sleep or unlock: time passed unseen, catch up now. */
  wake(reason: 'resume' | 'unlock-screen'): void;
  /** Tray commands that act on sync. */
  syncNow(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** Resolves when the current session (ledger, sync, watcher) is up. */
  ready(): Promise<void>;
  /** Practice only: the embedded QuickBooks simulator (rehearsals and e2e change its company settings); else null. */
  practiceSimulator(): Promise<RunningSimulator | null>;
  /** Stops the scheduler and watcher, waits for in-flight requests, closes the ledger. */
  dispose(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const { settings } = options;
  const log = options.log ?? openFileLog(options.dataDir, { source: options.host === 'electron' ? 'app' : options.host });
  const hub = new EventHub((event, problem) => log({ level: 'error', event: 'app.invalid-event', message: `${event} not sent: ${problem}` }));
  const status = new StatusService(hub, settings.get('environment'));
  // The keychain, unless this data folder opted in to the credential file (`por-qbo connect --credential-store file`).
  const secrets = options.secrets ?? openSecretStore(options.dataDir, chooseCredentialStore(settings));
  const capabilities: HostCapabilities = { openExternal: async () => false, ...options.capabilities };
  log({
    level: 'info',
    event: 'app.started',
    message: `POR QBO Companion ${options.version} started`,
    host: options.host,
    platform: process.platform,
    environment: settings.get('environment'),
  });
  /** Background work nobody awaits (wake, a new inbox file): a failure is written down, not lost. */
  const background = (event: string, work: () => Promise<unknown>) => {
    void work().catch((err: unknown) => logUnknownError(log, event, err));
  };

  const sessions = new SessionHost<AppSession>(async (environment) => {
    // Connecting stays a step the person takes in setup, practice included.
    const session = await openEnvironmentSession({
      dataDir: options.dataDir,
      environment,
      settings,
      secretStore: secrets,
      actor: 'app',
      log,
      ...(options.client ? { client: options.client } : {}),
      ...(options.oauth ? { oauth: options.oauth } : {}),
    });
    // The session's one status goes to the tray, notifications and the renderer; a finished run refreshes open screens.
    let lastRunAt: string | null = null;
    const forward = (s: ReturnType<AppSession['status']>) => {
      status.update(s);
      if (s.lastRunAt !== lastRunAt) {
        lastRunAt = s.lastRunAt;
        ctx.changed('jobs');
      }
    };
    const unsubscribe = session.onStatus(forward);
    // The environment's lock while it is open: por-qbo sync hands its work to this session instead of racing it.
    const envLock = holdEnvLock(options.dataDir, environment, 'app', async () => {
      const cycle = await session.syncNow();
      const d = cycle?.drain;
      return {
        ok: !!cycle && !d?.stopped && (d?.failed ?? 0) === 0,
        message: d?.stopped?.message ?? cycle?.skipped ?? session.status().message,
        posted: d?.posted ?? 0,
        failed: d?.failed ?? 0,
      };
    });
    const close = session.close.bind(session);
    session.close = async () => {
      unsubscribe();
      await close();
      envLock.release();
    };
    session.start();
    forward(session.status());
    currentLedger = session.ledger;
    return session;
  }, settings.get('environment'));
  let currentLedger: AppSession['ledger'] | null = null;

  const ctx: AppContext = {
    dataDir: options.dataDir,
    host: options.host,
    version: options.version,
    settings,
    secrets,
    hub,
    status,
    sessions,
    runs: new ManualRuns({ hub, changed: (...topics: DataTopic[]) => hub.emit('data:changed', { topics }) }),
    capabilities,
    log,
    defaultInboxDir: options.defaultInboxDir ?? null,
    changed: (...topics: DataTopic[]) => hub.emit('data:changed', { topics }),
  };

  // The inbox: one watched folder; each file goes into the environment current when it is read.
  let watcher: InboxWatcher | null = null;
  const inboxDir = () => (settings.get('inboxDir') ? resolveInboxDir(settings.get('inboxDir')) : (options.defaultInboxDir ?? resolveInboxDir(null)));
  const startWatcher = () => {
    if (options.watchInbox === false) return;
    watcher = startInboxWatcher({
      inboxDir: inboxDir(),
      ledger: () => {
        if (!currentLedger?.isOpen) throw new Error('no ledger open');
        return currentLedger;
      },
      onFile: () => {
        ctx.changed('documents', 'stores', 'mapping', 'setup');
        background('inbox.trigger-failed', () => sessions.current().then((s) => s.trigger()));
      },
    });
  };
  const inbox: InboxControl = {
    dir: inboxDir,
    watching: () => watcher !== null,
    scanNow: async () => {
      await start();
      if (!watcher) return;
      await watcher.scan();
      await watcher.idle();
    },
  };

  const hooks = {
    // The renderer reloads every screen when status:changed names another environment.
    onEnvironmentChanged: async (environment: Environment) => {
      currentLedger = null;
      await sessions.switchTo(environment);
      await sessions.current();
    },
    onSyncSettingsChanged: async () => {
      const s = await sessions.current();
      s.applySettings();
      await s.refreshConnectionStatus();
      if (watcher && watcher.inboxDir !== inboxDir()) {
        await watcher.close();
        watcher = null;
        startWatcher();
      }
    },
    onConnectionChanged: async () => {
      const s = await sessions.current();
      await s.reloadConnection();
      s.trigger();
    },
  };

  const handlers: Handlers = {
    ...envHandlers(ctx, hooks),
    ...dashboardHandlers(ctx),
    ...setupHandlers(ctx),
    ...connectionHandlers(ctx, hooks),
    ...storesHandlers(ctx),
    ...modeHandlers(ctx),
    ...mappingHandlers(ctx),
    ...exportsHandlers(ctx),
    ...historyHandlers(ctx),
    ...reconcileHandlers(ctx),
    ...cutoverHandlers(ctx),
    ...inboxHandlers(ctx, inbox),
    ...logHandlers(ctx),
    ...healthHandlers(ctx),
    ...syncStartHandlers(ctx),
    ...resendHandlers(ctx),
    ...storeAddHandlers(ctx),
  };

  // Started by the host (ready()), or by the first request: creating the core opens nothing.
  let started: Promise<void> | null = null;
  const start = () => {
    started ??= sessions.current().then(() => {
      if (!watcher) startWatcher();
    });
    return started;
  };

  return {
    handlers,
    practiceSimulator: async () => {
      const session = await sessions.current();
      return session.practiceSimulator;
    },
    dispatch: (channel, payload) => dispatchRequest(handlers, channel, payload, log),
    log,
    hub,
    status,
    settings,
    wake: () => background('app.wake-failed', () => sessions.current().then((s) => s.wake())),
    syncNow: async () => {
      const s = await sessions.current();
      await s.syncNow();
    },
    setPaused: async (paused) => {
      await handlers[paused ? 'sync:pause' : 'sync:resume']({});
    },
    ready: start,
    dispose: async () => {
      await started?.catch(() => {});
      await watcher?.close();
      watcher = null;
      await sessions.close();
    },
  };
}
