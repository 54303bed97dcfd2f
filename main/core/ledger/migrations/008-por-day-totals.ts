/**
 * Schema 8. Reconciliation's POR side, kept per source business day (the day whose documents were planned),
 * so a year's reconciliation reads stored sums and plans again only the days that changed.
 * - por_day_plans: one row per planned day: the fingerprint of what its plan depended on besides its own
 *   documents (mode, store configs, environment), how many documents it had (reconciliation lists held items
 *   in the order a slice-at-a-time plan gives), its held and not-exported items, and its planned postings summed
 *   per (txn date, store, map store, account), all JSON: a year's range is ~365 rows read by the primary key
 *   (a table of ~100k sum rows read five times slower). A transaction-mode invoice posts on its invoice date,
 *   which may lie before its source day: each sum keeps its txn date. The map store is the store whose mapping
 *   turns the account into a QuickBooks account at read time (a mapping change is seen at once); -1 when the
 *   account is QuickBooks' own key already (an invoice's A/R or tax).
 * - por_day_deps: what a day's plan asked of other documents (an invoice's A/R account, a store's A/R accounts),
 *   so a write to such an invoice drops the days that asked.
 * A document write drops its day's rows in the same transaction (DocumentStore's write hook); a day with no row
 * or another fingerprint is planned again by the next reconciliation. Empty at first: every day is planned on
 * the first reconciliation after the upgrade, exactly as before this cache existed.
 */
export const name = 'por-day-totals';

export const sql = /* sql */ `
CREATE TABLE por_day_plans (
  source_date TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  documents INTEGER NOT NULL,
  held TEXT NOT NULL,
  not_exported TEXT NOT NULL,
  sums TEXT NOT NULL
);
CREATE TABLE por_day_deps (
  dep TEXT NOT NULL,
  source_date TEXT NOT NULL,
  PRIMARY KEY (dep, source_date)
) WITHOUT ROWID;
CREATE INDEX por_day_deps_day ON por_day_deps (source_date);
`;
