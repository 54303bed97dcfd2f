/**
 * What a history text search looks in, per outbox row: the columns people search by (keys, kind, QBO
 * DocNumber and Id, the last error) and the draft's DocNumber and customer name from the payload. One
 * SQL expression, so the search's exact check and the trigram index (migration 009's outbox_search,
 * kept by outbox.ts) read the same values. Migration 009 holds a frozen copy for its backfill; a change
 * here needs a new migration that rebuilds the index.
 */

/** The columns (SQL expressions over an outbox row) a search text must be a case-insensitive substring of one of. */
export const SEARCH_COLUMNS = [
  'idempotency_key',
  'kind',
  "coalesce(qbo_doc_number, '')",
  "coalesce(qbo_id, '')",
  "coalesce(last_error_message, '')",
  "coalesce(last_error_code, '')",
  "coalesce(last_error_tid, '')",
  "coalesce(json_extract(payload, '$.job.payload.docNumber'), '')",
  "coalesce(json_extract(payload, '$.job.payload.customer.name'), '')",
] as const;

/** The separator between the columns in the indexed text: a control character nobody types. */
export const SEARCH_SEPARATOR = '\u001f';

/**
 * All of them in one text, lowered as SQLite's lower() does (ASCII only) and indexed case-sensitively: a
 * substring of it that does not hold the separator is exactly a `lower(column) LIKE '%text%'` match of
 * one column (LIKE folds ASCII case only, like lower()).
 */
export const SEARCH_TEXT_SQL = `lower(${SEARCH_COLUMNS.join(' || char(31) || ')})`;

/** Outbox columns whose change changes the indexed text (payload: the draft's DocNumber and customer). */
export const SEARCH_TEXT_SOURCES: ReadonlySet<string> = new Set([
  'idempotency_key',
  'kind',
  'qbo_doc_number',
  'qbo_id',
  'last_error_message',
  'last_error_code',
  'last_error_tid',
  'payload',
]);
