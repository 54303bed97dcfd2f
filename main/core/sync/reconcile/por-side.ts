/**
 * Reconciliation's POR side: the active POR documents that can post into the range, planned in the
 * environment's mode as if nothing had been sent, each job's postings summed per (txn date, store, account),
 * plus the items held or left out on the range's days. Mapping POR accounts to QuickBooks' is the caller's
 * (at read time, so a mapping change shows at once).
 *
 * planPorSide reads what the ledger keeps per source day (ledger.porDayTotals, migration 008) and plans only
 * the days whose stored plan is missing or made under another fingerprint; planPorSideFresh plans every day
 * (the way reconciliation always did: the oracle the kept totals are tested against).
 */
import { createHash } from 'node:crypto';
import type { Environment } from '../../environment';
import { isBusy, type Ledger } from '../../ledger';
import type { ExportMode } from '../../ledger/env-settings';
import { UNMAPPED, porDayDep, type PorDayPlan, type PorDaySum } from '../../ledger/por-day-totals';
import { cmp } from '../modes/netting';
import { planExports, type ExportJob, type HeldItem, type NotExportedItem, type PlanContext, type StoreExportConfig } from '../plan';
import { PLAN_SLICE_DOCUMENTS, exportModeOf, forEachSlice, ledgerPlanContext, storeConfigs } from '../engine/plan-step';
import { INVOICE_AR, INVOICE_TAX } from './qbo-postings';

export interface PorSide {
  mode: ExportMode;
  stores: StoreExportConfig[];
  /** [txn date, store, map store (UNMAPPED: account is QuickBooks' key), account, cents], txn date in range. */
  sums: PorDaySum[];
  /** Held and left-out items of the range's days, in the order a slice-at-a-time plan lists them. */
  held: HeldItem[];
  notExported: NotExportedItem[];
}

/** Bump when planExports or porPostings change what they give for the same input: every stored day is planned again. */
const POR_SIDE_VERSION = 1;

/** Source days whose documents can post into from..to: a transaction-mode invoice posts on its invoice date, which may lie before its day. */
function sourceDays(mode: ExportMode, from: string, to: string): { from: string; to: string | null } {
  return mode === 'transaction' ? { from, to: null } : { from, to };
}

/** Every day planned now, a slice of days at a time (what reconciliation did before day totals were kept). */
export function planPorSideFresh(ledger: Ledger, environment: Environment, from: string, to: string): PorSide {
  const mode = exportModeOf(ledger);
  const stores = storeConfigs(ledger);
  const days = sourceDays(mode, from, to);
  const scope = days.to === null ? { dateFrom: from } : { dateFrom: from, dateTo: days.to };
  const context = ledgerPlanContext(ledger);
  const sums = new SumMap();
  const held: HeldItem[] = [];
  const notExported: NotExportedItem[] = [];
  forEachSlice(ledger, ledger.planQueue.pendingDates(scope, true), scope, (slice) => {
    const part = planExports({ environment, mode, documents: slice.map((d) => d.document), alreadySent: new Map(), stores, context });
    for (const job of part.jobs) sums.addJob(job);
    for (const h of part.held) if (h.businessDate >= from && h.businessDate <= to) held.push(h);
    for (const n of part.notExported) if (n.businessDate >= from && n.businessDate <= to) notExported.push(n);
  });
  return { mode, stores, sums: sums.list().filter(([txnDate]) => txnDate >= from && txnDate <= to), held, notExported };
}

/** The same as planPorSideFresh, from the day totals the ledger keeps; plans (and keeps) only days that changed. */
export function planPorSide(ledger: Ledger, environment: Environment, from: string, to: string): PorSide {
  const mode = exportModeOf(ledger);
  const stores = storeConfigs(ledger);
  const fingerprint = porSideFingerprint(environment, mode, stores);
  const days = sourceDays(mode, from, to);
  const totals = ledger.porDayTotals;
  // Read in one snapshot, so another process's write can't fall between the days and their sums; a day it
  // drops before the days are planned is planned again. Three rounds of that: someone keeps writing, plan it all now.
  for (let round = 0; round < 3; round++) {
    const read = totals.snapshot((): { stale: string[]; side: PorSide | null } => {
      const active = totals.activeDays(days.from, days.to);
      const plans = totals.plans(days.from, days.to);
      const stale = active.filter((d) => plans.get(d)?.fingerprint !== fingerprint);
      if (stale.length > 0) return { stale, side: null };
      return { stale, side: assemble(active, plans, { from, to, mode, stores }) };
    });
    if (read.side) return read.side;
    try {
      planDays(ledger, read.stale, { environment, mode, stores, fingerprint });
    } catch (err) {
      // Another process (the CLI's import) holds the write lock: plan the range without keeping it.
      if (isBusy(err)) return planPorSideFresh(ledger, environment, from, to);
      throw err;
    }
  }
  return planPorSideFresh(ledger, environment, from, to);
}

/** What the plan's output depends on besides the day's documents and the invoices it asks about (those are kept as dependencies). */
export function porSideFingerprint(environment: Environment, mode: ExportMode, stores: readonly StoreExportConfig[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: POR_SIDE_VERSION, environment, mode, stores }))
    .digest('hex');
}

interface DayInput {
  environment: Environment;
  mode: ExportMode;
  stores: StoreExportConfig[];
  fingerprint: string;
}

/** How long keeping planned days waits for another process's write lock before the range is planned without keeping. */
const PLAN_LOCK_WAIT_MS = 1000;

/** Plans these days one by one and keeps each, a transaction per PLAN_SLICE_DOCUMENTS documents or so (read and write together). */
function planDays(ledger: Ledger, days: readonly string[], input: DayInput): void {
  const base = ledgerPlanContext(ledger);
  let i = 0;
  while (i < days.length) {
    // Keeping day totals is worth no long wait for another process's write: planDays' caller plans without them.
    ledger.transactionWaitingAtMost(PLAN_LOCK_WAIT_MS, () => {
      let documents = 0;
      while (i < days.length && documents < PLAN_SLICE_DOCUMENTS) documents += planDay(ledger, days[i++]!, input, base);
    });
  }
}

/** Plans one source day alone, noting what it asked of other documents, and keeps the result. Returns its document count. */
function planDay(ledger: Ledger, date: string, input: DayInput, base: PlanContext): number {
  const deps = new Set<string>();
  const context: PlanContext = {
    customer: (n) => base.customer(n),
    invoiceArAccount: (store, n) => {
      deps.add(porDayDep.invoice(store, n));
      return base.invoiceArAccount(store, n);
    },
    storeArAccounts: (store) => {
      deps.add(porDayDep.storeAr(store));
      return base.storeArAccounts(store);
    },
  };
  const documents = [...ledger.planQueue.documentsOn(date, {})].map((d) => d.document);
  const plan = planExports({ environment: input.environment, mode: input.mode, documents, alreadySent: new Map(), stores: input.stores, context });
  const sums = new SumMap();
  for (const job of plan.jobs) sums.addJob(job);
  ledger.porDayTotals.store(
    {
      date,
      fingerprint: input.fingerprint,
      documents: documents.length,
      held: JSON.stringify(plan.held),
      notExported: JSON.stringify(plan.notExported),
      sums: JSON.stringify(sums.list()),
    },
    deps,
  );
  return documents.length;
}

/**
 * The range's side from stored days. Held items come out as the slice-at-a-time plan lists them: its slices
 * are whole days until PLAN_SLICE_DOCUMENTS documents, each listing its items by document key.
 */
function assemble(
  days: readonly string[],
  plans: ReadonlyMap<string, PorDayPlan>,
  range: { from: string; to: string; mode: ExportMode; stores: StoreExportConfig[] },
): PorSide {
  const sums: PorDaySum[] = [];
  const held: HeldItem[] = [];
  const notExported: NotExportedItem[] = [];
  const inRange = (d: string) => d >= range.from && d <= range.to;
  let sliceHeld: HeldItem[] = [];
  let sliceNotExported: NotExportedItem[] = [];
  let count = 0;
  const flush = () => {
    for (const h of sliceHeld.sort((a, b) => cmp(a.documentKey, b.documentKey))) if (inRange(h.businessDate)) held.push(h);
    for (const n of sliceNotExported.sort((a, b) => cmp(a.documentKey, b.documentKey))) if (inRange(n.businessDate)) notExported.push(n);
    sliceHeld = [];
    sliceNotExported = [];
    count = 0;
  };
  for (const day of days) {
    const plan = plans.get(day)!;
    for (const s of JSON.parse(plan.sums) as PorDaySum[]) if (s[0] >= range.from && s[0] <= range.to) sums.push(s);
    // Only days of the range hold items the report lists (a later day's invoice only posts into it).
    if (inRange(day)) {
      sliceHeld.push(...(JSON.parse(plan.held) as HeldItem[]));
      sliceNotExported.push(...(JSON.parse(plan.notExported) as NotExportedItem[]));
    }
    count += plan.documents;
    if (count >= PLAN_SLICE_DOCUMENTS) flush();
  }
  flush();
  return { mode: range.mode, stores: range.stores, sums, held, notExported };
}

/** Planned jobs' postings summed per (txn date, store, map store, account). */
class SumMap {
  private readonly map = new Map<string, PorDaySum>();

  addJob(job: ExportJob): void {
    if (job.txnDate === null || job.nothingToPost) return;
    for (const [store, mapStore, account, cents] of porPostings(job)) {
      const key = `${job.txnDate}\u0000${store}\u0000${mapStore}\u0000${account}`;
      const seen = this.map.get(key);
      if (seen) seen[4] += cents;
      else this.map.set(key, [job.txnDate, store, mapStore, account, cents]);
    }
  }

  list(): PorDaySum[] {
    return [...this.map.values()];
  }
}

/** A planned job's effect as [store, map store, account, signed cents], in the terms QBO will post it. */
function porPostings(job: ExportJob): [number, number, string, number][] {
  const out: [number, number, string, number][] = [];
  const p = job.payload;
  if (p.entity === 'Invoice' || p.entity === 'CreditMemo') {
    // QBO posts an invoice's A/R and tax to its own accounts: compare them as such.
    const sign = p.entity === 'Invoice' ? 1 : -1;
    const store = job.store ?? 0;
    for (const l of p.lines) out.push([store, l.item.store, l.item.porAccount, -sign * l.amount]);
    if (p.totalTax !== 0) out.push([store, UNMAPPED, INVOICE_TAX, -sign * p.totalTax]);
    if (p.total !== 0) out.push([store, UNMAPPED, INVOICE_AR, sign * p.total]);
    return out;
  }
  for (const l of job.preview) out.push([l.store, l.store, l.porAccount, l.debit - l.credit]);
  return out;
}
