import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** The ledger was written by a newer app, or its migration record does not match this code. */
export class LedgerSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerSchemaError';
  }
}

interface AppliedRow {
  version: number;
  name: string;
}

/**
 * Brings the schema up to date. Each migration runs in its own IMMEDIATE transaction together with its
 * record, so a crash leaves either the old or the new schema, and two processes opening the same file
 * at once apply it only once. Refuses a database newer than this code: an older app must never write
 * into a schema it does not understand.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  }
  checkApplied(db, file, migrations);
  const applied: number[] = [];
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const m of migrations) {
    // Read first: an up-to-date ledger is opened without taking the write lock (another process may hold it).
    if (isApplied.get(m.version)) continue;
    const ran = db
      .transaction(() => {
        const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
        if (done) return false;
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
        return true;
      })
      .immediate();
    if (ran) applied.push(m.version);
  }
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (db.pragma('user_version', { simple: true }) !== latest) db.pragma(`user_version = ${latest}`);
  return applied;
}

function checkApplied(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const newest = rows[rows.length - 1];
  if (newest && newest.version > latest) {
    throw new LedgerSchemaError(
      `The ledger ${file} was written by a newer version of POR QBO Companion (schema ${newest.version}; ` +
        `this version knows schema ${latest}). Install the newer version again; this one will not touch that ledger.`,
    );
  }
  for (const row of rows) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known || known.name !== row.name) {
      throw new LedgerSchemaError(
        `The ledger ${file} records migration ${row.version} "${row.name}", which this version does not have ` +
          `(expected "${known?.name ?? 'nothing'}"). It was made by a different build; not opening it.`,
      );
    }
  }
}
