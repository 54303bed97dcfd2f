/**
 * Schema 6. A year of a 20-store chain (about a million documents and export jobs) on one PC: every screen
 * and the planner read by an index that starts where they look, so none of them grows with the ledger.
 * - documents.planned: 1 once every export part of the active revision is covered by a live job; the
 *   planner visits only days holding an unplanned document (documents_unplanned holds just those).
 * - documents_active_day: store-day lists, the newest day and reconciliation by date across stores.
 * - outbox_status_id / outbox_kind_id / outbox_store_id: history pages newest first, filtered, without sorting.
 * - outbox_day_states: store-day states (by day, store, kind, status) straight from the index.
 * - documents_customer / documents_invoice_ar / documents_store_ar: what a planned slice asks of the rest of
 *   the ledger (a customer's latest name, an invoice's A/R account), one index probe each.
 * - documents_revised: the few active revisions above 1 ("revised after it was sent") without a scan.
 * - outbox_status_counts / document_status_counts: rows per status, kept by the outbox and the document
 *   store with every write they make (triggers cost ~70 us a row: each write then needs a statement journal),
 *   so the dashboard, the tray status and page totals read a few numbers instead of counting a million rows.
 */
export const name = 'year-scale-indexes';

export const sql = /* sql */ `
ALTER TABLE documents ADD COLUMN planned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_unplanned ON documents (business_date, store) WHERE status = 'active' AND planned = 0;
CREATE INDEX documents_active_day ON documents (business_date, store, type) WHERE status = 'active';
CREATE INDEX outbox_status_id ON outbox (status, id);
CREATE INDEX outbox_kind_id ON outbox (kind, id);
CREATE INDEX outbox_store_id ON outbox (store, id);
CREATE INDEX outbox_day_states ON outbox (business_date, store, kind, status);
CREATE INDEX documents_customer ON documents (json_extract(payload, '$.customer.number'), business_date, key)
  WHERE status = 'active' AND type IN ('invoice', 'creditMemo');
CREATE INDEX documents_invoice_ar ON documents (store, json_extract(payload, '$.invoiceNumber'), json_extract(payload, '$.arAccount'))
  WHERE status = 'active' AND type = 'invoice';
CREATE INDEX documents_store_ar ON documents (store, json_extract(payload, '$.arAccount')) WHERE status = 'active' AND type = 'invoice';
CREATE INDEX documents_revised ON documents (key) WHERE status = 'active' AND revision > 1;

CREATE TABLE outbox_status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO outbox_status_counts (status, n)
  SELECT s.status, (SELECT count(*) FROM outbox o WHERE o.status = s.status)
  FROM (SELECT 'queued' AS status UNION ALL SELECT 'inFlight' UNION ALL SELECT 'posted' UNION ALL SELECT 'failed'
        UNION ALL SELECT 'held' UNION ALL SELECT 'cancelled' UNION ALL SELECT 'undone') s;

CREATE TABLE document_status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO document_status_counts (status, n)
  SELECT s.status, (SELECT count(*) FROM documents d WHERE d.status = s.status)
  FROM (SELECT 'active' AS status UNION ALL SELECT 'superseded' UNION ALL SELECT 'pendingDecision' UNION ALL SELECT 'ignored') s;
`;
