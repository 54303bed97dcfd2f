import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, LedgerSchemaError, ledgerPath, openLedger } from '../../../main/core/ledger';
import { migrate } from '../../../main/core/ledger/migrate';
import { MIGRATIONS } from '../../../main/core/ledger/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

describe('ledger migrations', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('creates the file per environment in WAL mode with every migration recorded once', () => {
    const ledger = openLedger(tmp.path, 'practice');
    expect(ledger.path).toBe(join(tmp.path, 'practice', 'ledger.sqlite'));
    ledger.close();
    const ledger2 = openLedger(tmp.path, 'practice');
    ledger2.close();

    const db = new Database(ledgerPath(tmp.path, 'practice'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(rows[0]).toEqual({ version: 1, name: 'initial' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['documents', 'files', 'outbox', 'history', 'quarantine', 'account_mappings', 'store_settings', 'env_settings', 'qbo_reference']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('refuses a ledger written by a newer version, with a clear message, and leaves it untouched', () => {
    openLedger(tmp.path, 'sandbox').close();
    const file = ledgerPath(tmp.path, 'sandbox');
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', '2030-01-01T00:00:00Z')").run();
    db.close();

    expect(() => openLedger(tmp.path, 'sandbox')).toThrow(LedgerSchemaError);
    expect(() => openLedger(tmp.path, 'sandbox')).toThrow(new RegExp(`written by a newer version.*schema 99.*knows schema ${LATEST_SCHEMA_VERSION}\\b`));
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(99);
    after.close();
  });

  it('refuses a ledger whose recorded migration differs from this build', () => {
    openLedger(tmp.path, 'practice').close();
    const db = new Database(ledgerPath(tmp.path, 'practice'));
    db.prepare("UPDATE schema_migrations SET name = 'something-else' WHERE version = 1").run();
    db.close();
    expect(() => openLedger(tmp.path, 'practice')).toThrow(/records migration 1 "something-else"/);
  });

  it('applies a later migration in a transaction: a failing one leaves the schema as it was', () => {
    const file = join(tmp.path, 'm.sqlite');
    const db = new Database(file);
    const good = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    expect(migrate(db, file, [good])).toEqual([1]);
    const bad = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(db, file, [good, bad])).toThrow(/no such table: nowhere/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(1);
    const fixed = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER);' };
    expect(migrate(db, file, [good, fixed])).toEqual([2]);
    expect(migrate(db, file, [good, fixed])).toEqual([]);
    db.close();
  });

  it('refuses a ledger file copied into another environment folder', () => {
    openLedger(tmp.path, 'sandbox').close();
    mkdirSync(join(tmp.path, 'production'), { recursive: true });
    copyFileSync(ledgerPath(tmp.path, 'sandbox'), ledgerPath(tmp.path, 'production'));
    expect(() => openLedger(tmp.path, 'production')).toThrow(/belongs to the sandbox environment, not production/);
  });

  it('rejects an unknown environment name before touching the disk', () => {
    expect(() => openLedger(tmp.path, 'staging' as never)).toThrow(/Unknown environment "staging"/);
    expect(existsSync(join(tmp.path, 'staging'))).toBe(false);
  });
});
