/**
 * Reconciliation's POR side kept per source business day (migration 008): what planning a day's documents "as
 * if nothing had been sent" gives, summed, so a year's reconciliation reads sums and plans only changed days.
 *
 * A stored day is valid while nothing it was planned from changed: its own documents (every document write
 * drops its day, in the same transaction: documentWritten), the invoices and store A/R sets it asked about
 * (por_day_deps: a write to such an invoice drops the days that asked), and the rest (mode, store configs,
 * environment), which the caller folds into the fingerprint each day is stored with.
 */
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

/** [txn_date, store, map_store, POR account (or QuickBooks' own key when map_store is UNMAPPED), cents]. */
export type PorDaySum = [txnDate: string, store: number, mapStore: number, account: string, cents: number];

/** map_store of a sum whose account is already QuickBooks' key (an invoice's A/R or tax): not mapped. */
export const UNMAPPED = -1;

export interface PorDayPlan {
  date: string;
  fingerprint: string;
  /** Active documents the day had when planned (reconciliation rebuilds the plan step's slices from them). */
  documents: number;
  /** JSON of the day's held and not-exported items, in the planner's order. */
  held: string;
  notExported: string;
  /** JSON of the day's PorDaySum[]. */
  sums: string;
}

/** What a day's plan asked of documents outside itself (por_day_deps.dep). */
export const porDayDep = {
  invoice: (store: number, invoiceNumber: string) => `inv\u0000${store}\u0000${invoiceNumber}`,
  storeAr: (store: number) => `ar\u0000${store}`,
};

/** The fields of a written document the invalidation needs (an invoice's store and number; null otherwise). */
export type WrittenInvoice = { store: number | null; invoiceNumber: string } | null;

const NO_END = '9999-12-31';

export class PorDayTotals {
  /**
   * What this write transaction already did (a big import writes thousands of documents of one day): the day it
   * dropped, the stores whose A/R dependants it dropped, whether any dependency was kept at all. Forgotten when
   * another transaction starts, on rollback and when a day is stored.
   */
  private serial = -1;
  private lastDay: string | null = null;
  private readonly arDropped = new Set<number>();
  private noDeps = false;

  constructor(private readonly ctx: LedgerContext) {
    ctx.onRollback(() => (this.serial = -1));
  }

  /** DocumentStore's hook: a document of this business day was inserted or changed status (inside its write). */
  documentWritten(businessDate: string, invoice: WrittenInvoice): void {
    this.sameTransaction();
    if (businessDate !== this.lastDay) {
      this.drop(businessDate);
      this.lastDay = businessDate;
    }
    if (invoice === null || invoice.store === null || this.noDeps) return;
    this.dropAsking(porDayDep.invoice(invoice.store, invoice.invoiceNumber));
    if (!this.arDropped.has(invoice.store)) {
      this.dropAsking(porDayDep.storeAr(invoice.store));
      this.arDropped.add(invoice.store);
    }
  }

  /**
   * Business days (ascending) holding an active document, from..to (to null: no end): one index probe per day
   * (a skip scan of documents_active_day), not a walk over the documents.
   */
  activeDays(from: string, to: string | null): string[] {
    return prepared(
      this.ctx.db,
      `WITH RECURSIVE d(day) AS (
         SELECT (SELECT min(business_date) FROM documents WHERE status = 'active' AND business_date >= @from)
         UNION ALL
         SELECT (SELECT min(business_date) FROM documents WHERE status = 'active' AND business_date > d.day) FROM d WHERE d.day < @to
       ) SELECT day FROM d WHERE day IS NOT NULL AND day <= @to`,
      'pluck',
    ).all({ from, to: to ?? NO_END }) as string[];
  }

  /** Stored days from..to (to null: no end). */
  plans(from: string, to: string | null): Map<string, PorDayPlan> {
    const rows = prepared(
      this.ctx.db,
      'SELECT source_date AS date, fingerprint, documents, held, not_exported AS notExported, sums FROM por_day_plans WHERE source_date >= ? AND source_date <= ?',
    ).all(from, to ?? NO_END) as PorDayPlan[];
    return new Map(rows.map((r) => [r.date, r]));
  }

  /** Runs reads in one read transaction (one snapshot), without waiting for another process's write. */
  snapshot<T>(fn: () => T): T {
    return this.ctx.db.transaction(fn).deferred();
  }

  /** Stores one planned day (replacing what it had). */
  store(plan: PorDayPlan, deps: Iterable<string>): void {
    this.ctx.write(() => {
      this.drop(plan.date);
      prepared(this.ctx.db, 'DELETE FROM por_day_deps WHERE source_date = ?').run(plan.date);
      prepared(this.ctx.db, 'INSERT INTO por_day_plans (source_date, fingerprint, documents, held, not_exported, sums) VALUES (?, ?, ?, ?, ?, ?)').run(
        plan.date,
        plan.fingerprint,
        plan.documents,
        plan.held,
        plan.notExported,
        plan.sums,
      );
      const dep = prepared(this.ctx.db, 'INSERT OR IGNORE INTO por_day_deps (dep, source_date) VALUES (?, ?)');
      for (const d of deps) dep.run(d, plan.date);
      // A write to this day or its dependencies later in the same transaction must drop it again.
      this.serial = -1;
    });
  }

  private sameTransaction(): void {
    const serial = this.ctx.transactionSerial();
    if (serial === this.serial) return;
    this.serial = serial;
    this.lastDay = null;
    this.arDropped.clear();
    this.noDeps = prepared(this.ctx.db, 'SELECT NOT EXISTS (SELECT 1 FROM por_day_deps)', 'pluck').get() === 1;
  }

  /** Drops the days whose plan asked this. */
  private dropAsking(dep: string): void {
    // Most invoices were asked about by no day: a read is a third of a DELETE ... RETURNING.
    if (prepared(this.ctx.db, 'SELECT 1 FROM por_day_deps WHERE dep = ? LIMIT 1', 'pluck').get(dep) === undefined) return;
    for (const day of prepared(this.ctx.db, 'DELETE FROM por_day_deps WHERE dep = ? RETURNING source_date', 'pluck').all(dep) as string[]) this.drop(day);
  }

  private drop(day: string): void {
    prepared(this.ctx.db, 'DELETE FROM por_day_plans WHERE source_date = ?').run(day);
  }
}
