/**
 * What the planner reads, a day at a time, so planning costs what is waiting and never what the ledger
 * has seen. Every active document carries a `planned` mark (migration 006): set once every export part of
 * it is covered by a live job planned in the current export mode, cleared when a new revision arrives (a
 * new row), when a job covering it is cancelled, or when the export mode changes. Unplanned documents sit
 * in a small partial index; their business days are what a plan step visits, whole (all documents of the
 * day, so a day's batch, its close and its late documents are planned together exactly as before).
 */
import type { PorDocument } from '../../por/model';
import { LIVE_JOB_STATUSES, type JobStatus } from '../job-kinds';
import type { LedgerContext } from '../ledger-context';
import { prepared } from '../statement-cache';

export interface PlanScope {
  /** One store's documents (documents that name no store are in every store's scope). */
  store?: number;
  dateFrom?: string;
  dateTo?: string;
}

export interface PlanDocument {
  rowId: number;
  key: string;
  planned: boolean;
  document: PorDocument;
}

/** A live job covering some part, with what the planner needs of it. */
export interface CoveringJob {
  id: number;
  status: JobStatus;
  documentKeys: string[];
  payload: unknown;
}

const PLANNED_MODE = 'planned_mode';
const LIVE_SQL = `(${LIVE_JOB_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export class PlanQueue {
  constructor(private readonly ctx: LedgerContext) {}

  /** True when the marks were made in this export mode (else every active document counts as unplanned). */
  marksValidFor(mode: string): boolean {
    return this.plannedMode() === mode;
  }

  /** Makes the marks belong to `mode`: a mode switch routes documents into other parts, so all are planned again. */
  adoptMode(mode: string): void {
    if (this.plannedMode() === mode) return;
    this.ctx.write(() => {
      prepared(this.ctx.db, 'UPDATE documents SET planned = 0 WHERE planned = 1').run();
      prepared(this.ctx.db, 'INSERT INTO ledger_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        PLANNED_MODE,
        mode,
      );
    });
  }

  /**
   * Business days (ascending) that hold an unplanned active document in the scope; with `all`, every day
   * that holds an active document (a dry run in a mode the marks were not made in).
   */
  pendingDates(scope: PlanScope, all = false): string[] {
    const { sql, params } = scopeSql(scope);
    const pending = all ? '' : 'AND planned = 0';
    return prepared(this.ctx.db, `SELECT DISTINCT business_date FROM documents WHERE status = 'active' ${pending} ${sql} ORDER BY business_date`, 'pluck').all(
      ...params,
    ) as string[];
  }

  /** Business days of the active revisions of these document keys (to plan released jobs' documents again). */
  datesOfKeys(keys: readonly string[]): string[] {
    const out = new Set<string>();
    const stmt = prepared(this.ctx.db, "SELECT business_date FROM documents WHERE key = ? AND status = 'active'", 'pluck');
    for (const k of keys) {
      const d = stmt.get(k) as string | undefined;
      if (d !== undefined) out.add(d);
    }
    return [...out].sort();
  }

  /** Every active document of one business day in the scope, read row by row (an SQLite iterator). */
  *documentsOn(date: string, scope: PlanScope): Generator<PlanDocument> {
    const store = scope.store !== undefined ? 'AND (store = ? OR store IS NULL)' : '';
    const rows = prepared(this.ctx.db, `SELECT row_id, key, planned, payload FROM documents WHERE business_date = ? AND status = 'active' ${store}`).iterate(
      date,
      ...(scope.store !== undefined ? [scope.store] : []),
    ) as IterableIterator<{
      row_id: number;
      key: string;
      planned: number;
      payload: string;
    }>;
    for (const r of rows) yield { rowId: r.row_id, key: r.key, planned: r.planned === 1, document: JSON.parse(r.payload) as PorDocument };
  }

  /** Live jobs covering any of these parts (each job once). */
  liveJobsCovering(partKeys: Iterable<string>): CoveringJob[] {
    const stmt = prepared(
      this.ctx.db,
      `SELECT o.id AS id, o.status AS status, o.payload AS payload FROM outbox_documents od JOIN outbox o ON o.id = od.job_id
       WHERE od.document_key = ? AND o.status IN ${LIVE_SQL}`,
    );
    const keysOf = prepared(this.ctx.db, 'SELECT document_key FROM outbox_documents WHERE job_id = ?', 'pluck');
    const jobs = new Map<number, CoveringJob>();
    for (const k of partKeys) {
      for (const r of stmt.all(k) as { id: number; status: JobStatus; payload: string }[]) {
        if (jobs.has(r.id)) continue;
        jobs.set(r.id, { id: r.id, status: r.status, payload: JSON.parse(r.payload) as unknown, documentKeys: keysOf.all(r.id) as string[] });
      }
    }
    return [...jobs.values()];
  }

  /** Marks documents (by row) as fully planned. */
  markPlanned(rowIds: readonly number[]): void {
    if (rowIds.length === 0) return;
    const stmt = prepared(this.ctx.db, 'UPDATE documents SET planned = 1 WHERE row_id = ?');
    this.ctx.write(() => {
      for (const id of rowIds) stmt.run(id);
    });
  }

  /** Number of active documents not fully planned (what a plan step will visit). */
  unplannedCount(): number {
    return prepared(this.ctx.db, "SELECT count(*) FROM documents WHERE status = 'active' AND planned = 0", 'pluck').get() as number;
  }

  /** The customer as the most recent active invoice or credit memo naming this POR number has it. */
  customer(number: string): { number: string; name: string; email: string | null } | null {
    const json = prepared(
      this.ctx.db,
      `SELECT json_extract(payload, '$.customer') FROM documents
       WHERE json_extract(payload, '$.customer.number') = ? AND status = 'active' AND type IN ('invoice', 'creditMemo')
       ORDER BY business_date DESC, key DESC LIMIT 1`,
      'pluck',
    ).get(number) as string | undefined;
    return json ? (JSON.parse(json) as { number: string; name: string; email: string | null }) : null;
  }

  /** The A/R account of the active invoice with this number at this store. */
  invoiceArAccount(store: number, invoiceNumber: string): string | null {
    return (
      (prepared(
        this.ctx.db,
        `SELECT json_extract(payload, '$.arAccount') FROM documents
         WHERE store = ? AND json_extract(payload, '$.invoiceNumber') = ? AND status = 'active' AND type = 'invoice' LIMIT 1`,
        'pluck',
      ).get(store, invoiceNumber) as string | undefined) ?? null
    );
  }

  /** Every A/R account the store's active invoices use, sorted. */
  storeArAccounts(store: number): string[] {
    return prepared(
      this.ctx.db,
      `SELECT DISTINCT json_extract(payload, '$.arAccount') AS a FROM documents
       WHERE store = ? AND status = 'active' AND type = 'invoice' ORDER BY a`,
      'pluck',
    ).all(store) as string[];
  }

  private plannedMode(): string | null {
    return (prepared(this.ctx.db, 'SELECT value FROM ledger_meta WHERE key = ?', 'pluck').get(PLANNED_MODE) as string | undefined) ?? null;
  }
}

function scopeSql(scope: PlanScope): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (scope.store !== undefined) {
    parts.push('(store = ? OR store IS NULL)');
    params.push(scope.store);
  }
  if (scope.dateFrom !== undefined) {
    parts.push('business_date >= ?');
    params.push(scope.dateFrom);
  }
  if (scope.dateTo !== undefined) {
    parts.push('business_date <= ?');
    params.push(scope.dateTo);
  }
  return { sql: parts.map((p) => `AND ${p}`).join(' '), params };
}
