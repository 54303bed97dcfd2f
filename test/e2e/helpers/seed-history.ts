/**
 * Writes many export rows straight into an environment's ledger file (one transaction), the way a
 * long-running store accumulates them, so the history screen can be tried at scale without posting
 * 100,000 transactions first. The ledger itself creates the file and schema; rows follow its columns.
 */
import Database from 'better-sqlite3';
import type { Environment } from '../../../main/core/environment';
import { openLedger } from '../../../main/core/ledger';
import { SEARCH_TEXT_SQL } from '../../../main/core/ledger/outbox-search-text';

export interface SeededHistory {
  total: number;
  failed: number;
  /** One failed row's document number and error, to search for. */
  failedDoc: string;
  intuitTid: string;
}

export function seedHistory(dataDir: string, environment: Environment, total: number): SeededHistory {
  const ledger = openLedger(dataDir, environment, { actor: 'seed' });
  const path = ledger.path;
  ledger.close();
  const db = new Database(path);
  const insert = db.prepare(`INSERT INTO outbox (idempotency_key, request_id, generation, environment, kind, payload, status, attempts,
      next_attempt_at, last_error_message, last_error_code, last_error_tid, last_error_fix, qbo_id, qbo_sync_token, qbo_doc_number,
      amount_cents, store, business_date, created_at, updated_at)
    VALUES (?, ?, 1, ?, 'JournalEntry', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let failed = 0;
  let failedDoc = '';
  const intuitTid = '1-6a5b4c3d-2e1f0a9b8c7d6e5f4a3b2c1d';
  // About three years of a 30-store business: 90 exports a business day.
  const start = Date.UTC(2023, 0, 2);
  db.transaction(() => {
    for (let i = 1; i <= total; i++) {
      const store = (i % 30) + 1;
      const date = new Date(start + Math.floor(i / 90) * 86_400_000).toISOString().slice(0, 10);
      const doc = `PR${date.slice(2).replaceAll('-', '')}-${store}-${i.toString(36)}`;
      const isFailed = i % 997 === 0;
      if (isFailed) {
        failed++;
        failedDoc ||= doc;
      }
      const at = new Date(start + i * 60_000).toISOString();
      const payload = JSON.stringify({ v: 1, job: { payload: { entity: 'JournalEntry', docNumber: doc } } });
      insert.run(
        `${environment}/batch/JournalEntry/s${store}/${date}/${i}`,
        `seed-${i}`,
        environment,
        payload,
        isFailed ? 'failed' : 'posted',
        at,
        isFailed ? `QuickBooks refused journal entry ${doc} dated ${date}: the books are closed through 2022-12-31.` : null,
        isFailed ? '6210' : null,
        isFailed ? intuitTid : null,
        isFailed ? 'In QuickBooks open Settings > Account and settings > Advanced > Accounting > Close the books and move the closing date, then retry.' : null,
        isFailed ? null : String(i),
        isFailed ? null : '0',
        isFailed ? null : doc,
        10_000 + (i % 5000) * 17,
        store,
        date,
        at,
        at,
      );
    }
  })();
  // Rows written past the ledger: its per-status counts (migration 006) are brought up to date the same way.
  db.exec('UPDATE outbox_status_counts SET n = (SELECT count(*) FROM outbox o WHERE o.status = outbox_status_counts.status)');
  // And the history text search's index (migration 009), which the ledger's outbox keeps with each write.
  db.exec(`INSERT INTO outbox_search (rowid, text) SELECT id, ${SEARCH_TEXT_SQL} FROM outbox`);
  db.close();
  return { total, failed, failedDoc, intuitTid };
}
