/**
 * Schema 9. A year of a chain (a million documents, most of a million exports) keeps its two slowest
 * screens fast:
 * - store_day_documents: per store-day, the ACTIVE documents' count, how many of them close the day
 *   (storeDayClosed), and per POR account the net of their postings (a JSON object). The document store
 *   keeps them with every write that makes a document active or not (store-day-summary.ts); the store-day
 *   list reads a month of them instead of every document's postings. Documents without a store are left
 *   out (the list never shows them).
 * - outbox_search: a trigram full-text index (FTS5, contentless: the text lives in outbox) over what a
 *   history text search looks in, ASCII-lowered and indexed case-sensitively so a match is exactly the
 *   search's `lower(column) LIKE` (outbox-search-text.ts, copied below as it was at schema 9), kept by
 *   outbox.ts wherever those columns change; rowid = outbox.id.
 * - outbox_amount: an amount typed into the search ("$4,339.81") finds its jobs by index.
 */
export const name = 'store-day-summary-and-search-index';

const SEARCH_TEXT_AT_9 = `lower(idempotency_key || char(31) || kind || char(31) || coalesce(qbo_doc_number, '') || char(31) || coalesce(qbo_id, '')
  || char(31) || coalesce(last_error_message, '') || char(31) || coalesce(last_error_code, '') || char(31) || coalesce(last_error_tid, '')
  || char(31) || coalesce(json_extract(payload, '$.job.payload.docNumber'), '') || char(31) || coalesce(json_extract(payload, '$.job.payload.customer.name'), ''))`;

export const sql = /* sql */ `
CREATE TABLE store_day_documents (
  business_date TEXT NOT NULL,
  store INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  closed INTEGER NOT NULL,              -- active storeDayClosed documents
  accounts TEXT NOT NULL,               -- {"<POR account>": net cents, ...}, positive = debit
  PRIMARY KEY (business_date, store)
) WITHOUT ROWID;
INSERT INTO store_day_documents (business_date, store, documents, closed, accounts)
  SELECT d.business_date, d.store, d.documents, d.closed, coalesce(a.accounts, '{}')
  FROM (SELECT business_date, store, count(*) AS documents, sum(type = 'storeDayClosed') AS closed FROM documents
        WHERE status = 'active' AND store IS NOT NULL GROUP BY business_date, store) d
  LEFT JOIN (SELECT business_date, store, json_group_object(account, net) AS accounts
             FROM (SELECT d.business_date, d.store, p.value ->> 0 AS account, sum(p.value ->> 1) AS net FROM documents d, json_each(d.postings) p
                   WHERE d.status = 'active' AND d.store IS NOT NULL GROUP BY d.business_date, d.store, account)
             GROUP BY business_date, store) a USING (business_date, store);

CREATE VIRTUAL TABLE outbox_search USING fts5(text, tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1);
INSERT INTO outbox_search (rowid, text) SELECT id, ${SEARCH_TEXT_AT_9} FROM outbox;
CREATE INDEX outbox_amount ON outbox (amount_cents);
`;
