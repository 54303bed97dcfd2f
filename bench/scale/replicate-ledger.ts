/**
 * Benchmark only: a ledger made `copies` times bigger by copying its rows under new keys (documents,
 * export jobs and their links, history), so the screens' queries can be timed on a million-document ledger
 * without importing and planning a million documents on a shared two-core machine. Copies of queued jobs
 * are stored as posted (a year-old ledger is mostly posted). Runs on the closed file with its own
 * connection: product code never does this (the ledger owns its SQL).
 */
import Database from 'better-sqlite3';

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

export function replicateLedger(file: string, copies: number): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    const max = (table: string, col: string) => db.prepare(`SELECT coalesce(max(${col}), 0) FROM ${table}`).pluck().get() as number;
    const maxDoc = max('documents', 'row_id');
    const maxJob = max('outbox', 'id');
    const maxHist = max('history', 'id');
    const copy = (table: string, k: number, change: Record<string, string>, where = '') => {
      const cols = columns(db, table);
      const select = cols.map((c) => (change[c] ? change[c]!.replaceAll('$K', String(k)) : c)).join(', ');
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select} FROM ${table} ${where}`).run();
    };
    for (let k = 1; k < copies; k++) {
      db.transaction(() => {
        copy('documents', k, { row_id: `row_id + $K * ${maxDoc}`, key: `key || '~$K'`, doc_id: `doc_id || '~$K'` }, `WHERE row_id <= ${maxDoc}`);
        copy(
          'outbox',
          k,
          {
            id: `id + $K * ${maxJob}`,
            idempotency_key: `idempotency_key || '~$K'`,
            request_id: `request_id || '~$K'`,
            status: "CASE status WHEN 'queued' THEN 'posted' ELSE status END",
            qbo_id: "coalesce(qbo_id, 'r$K-' || id)",
          },
          `WHERE id <= ${maxJob}`,
        );
        copy('outbox_documents', k, { job_id: `job_id + $K * ${maxJob}`, document_key: `document_key || '~$K'` }, `WHERE job_id <= ${maxJob}`);
        copy('history', k, { id: `id + $K * ${maxHist}`, subject_key: `subject_key || '~$K'` }, `WHERE id <= ${maxHist}`);
      })();
    }
    // The ledger keeps its status counts with each write it makes; rows copied here are counted afresh.
    db.exec(`UPDATE outbox_status_counts SET n = (SELECT count(*) FROM outbox o WHERE o.status = outbox_status_counts.status);
      UPDATE document_status_counts SET n = (SELECT count(*) FROM documents d WHERE d.status = document_status_counts.status);
      DELETE FROM por_day_plans; DELETE FROM por_day_deps;`);
    // Reconciliation's kept day totals are dropped above (copied documents bypass the write hook that drops them).
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
