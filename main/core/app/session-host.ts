/**
 * The one open session: the current environment's runtime (ledger, QuickBooks connection, engine,
 * scheduler, status; the engine helper's composition root) plus what the UI adds: a read-only query
 * connection and, in practice, the embedded QuickBooks simulator. Switching environment closes the old
 * session before the new one opens, so two environments are never live at once in this process.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ConnectionDeps } from '../connection/connection-deps';
import type { QboConnection } from '../connection/open-connection';
import type { Environment } from '../environment';
import type { Ledger } from '../ledger';
import type { QboLogger } from '../qbo/qbo-log';
import { startSimulator, type RunningSimulator } from '../practice/simulator';
import { ENDPOINT_ENV_VARS } from '../qbo/endpoints';
import { openRuntime, PRACTICE_COMPANY_FILE, type RuntimeOptions, type SyncRuntime } from '../runtime/open-runtime';
import { holdEnvLock } from '../runtime/env-lock';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { UserFacingError } from './dispatch';
import { LedgerReader } from './views/ledger-reader';

export interface Session {
  environment: Environment;
  runtime: SyncRuntime;
  ledger: Ledger;
  reader: LedgerReader;
  /** What the connection functions need (practice: pointed at the simulator). */
  connectionDeps(): Promise<ConnectionDeps>;
  /** The practice simulator (practice only). */
  simulator(): Promise<RunningSimulator>;
  /** The verified connection's client and reference cache; refuses plainly when not connected. */
  qbo(): Promise<QboConnection>;
  /** Re-reads the connection (after connect, reconnect or disconnect). */
  resetQbo(): Promise<void>;
  close(): Promise<void>;
}

export type SessionOpener<S extends Session = Session> = (environment: Environment) => Promise<S>;

export interface SessionOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /** Extra client knobs (tests: faster retries). */
  client?: RuntimeOptions['client'];
  /** Token transport factory (tests play the production company on a simulator). */
  oauth?: RuntimeOptions['oauth'];
  /** The app's log: the runtime, engine, client and token manager write to it. */
  log?: QboLogger;
}

export function defaultSessionOpener(options: SessionOptions): SessionOpener {
  return async (environment) => {
    // Practice: the app runs the simulator itself and points the runtime at it like any other server, so
    // connecting stays a step the person takes in setup (the runtime would otherwise connect on its own).
    let sim: RunningSimulator | null = null;
    let env: NodeJS.ProcessEnv = process.env;
    if (environment === 'practice') {
      mkdirSync(join(options.dataDir, 'practice'), { recursive: true });
      sim = await startSimulator({ stateFile: join(options.dataDir, 'practice', PRACTICE_COMPANY_FILE) });
      env = {
        ...process.env,
        [ENDPOINT_ENV_VARS.apiBaseUrl]: sim.baseUrl,
        [ENDPOINT_ENV_VARS.tokenUrl]: sim.tokenUrl,
        [ENDPOINT_ENV_VARS.revokeUrl]: sim.revokeUrl,
        [ENDPOINT_ENV_VARS.authorizeUrl]: sim.authorizeUrl,
      };
    }
    let runtime: SyncRuntime;
    try {
      runtime = await openRuntime({
        dataDir: options.dataDir,
        environment,
        settings: options.settings,
        secretStore: options.secrets,
        env,
        actor: 'app',
        ...(options.log ? { log: options.log } : {}),
        ...(options.client ? { client: options.client } : {}),
        ...(options.oauth ? { oauth: options.oauth } : {}),
      });
    } catch (err) {
      await sim?.close();
      throw err;
    }
    // The environment's lock while it is open: por-qbo sync hands its work to this session instead of racing it.
    const envLock = holdEnvLock(options.dataDir, environment, 'app', async () => {
      const cycle = await runtime.syncNow();
      const d = cycle?.drain;
      return { ok: !!cycle && !d?.stopped && (d?.failed ?? 0) === 0, message: d?.stopped?.message ?? cycle?.skipped ?? runtime.status().message, posted: d?.posted ?? 0, failed: d?.failed ?? 0 };
    });
    const reader = new LedgerReader(runtime.ledger);
    return {
      environment,
      runtime,
      ledger: runtime.ledger,
      reader,
      connectionDeps: async () => runtime.connectionDeps(),
      simulator: async () => {
        if (!sim) throw new Error('The practice simulator runs in practice only.');
        return sim;
      },
      qbo: async () => {
        const open = runtime.connection ?? (await runtime.reloadConnection());
        if (!open) throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
        return open;
      },
      resetQbo: async () => {
        await runtime.reloadConnection();
      },
      close: async () => {
        reader.close();
        await runtime.close();
        envLock.release();
        await sim?.close();
      },
    };
  };
}

export class SessionHost<S extends Session = Session> {
  private session: Promise<S> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly open: SessionOpener<S>,
    private environment: Environment,
  ) {}

  /** The current environment's session, opened on first use. */
  current(): Promise<S> {
    this.session ??= this.open(this.environment).catch((err: unknown) => {
      this.session = null;
      throw err;
    });
    return this.session;
  }

  get currentEnvironment(): Environment {
    return this.environment;
  }

  /** Closes the current session and makes `environment` current (opened lazily). Serialized. */
  switchTo(environment: Environment): Promise<void> {
    const step = this.queue.then(async () => {
      if (environment === this.environment && this.session) return;
      const old = this.session;
      this.session = null;
      this.environment = environment;
      if (old) await (await old.catch(() => null))?.close();
    });
    this.queue = step.catch(() => {});
    return step;
  }

  async close(): Promise<void> {
    await this.queue;
    const old = this.session;
    this.session = null;
    if (old) await (await old.catch(() => null))?.close();
  }
}
