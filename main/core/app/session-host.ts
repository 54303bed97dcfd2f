/**
 * The one open session: the current environment's ledger, its QuickBooks connection (opened on first
 * use) and, in practice, the embedded QuickBooks simulator. Switching environment closes the old session
 * before the new one opens, so two environments are never live at once in this process and nothing of
 * one can reach the other.
 */
import { join } from 'node:path';
import type { ConnectionDeps } from '../connection/connection-deps';
import { readConnectionRecord } from '../connection/connection-record';
import { openQboConnection, type QboConnection } from '../connection/open-connection';
import type { Environment } from '../environment';
import { openLedger, type Ledger } from '../ledger';
import { startSimulator, type RunningSimulator } from '../practice/simulator';
import { ledgerReferenceStore } from '../qbo/reference-cache';
import type { SecretStore } from '../secrets/secret-store';
import { UserFacingError } from './dispatch';
import { LedgerReader } from './views/ledger-reader';

export interface Session {
  environment: Environment;
  ledger: Ledger;
  reader: LedgerReader;
  /** What the connection functions need; in practice this starts the simulator. */
  connectionDeps(): Promise<ConnectionDeps>;
  /** The practice simulator (practice only). */
  simulator(): Promise<RunningSimulator>;
  /** The verified connection's client and reference cache; refuses plainly when not connected. */
  qbo(): Promise<QboConnection>;
  /** Forget the open connection (after connect, reconnect or disconnect). */
  resetQbo(): void;
  close(): Promise<void>;
}

export type SessionOpener<S extends Session = Session> = (environment: Environment) => Promise<S>;

export interface SessionOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Extra client knobs (tests: faster retries). */
  client?: ConnectionDeps['client'];
}

export function defaultSessionOpener(options: SessionOptions): SessionOpener {
  return async (environment) => {
    const ledger = openLedger(options.dataDir, environment, { actor: 'app' });
    const reader = new LedgerReader(ledger);
    let sim: Promise<RunningSimulator> | null = null;
    let connection: Promise<QboConnection | null> | null = null;
    const simulator = () => {
      if (environment !== 'practice') throw new Error('The practice simulator runs in practice only.');
      // The practice company outlives restarts: its state sits in this environment's folder.
      sim ??= startSimulator({ stateFile: join(options.dataDir, 'practice', 'practice-company.json') });
      return sim;
    };
    const connectionDeps = async (): Promise<ConnectionDeps> => {
      const base: ConnectionDeps = { dataDir: options.dataDir, secrets: options.secrets, ...(options.client ? { client: options.client } : {}) };
      if (environment !== 'practice') return base;
      const s = await simulator();
      return { ...base, endpoints: { apiBaseUrl: s.baseUrl, tokenUrl: s.tokenUrl, revokeUrl: s.revokeUrl, authorizeUrl: s.authorizeUrl } };
    };
    const close = (c: Promise<QboConnection | null> | null) => void c?.then((x) => x?.close(), () => {});
    return {
      environment,
      ledger,
      reader,
      connectionDeps,
      simulator,
      qbo: async () => {
        if (!connection) {
          const record = readConnectionRecord(options.dataDir, environment);
          connection = record
            ? connectionDeps().then((deps) =>
                openQboConnection(environment, deps, { references: { store: ledgerReferenceStore(ledger.reference, record.realmId) } }),
              )
            : Promise.resolve(null);
          connection.catch(() => (connection = null));
        }
        const open = await connection;
        if (!open) throw new UserFacingError('not-connected', 'Connect to QuickBooks first (Setup → Connect).');
        return open;
      },
      resetQbo: () => {
        close(connection);
        connection = null;
      },
      close: async () => {
        close(connection);
        connection = null;
        reader.close();
        ledger.close();
        if (sim) await (await sim.catch(() => null))?.close();
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
