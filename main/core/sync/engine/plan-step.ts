/**
 * Planning: the ledger's active documents -> planExports() -> outbox rows. Idempotent (rows are keyed
 * by the plan's idempotency keys), so it runs before every drain. A part covered by any live job
 * (queued, in flight, posted, failed, held, undone) counts as sent, so it is never planned twice; only
 * a cancelled job gives its parts back. A document revised before its job left QBO simply replaces
 * it: the unsent job is cancelled and the new revision planned.
 */
import type { Environment } from '../../environment';
import type { AccountMapping, Ledger, OutboxJob, PlanDocument, PlanScope, StoredDocument } from '../../ledger';
import type { ExportMode } from '../../ledger/env-settings';
import { UNSENT_JOB_STATUSES } from '../../ledger/job-kinds';
import { documentKeyOfPart, exportPartKeys } from '../modes/export-parts';
import { routeParts } from '../modes/routing';
import { planExports, type ExportJob, type ExportPlan, type HeldItem, type NotExportedItem, type PlanContext, type StoreExportConfig } from '../plan';
import { exportJobOf, toStoredPayload } from './job-payload';

export interface PlanStepOptions {
  environment: Environment;
  /** New rows are enqueued held with this reason (cutover: production not ready yet). */
  holdReason?: string | null;
  /** Plan only; write nothing (dry-run preview). */
  dryRun?: boolean;
  /** Only documents of these business days (manual export of a store-day or a date range). */
  filter?: { store?: number; dateFrom?: string; dateTo?: string };
  /** Send these days' batches now even if POR has not closed them (a late document gets a supplementary batch). */
  closedDays?: { store: number; businessDate: string }[];
  /** Treat these (undone) jobs' parts as not sent: repost. */
  releaseJobIds?: number[];
  /** Tests: a smaller slice (default PLAN_SLICE_DOCUMENTS) and list limit (default PLAN_RESULT_LIST_LIMIT). */
  limits?: { sliceDocuments?: number; listItems?: number };
}

export interface PlanStepResult {
  mode: ExportMode;
  plan: ExportPlan;
  /** Jobs added to the outbox by this step. */
  enqueued: OutboxJob[];
  /** Unsent jobs cancelled because a newer revision of their documents arrived. */
  replaced: OutboxJob[];
  held: HeldItem[];
  notExported: NotExportedItem[];
  /**
   * How many of each there were. The lists above hold them all in a dry run; otherwise at most
   * PLAN_RESULT_LIST_LIMIT each (a year's backlog is planned without holding it). `blocked`: held for a
   * reason a person must act on (not a day still open, not a store switched off).
   */
  counts: { planned: number; enqueued: number; held: number; blocked: number; notExported: number; replaced: number };
}

const UNSENT = UNSENT_JOB_STATUSES;

export function exportModeOf(ledger: Ledger): ExportMode {
  return ledger.settings.get('exportMode') ?? 'batch';
}

/** Every active POR document of this environment, oldest first. */
export function activeDocuments(ledger: Ledger): StoredDocument[] {
  const out: StoredDocument[] = [];
  let before: number | undefined;
  for (;;) {
    const page = ledger.documents.list({ status: 'active' }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
    out.push(...page.rows);
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  return out.reverse();
}

/** Every outbox row with the given statuses (all pages). */
export function allJobs(ledger: Ledger, statuses: readonly OutboxJob['status'][]): OutboxJob[] {
  const out: OutboxJob[] = [];
  scanJobs(ledger, statuses, (row) => out.push(row));
  return out.sort((a, b) => a.id - b.id);
}

/** Visits every row with the given statuses a page at a time, so a large outbox is never all in memory. */
export function scanJobs(ledger: Ledger, statuses: readonly OutboxJob['status'][], visit: (row: OutboxJob) => void): void {
  for (const status of statuses) {
    let before: number | undefined;
    for (;;) {
      const page = ledger.outbox.list({ status }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
      for (const row of page.rows) visit(row);
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
  }
}

function addCovers(sent: Map<string, number>, row: Pick<OutboxJob, 'payload'>): void {
  const job = exportJobOf(row);
  if (!job) return;
  for (const c of job.covers) sent.set(c.key, Math.max(sent.get(c.key) ?? 0, c.revision));
}

export function storeConfigs(ledger: Ledger): StoreExportConfig[] {
  const arAccounts = (ledger.settings.get('storeArAccounts') ?? {}) as Record<string, string>;
  const receivableIds = new Set(
    ledger.reference
      .list('Account')
      .filter((a) => a.AccountType === 'Accounts Receivable')
      .map((a) => a.Id),
  );
  const mappings = ledger.mappings.list();
  return ledger.stores
    .list()
    .filter((s) => s.className)
    .map((s) => ({
      number: s.store,
      className: s.className!,
      exportFormat: s.exportFormat,
      arAccount: arAccounts[String(s.store)] ?? null,
      receivableAccounts: receivableAccountsOf(s.store, mappings, receivableIds),
    }));
}

/** POR accounts whose effective mapping for this store is a QBO A/R account (the store's own row wins, as in mappings.resolve()). */
function receivableAccountsOf(store: number, mappings: readonly AccountMapping[], receivableIds: ReadonlySet<string | undefined>): string[] {
  const effective = new Map<string, string>();
  for (const m of mappings) if (m.store === null && !effective.has(m.porAccount)) effective.set(m.porAccount, m.qboAccountId);
  for (const m of mappings) if (m.store === store) effective.set(m.porAccount, m.qboAccountId);
  return [...effective].filter(([, qboId]) => receivableIds.has(qboId)).map(([acct]) => acct);
}

/** Part key -> revision, for every part a live job covers. */
export function sentParts(jobs: readonly OutboxJob[]): Map<string, number> {
  const sent = new Map<string, number>();
  for (const row of jobs) addCovers(sent, row);
  return sent;
}

/** Env setting: the first business day automatic sync sends (chosen when sync was turned on); earlier days only by hand. */
export const SYNC_START_DATE_KEY = 'syncStartDate';

/** Documents planned together: whole business days, until about this many (memory is bounded by it, not by the backlog). */
export const PLAN_SLICE_DOCUMENTS = 2000;
/** Most items a result lists of each kind (all are counted); a year's first plan would otherwise hold every job. */
export const PLAN_RESULT_LIST_LIMIT = 200;

/**
 * Plans what waits, a slice of business days at a time: only days holding a document not yet fully planned
 * (ledger.planQueue), each read whole from the ledger, planned with what the rest of the ledger says
 * (customers, invoices' A/R), enqueued, and its fully covered documents marked planned. A dry run writes
 * nothing and keeps every planned job; a real step keeps counts and the first PLAN_RESULT_LIST_LIMIT items.
 */
export function planStep(ledger: Ledger, options: PlanStepOptions): PlanStepResult {
  const mode = exportModeOf(ledger);
  const stores = storeConfigs(ledger);
  const released = new Set(options.releaseJobIds ?? []);
  // A scheduled run (no date filter) starts at the day the person chose; a manual export names its own days.
  const startFrom = ledger.settings.get(SYNC_START_DATE_KEY);
  const scope = options.filter?.dateFrom === undefined && typeof startFrom === 'string' ? { ...options.filter, dateFrom: startFrom } : (options.filter ?? {});
  const queue = ledger.planQueue;
  if (!options.dryRun) queue.adoptMode(mode);
  const dates = new Set(queue.pendingDates(scope, options.dryRun === true && !queue.marksValidFor(mode)));
  for (const id of released) {
    const job = ledger.outbox.get(id);
    if (!job) continue;
    for (const d of queue.datesOfKeys(job.documentKeys.map(documentKeyOfPart))) if (inScope(d, scope)) dates.add(d);
  }
  const context = ledgerPlanContext(ledger);
  const result = new StepResult(mode, options.environment, options.dryRun === true, options.limits?.listItems ?? PLAN_RESULT_LIST_LIMIT);
  forEachSlice(ledger, dates, scope, (slice) => planSlice(ledger, options, slice, { mode, stores, released, context }, result), options.limits?.sliceDocuments);
  return result.finish();
}

/** What the rest of the ledger says, for planning one slice of it. */
export function ledgerPlanContext(ledger: Ledger): PlanContext {
  const queue = ledger.planQueue;
  return {
    customer: (n) => queue.customer(n),
    invoiceArAccount: (store, n) => queue.invoiceArAccount(store, n),
    storeArAccounts: (store) => queue.storeArAccounts(store),
  };
}

/** The active documents of these business days, whole days at a time, about PLAN_SLICE_DOCUMENTS per call. */
export function forEachSlice(
  ledger: Ledger,
  dates: Iterable<string>,
  scope: PlanScope,
  visit: (slice: PlanDocument[]) => void,
  sliceDocuments = PLAN_SLICE_DOCUMENTS,
): void {
  let slice: PlanDocument[] = [];
  for (const date of [...dates].sort()) {
    for (const d of ledger.planQueue.documentsOn(date, scope)) slice.push(d);
    if (slice.length >= sliceDocuments) {
      visit(slice);
      slice = [];
    }
  }
  if (slice.length > 0) visit(slice);
}

interface SliceInput {
  mode: ExportMode;
  stores: StoreExportConfig[];
  released: ReadonlySet<number>;
  context: PlanContext;
}

function planSlice(ledger: Ledger, options: PlanStepOptions, slice: readonly PlanDocument[], input: SliceInput, result: StepResult): void {
  const documents = slice.map((d) => d.document);
  const parts = documents.flatMap(exportPartKeys);
  const make = (sent: Map<string, number>, undone: ReadonlySet<string>) =>
    planExports({
      environment: options.environment,
      mode: input.mode,
      documents,
      alreadySent: sent,
      stores: input.stores,
      closedDays: options.closedDays ?? [],
      undoneDocuments: undone,
      context: input.context,
    });
  let view = sliceView(ledger, parts, input.released);
  let plan = make(view.sent, view.undone);

  const revised = plan.held.filter((h) => h.reason === 'revisedAfterExport');
  if (revised.length > 0 && !options.dryRun) {
    const stale = unsentJobsCovering(view.unsent, revised);
    if (stale.length > 0) {
      ledger.transaction(() => {
        for (const j of stale) result.replaced(ledger.outbox.cancel(j.id, 'A newer revision of its POR documents arrived before it was sent; replaced.'));
      });
      view = sliceView(ledger, parts, input.released);
      plan = make(view.sent, view.undone);
    }
  }

  if (!options.dryRun) {
    ledger.transaction(() => {
      for (const job of plan.jobs) {
        const row = enqueueFresh(ledger, job, options.holdReason ?? null);
        if (row) result.enqueued(row);
      }
      // Every part of these documents is now covered by a live job (or left out by the mode): planned.
      const covered = new Map(view.sent);
      for (const job of plan.jobs) for (const c of job.covers) covered.set(c.key, Math.max(covered.get(c.key) ?? 0, c.revision));
      const done = slice
        .filter(
          (d) =>
            !d.planned && routeParts(d.document, input.mode).every((r) => r.path === 'notExported' || (covered.get(r.partKey) ?? -1) >= d.document.revision),
        )
        .map((d) => d.rowId);
      ledger.planQueue.markPlanned(done);
    });
  }
  result.add(plan);
}

/** What planning a slice needs to know of the live jobs covering its parts. */
interface LiveView {
  sent: Map<string, number>;
  unsent: { id: number; documentKeys: string[] }[];
  /** Documents an undone job had posted (a new revision of one needs its own DocNumber). */
  undone: Set<string>;
}

function sliceView(ledger: Ledger, parts: readonly string[], released: ReadonlySet<number>): LiveView {
  const sent = new Map<string, number>();
  const unsent: LiveView['unsent'] = [];
  const undone = new Set<string>();
  for (const row of ledger.planQueue.liveJobsCovering(parts)) {
    if (row.status === 'undone') for (const k of row.documentKeys) undone.add(k);
    if (released.has(row.id)) continue;
    addCovers(sent, row);
    if ((UNSENT as readonly string[]).includes(row.status)) unsent.push({ id: row.id, documentKeys: row.documentKeys });
  }
  return { sent, unsent, undone };
}

/** The step's outcome, gathered slice by slice: counts always, lists up to a limit (all of them in a dry run). */
class StepResult {
  private readonly jobs: ExportJob[] = [];
  private readonly heldItems: HeldItem[] = [];
  private readonly notExportedItems: NotExportedItem[] = [];
  private readonly enqueuedRows: OutboxJob[] = [];
  private readonly replacedRows: OutboxJob[] = [];
  private readonly n = { planned: 0, enqueued: 0, held: 0, blocked: 0, notExported: 0, replaced: 0 };

  constructor(
    private readonly mode: ExportMode,
    private readonly environment: Environment,
    private readonly keepAll: boolean,
    private readonly listItems: number,
  ) {}

  private keep<T>(list: T[], items: readonly T[]): void {
    const room = this.keepAll ? items.length : Math.max(0, this.listItems - list.length);
    for (let i = 0; i < items.length && i < room; i++) list.push(items[i]!);
  }

  add(plan: ExportPlan): void {
    this.n.planned += plan.jobs.length;
    this.n.held += plan.held.length;
    this.n.blocked += plan.held.filter((h) => h.reason !== 'dayNotClosed' && h.reason !== 'storeExportOff').length;
    this.n.notExported += plan.notExported.length;
    // Ensure jobs repeat in every slice that refers to them: keep each once.
    const seen = new Set(this.jobs.map((j) => j.idempotencyKey));
    this.keep(
      this.jobs,
      plan.jobs.filter((j) => !seen.has(j.idempotencyKey)),
    );
    this.keep(this.heldItems, plan.held);
    this.keep(this.notExportedItems, plan.notExported);
  }

  enqueued(row: OutboxJob): void {
    this.n.enqueued++;
    this.keep(this.enqueuedRows, [row]);
  }

  replaced(row: OutboxJob): void {
    this.n.replaced++;
    this.keep(this.replacedRows, [row]);
  }

  finish(): PlanStepResult {
    const jobs = [...this.jobs];
    return {
      mode: this.mode,
      plan: { environment: this.environment, mode: this.mode, jobs, held: this.heldItems, notExported: this.notExportedItems },
      enqueued: this.enqueuedRows,
      replaced: this.replacedRows,
      held: this.heldItems,
      notExported: this.notExportedItems,
      counts: { ...this.n },
    };
  }
}

export function enqueueInput(job: ExportJob, holdReason: string | null, keySuffix = ''): Parameters<Ledger['outbox']['enqueue']>[0] {
  return {
    idempotencyKey: `${job.idempotencyKey}${keySuffix}`,
    kind: job.kind,
    payload: toStoredPayload(job),
    documentKeys: job.documentKeys,
    amountCents: job.totals.debits,
    store: job.store,
    businessDate: job.txnDate ?? job.businessDate,
    holdReason,
  };
}

/**
 * Enqueues a planned job; when its key belongs to a job that was undone or cancelled (a repost of the very
 * same content), the new row gets the next `~rN` key, hence a new requestid. Null when already there.
 */
function enqueueFresh(ledger: Ledger, job: ExportJob, holdReason: string | null): OutboxJob | null {
  for (let n = 0; n < 100; n++) {
    const suffix = n === 0 ? '' : `~r${n}`;
    const existing = ledger.outbox.getByKey(`${job.idempotencyKey}${suffix}`);
    if (existing && (existing.status === 'undone' || existing.status === 'cancelled') && job.covers.length > 0) continue;
    if (existing) return null;
    return ledger.outbox.enqueue(enqueueInput(job, holdReason, suffix)).job;
  }
  throw new Error(`internal error: ${job.idempotencyKey} was reposted 100 times`);
}

/** Jobs covering revised parts that never reached QBO: they can simply be replaced. A posted one stays (undo + repost). */
function unsentJobsCovering(jobs: LiveView['unsent'], held: readonly HeldItem[]): LiveView['unsent'] {
  const parts = new Set(held.flatMap((h) => h.partKeys));
  return jobs.filter((j) => j.documentKeys.some((k) => parts.has(k)));
}

function inScope(date: string, scope: PlanScope): boolean {
  return (scope.dateFrom === undefined || date >= scope.dateFrom) && (scope.dateTo === undefined || date <= scope.dateTo);
}
