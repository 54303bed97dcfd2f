import type Database from 'better-sqlite3';
import { AppError } from '../app-error';
import type { Environment } from '../environment';

/** What every part of the ledger shares: the one connection, its environment, who acts, and the clock. */
export interface LedgerContext {
  db: Database.Database;
  environment: Environment;
  /** This ledger file's random id (ledger_meta), part of every requestid it derives. */
  ledgerId: string;
  /** Recorded as `actor` in history unless a call names another. */
  actor: string;
  /** ISO-8601 UTC now; injectable so tests can move time. */
  now(): string;
  /** Runs fn in a BEGIN IMMEDIATE transaction (a savepoint when already inside one). */
  write<T>(fn: () => T): T;
  /** Registers a callback run whenever a write fails (rolled back): in-memory caches forget what they learnt. */
  onRollback(fn: () => void): void;
  /** Changes with every outermost write transaction: what a cache learnt within one transaction holds only there. */
  transactionSerial(): number;
}

/** A request the ledger refuses (unknown job, wrong state, ...). The message is meant for people. */
export class LedgerError extends AppError {
  constructor(message: string) {
    super('refused', message);
    this.name = 'LedgerError';
  }
}

export function parseJson<T>(text: string | null): T | null {
  return text == null ? null : (JSON.parse(text) as T);
}

/** Runs fn with the connection waiting at most `ms` for another process's write lock (then SQLITE_BUSY). */
export function withBusyTimeout<T>(ctx: Pick<LedgerContext, 'db'>, ms: number, fn: () => T): T {
  const before = ctx.db.pragma('busy_timeout', { simple: true }) as number;
  ctx.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
  try {
    return fn();
  } finally {
    ctx.db.pragma(`busy_timeout = ${before}`);
  }
}

/** The error SQLite gives when another connection held the write lock longer than the busy timeout. */
export function isBusy(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
}
