/**
 * Schema 4. Reconciliation compares QuickBooks with what POR produced, not with what the app accepted: a
 * refused document keeps where it belongs (store, day, its key) and the postings that could be read, so it
 * counts on POR's side until the corrected document arrives; `fix` is what the reader of the message can do
 * (null when only someone else can). Every arrival of a file is kept with what happened to it, duplicates
 * too, so the inbox, the dashboard, the reason file and the CLI say the same thing.
 */
export const name = 'refused-input-and-arrivals';

export const sql = /* sql */ `
ALTER TABLE quarantine ADD COLUMN store INTEGER;
ALTER TABLE quarantine ADD COLUMN business_date TEXT;
ALTER TABLE quarantine ADD COLUMN doc_key TEXT;
ALTER TABLE quarantine ADD COLUMN postings TEXT;            -- JSON [[POR account, signed cents], ...] that could be read
ALTER TABLE quarantine ADD COLUMN postings_complete INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN fix TEXT;
CREATE INDEX quarantine_doc_key ON quarantine (doc_key) WHERE resolved_at IS NULL;

CREATE TABLE file_arrivals (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT,
  status TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'revisionPending', 'partlyRecorded', 'refused')),
  duplicate_of TEXT,
  summary TEXT NOT NULL,
  fix TEXT,
  counts TEXT
);
`;
