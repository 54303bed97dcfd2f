import type { Cents } from '../money';
import type { PorAccountRef } from '../por/accounts/mapping-types';
import { UNNAMED_RECEIVABLE } from './document-postings';
import type { LedgerContext } from './ledger-context';

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

/** POR-side sums for reconciliation against QBO, from the active revision of every document. */
export class ReconciliationQueries {
  constructor(private readonly ctx: LedgerContext) {}

  /** Sum of POR amounts per store, business day and POR account. */
  porTotals(filter: PorTotalsFilter = {}): PorTotal[] {
    const { whereSql, params } = buildWhere(filter);
    const rows = this.ctx.db
      .prepare(
        `SELECT p.store AS store, p.business_date AS businessDate, p.account AS account,
                sum(p.amount_cents) AS amountCents, count(DISTINCT p.document_row_id) AS documentCount
         FROM document_postings p JOIN documents d ON d.row_id = p.document_row_id
         WHERE d.status = 'active' ${whereSql}
         GROUP BY p.store, p.business_date, p.account
         ORDER BY p.store, p.business_date, p.account`,
      )
      .all(...params) as PorTotal[];
    return rows;
  }

  /**
   * Every (store, POR account) the active documents use: what the mapping must cover. A deposit's bank
   * account is marked required (POR's mandatory "Bank Deposits"). The unnamed-receivable marker is left out.
   */
  porAccountsInUse(filter: Omit<PorTotalsFilter, 'account'> = {}): PorAccountRef[] {
    const { whereSql, params } = buildWhere(filter);
    const rows = this.ctx.db
      .prepare(
        `SELECT p.store AS store, p.account AS account,
                max(d.type = 'deposit' AND json_extract(d.payload, '$.bankAccount') = p.account) AS required
         FROM document_postings p JOIN documents d ON d.row_id = p.document_row_id
         WHERE d.status = 'active' AND p.account <> ? ${whereSql}
         GROUP BY p.store, p.account ORDER BY p.store, p.account`,
      )
      .all(UNNAMED_RECEIVABLE, ...params) as { store: number | null; account: string; required: number }[];
    return rows.map((r) => ({ store: r.store, account: r.account, required: r.required === 1 }));
  }

  /** Store-days that have active documents, with how many and whether POR closed the day. */
  storeDays(filter: Pick<PorTotalsFilter, 'store' | 'dateFrom' | 'dateTo'> = {}): {
    store: number | null;
    businessDate: string;
    documents: number;
    closed: boolean;
  }[] {
    const { whereSql, params } = buildWhere(filter, 'd');
    const rows = this.ctx.db
      .prepare(
        `SELECT d.store AS store, d.business_date AS businessDate, count(*) AS documents,
                max(d.type = 'storeDayClosed') AS closed
         FROM documents d WHERE d.status = 'active' ${whereSql}
         GROUP BY d.store, d.business_date ORDER BY d.store, d.business_date`,
      )
      .all(...params) as { store: number | null; businessDate: string; documents: number; closed: number }[];
    return rows.map((r) => ({ ...r, closed: r.closed === 1 }));
  }
}

function buildWhere(filter: PorTotalsFilter, alias: 'p' | 'd' = 'p'): { whereSql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.store !== undefined) {
    parts.push(`${alias}.store = ?`);
    params.push(filter.store);
  }
  if (filter.dateFrom !== undefined) {
    parts.push(`${alias}.business_date >= ?`);
    params.push(filter.dateFrom);
  }
  if (filter.dateTo !== undefined) {
    parts.push(`${alias}.business_date <= ?`);
    params.push(filter.dateTo);
  }
  if (filter.account !== undefined && alias === 'p') {
    parts.push('p.account = ?');
    params.push(filter.account);
  }
  if (filter.types?.length) {
    parts.push(`d.type IN (${filter.types.map(() => '?').join(',')})`);
    params.push(...filter.types);
  }
  return { whereSql: parts.map((p) => `AND ${p}`).join(' '), params };
}
