import type Database from 'better-sqlite3';

/**
 * Prepared statements, one per SQL text per connection. Preparing parses and plans the SQL every time;
 * the drain runs the same few statements tens of thousands of times. Keyed by connection (a WeakMap, so
 * a closed ledger takes its statements with it). Callers must not change a cached statement's mode
 * (pluck/raw/expand/safeIntegers) afterwards: ask for the plucked form here instead.
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Dynamic SQL (filters) has a bounded number of shapes; this only stops a runaway caller. */
const MAX_STATEMENTS = 500;

export function prepared(db: Database.Database, sql: string, mode: 'rows' | 'pluck' = 'rows'): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = mode === 'pluck' ? `pluck\u0000${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    if (mode === 'pluck') statement.pluck();
    cache.set(key, statement);
  }
  return statement;
}
