/**
 * Schema 1. Times are ISO-8601 UTC strings (`toISOString()`), which sort and compare as text.
 * Money is integer cents. Every ledger file belongs to exactly one environment (ledger_meta).
 */
export const name = 'initial';

export const sql = /* sql */ `
CREATE TABLE ledger_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every POR document ever received, one row per revision.
CREATE TABLE documents (
  row_id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,                    -- '<type>:<id>'
  type TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  store INTEGER,
  business_date TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_file TEXT,
  source_line INTEGER,
  payload TEXT NOT NULL,                -- the PorDocument as JSON
  -- Signed postings [[account, cents], ...] (positive = debit) for reconciliation; one JSON value instead
  -- of a row per line keeps imports fast (a GL block has many lines).
  postings TEXT NOT NULL DEFAULT '[]',
  received_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'pendingDecision', 'ignored')),
  decided_at TEXT,
  UNIQUE (key, revision)
);
-- Lookups by key use UNIQUE (key, revision). At most one active revision per key:
CREATE UNIQUE INDEX documents_one_active ON documents (key) WHERE status = 'active';
CREATE INDEX documents_store_day ON documents (store, business_date, status);
-- Few rows wait for a decision at any time; a partial index finds them without scanning.
CREATE INDEX documents_pending ON documents (row_id) WHERE status = 'pendingDecision';

-- Every (store, POR account) any received document used: what the mapping must cover. store 0 = none named.
CREATE TABLE por_accounts_seen (
  store INTEGER NOT NULL,
  account TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 0,  -- POR's mandatory Bank Deposits account
  first_seen TEXT NOT NULL,
  PRIMARY KEY (store, account)
) WITHOUT ROWID;

CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
  reason TEXT,
  counts TEXT                           -- JSON summary of what the file brought
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  request_id TEXT NOT NULL UNIQUE,
  generation INTEGER NOT NULL DEFAULT 1,
  environment TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'inFlight', 'posted', 'failed', 'held', 'cancelled', 'undone')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  last_error_message TEXT,
  last_error_code TEXT,
  last_error_tid TEXT,
  last_error_fix TEXT,
  qbo_id TEXT,
  qbo_sync_token TEXT,
  qbo_doc_number TEXT,
  amount_cents INTEGER NOT NULL DEFAULT 0,
  store INTEGER,
  business_date TEXT,
  hold_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_runnable ON outbox (status, next_attempt_at, id);
CREATE INDEX outbox_store_day ON outbox (store, business_date);

-- Which documents a job covers (a batch entry covers many).
CREATE TABLE outbox_documents (
  job_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  document_key TEXT NOT NULL,
  PRIMARY KEY (job_id, document_key)
);
CREATE INDEX outbox_documents_key ON outbox_documents (document_key);

-- Every state change of documents, jobs, files and mappings.
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  store INTEGER,
  business_date TEXT,
  detail TEXT
);
CREATE INDEX history_subject ON history (subject_kind, subject_key, id);
CREATE INDEX history_kind ON history (subject_kind, id);
CREATE INDEX history_store_day ON history (store, business_date, id);
CREATE INDEX history_at ON history (at);
CREATE INDEX history_action ON history (action, id);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER,
  field TEXT,
  reason TEXT NOT NULL,
  raw TEXT,
  file_sha256 TEXT,
  resolved_at TEXT
);
CREATE INDEX quarantine_file ON quarantine (file, line);
CREATE INDEX quarantine_open ON quarantine (resolved_at, id);

-- store 0 = the default for every store; a store's own row wins.
CREATE TABLE account_mappings (
  store INTEGER NOT NULL,
  por_account TEXT NOT NULL,
  qbo_account_id TEXT NOT NULL,
  qbo_account_name TEXT,
  source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (store, por_account)
);

CREATE TABLE store_settings (
  store INTEGER PRIMARY KEY,
  name TEXT,
  class_name TEXT,                      -- QBO class 'Parent:Sub'
  class_code TEXT,                      -- POR's "QB Class/Store Code" for the {Class} tag
  export_format TEXT NOT NULL DEFAULT 'API-QBO' CHECK (export_format IN ('API-QBO', 'off')),
  updated_at TEXT NOT NULL
);

CREATE TABLE env_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,                  -- JSON
  updated_at TEXT NOT NULL
);

-- Snapshot of QBO reference lists (accounts, classes, ...) the QBO client fills.
CREATE TABLE qbo_reference (
  entity TEXT NOT NULL,
  qbo_id TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, qbo_id)
);
CREATE TABLE qbo_reference_snapshots (
  entity TEXT PRIMARY KEY,
  fetched_at TEXT NOT NULL,
  realm_id TEXT,
  item_count INTEGER NOT NULL
);
`;
