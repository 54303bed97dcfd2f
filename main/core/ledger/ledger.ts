/**
 * The ledger of one environment: `<dataDir>/<environment>/ledger.sqlite`. Practice, sandbox and production
 * each have their own file, so they can never share a row; the file also records its environment and
 * refuses to open as another one.
 *
 * One writer: a Ledger owns its connection, and every write is a BEGIN IMMEDIATE transaction with a busy
 * timeout. The app and the CLI may have the same ledger open; SQLite then serialises their writes
 * (one waits up to `busyTimeoutMs` for the other), and claims on the outbox are atomic, so neither
 * can take a job the other holds. Do not open a ledger through any other path than openLedger().
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isEnvironment, type Environment } from '../environment';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files';
import { AccountMappings } from './account-mappings';
import { BackgroundCheckpoint } from './background-checkpoint';
import { DocumentStore } from './document-store';
import { EnvSettings } from './env-settings';
import { FileRegistry } from './file-registry';
import { HistoryLog } from './history-log';
import { LedgerError, withBusyTimeout, type LedgerContext } from './ledger-context';
import { LedgerSchemaError, migrate } from './migrate';
import { PorDayTotals } from './por-day-totals';
import { Outbox, PROCESS_OWNER, type OutboxJob } from './outbox';
import { Quarantine } from './quarantine';
import { ReconciliationQueries } from './reconciliation-queries';
import { HistorySearch } from './read-models/history-search';
import { PlanQueue } from './read-models/plan-queue';
import { StoreDayStates } from './read-models/store-day-states';
import { ReferenceCache } from './reference-cache';
import { StoreSettingsTable } from './store-settings';

export const LEDGER_FILE_NAME = 'ledger.sqlite';
/** Page size of ledgers created from now on (SQLite's default is 4096). */
export const LEDGER_PAGE_SIZE = 8192;

export interface OpenLedgerOptions {
  /** Who acts, for history rows: 'app', 'cli', 'watcher', ... (default 'app'). */
  actor?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** How long a write waits for another process's write to finish (default 10 s). */
  busyTimeoutMs?: number;
  /** Lease owner written by claims (default `host:pid`). */
  owner?: string;
  /** Requeue jobs a crashed process left inFlight (default true). */
  recover?: boolean;
}

export function ledgerPath(dataDir: string, environment: Environment): string {
  return join(dataDir, environment, LEDGER_FILE_NAME);
}

export class Ledger {
  readonly documents: DocumentStore;
  readonly files: FileRegistry;
  readonly outbox: Outbox;
  readonly history: HistoryLog;
  readonly quarantine: Quarantine;
  readonly mappings: AccountMappings;
  readonly stores: StoreSettingsTable;
  readonly settings: EnvSettings;
  readonly reference: ReferenceCache;
  readonly reconciliation: ReconciliationQueries;
  /** Read models: the ledger's own queries for the screens and the planner (nothing else writes SQL). */
  readonly historySearch: HistorySearch;
  readonly storeDays: StoreDayStates;
  readonly planQueue: PlanQueue;
  /** Reconciliation's POR side per source business day (kept valid by the document store's writes). */
  readonly porDayTotals: PorDayTotals;
  /** Jobs recoverInFlight() put back in the queue when this ledger opened. */
  readonly recovered: OutboxJob[];
  private readonly ctx: LedgerContext;
  private readonly checkpoint: BackgroundCheckpoint;

  constructor(
    readonly path: string,
    readonly environment: Environment,
    private readonly db: Database.Database,
    options: OpenLedgerOptions,
    /** Random per ledger file: a re-created ledger never shares requestids with the old one. */
    readonly id: string = '',
  ) {
    const clock = options.now ?? (() => new Date());
    const rollbackHooks: (() => void)[] = [];
    let serial = 0;
    // One wrapper for every write: db.transaction() builds four new wrapper functions on each call.
    const immediate = db.transaction((fn: () => unknown) => fn()).immediate;
    this.ctx = {
      db,
      environment,
      ledgerId: id,
      actor: options.actor ?? 'app',
      now: () => clock().toISOString(),
      write: (fn) => {
        if (!db.inTransaction) serial++;
        try {
          return immediate(fn) as ReturnType<typeof fn>;
        } catch (err) {
          for (const hook of rollbackHooks) hook();
          throw err;
        }
      },
      onRollback: (fn) => rollbackHooks.push(fn),
      transactionSerial: () => serial,
    };
    this.history = new HistoryLog(this.ctx);
    this.porDayTotals = new PorDayTotals(this.ctx);
    this.documents = new DocumentStore(this.ctx, this.history, (day, invoice) => this.porDayTotals.documentWritten(day, invoice));
    this.files = new FileRegistry(this.ctx, this.history);
    this.outbox = new Outbox(this.ctx, this.history, options.owner ?? PROCESS_OWNER);
    this.quarantine = new Quarantine(this.ctx);
    this.mappings = new AccountMappings(this.ctx, this.history);
    this.stores = new StoreSettingsTable(this.ctx, this.history);
    this.settings = new EnvSettings(this.ctx, this.history);
    this.reference = new ReferenceCache(this.ctx, this.history);
    this.reconciliation = new ReconciliationQueries(this.ctx);
    this.historySearch = new HistorySearch(this.ctx, this.outbox);
    this.storeDays = new StoreDayStates(this.ctx, this.outbox);
    this.planQueue = new PlanQueue(this.ctx);
    this.recovered = options.recover === false ? [] : this.outbox.recoverInFlight();
    this.checkpoint = new BackgroundCheckpoint(db, path);
  }

  /** Runs several ledger writes as one atomic IMMEDIATE transaction (e.g. a whole imported file). */
  transaction<T>(fn: () => T): T {
    return this.ctx.write(fn);
  }

  /**
   * transaction() waiting at most `waitMs` for another process's write lock (then it throws SQLITE_BUSY,
   * see isBusy): for writes that only keep something computed, which can be given without keeping it.
   */
  transactionWaitingAtMost<T>(waitMs: number, fn: () => T): T {
    if (this.db.inTransaction) return this.ctx.write(fn);
    return withBusyTimeout(this.ctx, waitMs, () => this.ctx.write(fn));
  }

  /**
   * transaction() for a write of many MB (a whole big file): its commit leaves folding the WAL into the
   * ledger file to another thread instead of doing it before returning (background-checkpoint.ts).
   */
  bulkTransaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.ctx.write(fn);
    return this.checkpoint.run(() => this.ctx.write(fn));
  }

  /** A background checkpoint was asked for and has not finished. */
  get checkpointRunning(): boolean {
    return this.checkpoint.running;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    this.checkpoint.close();
    // Fold the WAL back into the main file so a copied ledger is complete on its own.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // another process still reads: it will checkpoint later
    }
    this.db.close();
  }
}

/** Opens (creating and migrating as needed) the ledger of one environment. */
export function openLedger(dataDir: string, environment: Environment, options: OpenLedgerOptions = {}): Ledger {
  if (!isEnvironment(environment)) throw new LedgerError(`Unknown environment "${String(environment)}".`);
  mkdirSync(join(dataDir, environment), { recursive: true });
  ensurePrivateDir(join(dataDir, environment));
  const file = ledgerPath(dataDir, environment);
  // 0600 before SQLite opens it: its -wal and -shm files are created with the database file's permissions.
  ensurePrivateFile(file);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 10_000))}`);
    // Only takes effect on a new, empty file (before WAL mode is set): a document row (~1.5 KB of JSON) fills
    // 8 KB pages far better than 4 KB ones, so a big import writes and syncs fewer bytes. Older ledgers keep theirs.
    db.pragma(`page_size = ${LEDGER_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    // Accounting data: a commit must survive power loss, not just a crash of the app.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    claimEnvironment(db, file, environment);
    return new Ledger(file, environment, db, options, ledgerIdOf(db));
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The ledger's random id, made once (ledgers older than it get theirs on first open). */
function ledgerIdOf(db: Database.Database): string {
  const read = () => db.prepare("SELECT value FROM ledger_meta WHERE key = 'ledger_id'").pluck().get() as string | undefined;
  const existing = read();
  if (existing) return existing;
  return db
    .transaction(() => {
      const raced = read();
      if (raced) return raced;
      const id = randomBytes(8).toString('hex');
      db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('ledger_id', ?)").run(id);
      return id;
    })
    .immediate();
}

/** Stamps a new ledger with its environment; refuses a ledger file that belongs to another one. */
function claimEnvironment(db: Database.Database, file: string, environment: Environment): void {
  const stamped = db.prepare("SELECT value FROM ledger_meta WHERE key = 'environment'").pluck().get() as string | undefined;
  if (stamped === environment) return; // the usual case: no write lock needed
  db.transaction(() => {
    const owner = db.prepare("SELECT value FROM ledger_meta WHERE key = 'environment'").pluck().get() as string | undefined;
    if (owner === undefined) {
      db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('environment', ?), ('created_at', ?)").run(environment, new Date().toISOString());
    } else if (owner !== environment) {
      throw new LedgerSchemaError(
        `The ledger ${file} belongs to the ${owner} environment, not ${environment}. Environments never share a ledger; ` +
          `move the file back to its own folder.`,
      );
    }
  }).immediate();
}

export { LedgerError } from './ledger-context';
export { LedgerSchemaError } from './migrate';
