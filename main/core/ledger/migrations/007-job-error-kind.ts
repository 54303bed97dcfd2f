/**
 * Schema 7. A failed job keeps the kind of its error (main/core/app-error.ts: mapping, classes, qbo,
 * not-connected, ...) so the dashboard offers the right action without reading the message's words. Before
 * this the engine wrote 'mapping' and 'totalChanged' into the QuickBooks code column; those become kinds.
 */
export const name = 'job-error-kind';

export const sql = /* sql */ `
ALTER TABLE outbox ADD COLUMN last_error_kind TEXT;
UPDATE outbox SET last_error_kind = CASE
    WHEN last_error_message LIKE '%class%' THEN 'classes'
    ELSE 'mapping' END,
  last_error_code = NULL
  WHERE last_error_code = 'mapping';
UPDATE outbox SET last_error_kind = 'qbo', last_error_code = NULL WHERE last_error_code = 'totalChanged';
UPDATE outbox SET last_error_kind = 'qbo' WHERE last_error_kind IS NULL AND last_error_code IS NOT NULL;
`;
