/**
 * Schema 5. A file is marked "import started" before it is read and unmarked when it is recorded: a file
 * the process died on twice (out of memory, a crash in a reader) is set aside with a reason instead of
 * being tried at every start. Documents imported while production asks for approval wait in
 * import_approvals until a person approves them; their exports are held until then.
 */
export const name = 'import-attempts-and-approvals';

export const sql = /* sql */ `
CREATE TABLE import_attempts (
  file_key TEXT PRIMARY KEY,          -- name|size|mtime: known before a byte is read
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  first_started_at TEXT NOT NULL,
  last_started_at TEXT NOT NULL
);

CREATE TABLE import_approvals (
  document_key TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT,
  recorded_at TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT
);
CREATE INDEX import_approvals_waiting ON import_approvals (document_key) WHERE approved_at IS NULL;
`;
