import type { Cents } from '../money';
import type { PorAccountRef } from '../por/accounts/mapping-types';
import { UNNAMED_RECEIVABLE } from '../por/document-postings';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export interface PorTotal {
  store: number | null;
  businessDate: string;
  account: string;
  /** Net of the active documents' postings: positive = debit. */
  amountCents: Cents;
  documentCount: number;
}

export interface PorTotalsFilter {
  store?: number;
  dateFrom?: string;
  dateTo?: string;
  account?: string;
  /** Only these document types (e.g. ['glJournal'] to compare against the GL export alone). */
  types?: string[];
}

/**
 * POR-side sums for reconciliation against QBO, from the active revision of every document. Filter by store
 * and dates where you can: the store/day index then narrows the documents before their postings are read.
 */
export class ReconciliationQueries {
  constructor(private readonly ctx: LedgerContext) {}

  /** Sum of POR amounts per store, business day and POR account. */
  porTotals(filter: PorTotalsFilter = {}): PorTotal[] {
    const { whereSql, params } = buildWhere(filter);
    return prepared(
      this.ctx.db,
      `SELECT d.store AS store, d.business_date AS businessDate, p.value ->> 0 AS account,
              sum(p.value ->> 1) AS amountCents, count(DISTINCT d.row_id) AS documentCount
       FROM documents d, json_each(d.postings) p
       WHERE d.status = 'active' ${whereSql}
       GROUP BY d.store, d.business_date, account
       ORDER BY d.store, d.business_date, account`,
    ).all(...params) as PorTotal[];
  }

  /**
   * The (store, POR account) pairs the active documents in the filter use. A deposit's bank account is
   * marked required (POR's mandatory "Bank Deposits"). Without dates or types this reads the accounts-seen
   * table instead (fast at any ledger size; it also keeps accounts only a replaced revision used).
   */
  porAccountsInUse(filter: Omit<PorTotalsFilter, 'account'> = {}): PorAccountRef[] {
    if (filter.dateFrom === undefined && filter.dateTo === undefined && !filter.types?.length) return this.porAccountsSeen(filter.store);
    const { whereSql, params } = buildWhere(filter);
    const rows = prepared(
      this.ctx.db,
      `SELECT d.store AS store, p.value ->> 0 AS account,
              max(d.type = 'deposit' AND d.payload ->> '$.bankAccount' = p.value ->> 0) AS required
       FROM documents d, json_each(d.postings) p
       WHERE d.status = 'active' AND p.value ->> 0 <> ? ${whereSql}
       GROUP BY d.store, account ORDER BY d.store, account`,
    ).all(UNNAMED_RECEIVABLE, ...params) as { store: number | null; account: string; required: number }[];
    return rows.map((r) => ({ store: r.store, account: r.account, required: r.required === 1 }));
  }

  /** Every (store, POR account) any received document has used (kept up to date on import: cheap at any size). */
  porAccountsSeen(store?: number): PorAccountRef[] {
    const rows = (
      store === undefined
        ? prepared(this.ctx.db, 'SELECT store, account, required FROM por_accounts_seen ORDER BY store, account').all()
        : prepared(this.ctx.db, 'SELECT store, account, required FROM por_accounts_seen WHERE store = ? ORDER BY account').all(store)
    ) as { store: number; account: string; required: number }[];
    return rows.map((r) => ({ store: r.store === 0 ? null : r.store, account: r.account, required: r.required === 1 }));
  }

  /**
   * Keys of active documents above revision 1 that a posted export covers: the candidates for "revised after
   * it was sent" (rare, so this stays small at any ledger size).
   */
  revisedAndPosted(limit = 500): string[] {
    return prepared(
      this.ctx.db,
      `SELECT DISTINCT d.key FROM documents d JOIN outbox_documents od ON od.document_key IN (d.key, d.key || '#paid')
       JOIN outbox o ON o.id = od.job_id WHERE d.status = 'active' AND d.revision > 1 AND o.status = 'posted' LIMIT ?`,
      'pluck',
    ).all(limit) as string[];
  }

  /** Store-days that have active documents, with how many and whether POR closed the day. */
  storeDays(filter: Pick<PorTotalsFilter, 'store' | 'dateFrom' | 'dateTo'> = {}): {
    store: number | null;
    businessDate: string;
    documents: number;
    closed: boolean;
  }[] {
    const { whereSql, params } = buildWhere(filter);
    const rows = prepared(
      this.ctx.db,
      `SELECT d.store AS store, d.business_date AS businessDate, count(*) AS documents,
              max(d.type = 'storeDayClosed') AS closed
       FROM documents d WHERE d.status = 'active' ${whereSql}
       GROUP BY d.store, d.business_date ORDER BY d.store, d.business_date`,
    ).all(...params) as { store: number | null; businessDate: string; documents: number; closed: number }[];
    return rows.map((r) => ({ ...r, closed: r.closed === 1 }));
  }
}

function buildWhere(filter: PorTotalsFilter): { whereSql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.store !== undefined) {
    parts.push('d.store = ?');
    params.push(filter.store);
  }
  if (filter.dateFrom !== undefined) {
    parts.push('d.business_date >= ?');
    params.push(filter.dateFrom);
  }
  if (filter.dateTo !== undefined) {
    parts.push('d.business_date <= ?');
    params.push(filter.dateTo);
  }
  if (filter.account !== undefined) {
    parts.push('p.value ->> 0 = ?');
    params.push(filter.account);
  }
  if (filter.types?.length) {
    parts.push(`d.type IN (${filter.types.map(() => '?').join(',')})`);
    params.push(...filter.types);
  }
  return { whereSql: parts.map((p) => `AND ${p}`).join(' '), params };
}
