/**
 * Schema 10. The store-day summary (009) is no longer kept document by document: a write that makes a
 * document active or not drops the validity of its business date (store_day_dates), and the store-day list
 * recomputes an invalid date's rows from the documents when it next reads it (store-day-summary.ts). A big
 * import then writes one row per date it touches, not a summary per store-day. Every date 009 holds is
 * current at this point.
 */
export const name = 'store-day-dates';

export const sql = /* sql */ `
CREATE TABLE store_day_dates (business_date TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO store_day_dates (business_date) SELECT DISTINCT business_date FROM store_day_documents;
`;
