/**
 * Planning: the ledger's active documents -> planExports() -> outbox rows. Idempotent (rows are keyed
 * by the plan's idempotency keys), so it runs before every drain. A part covered by any live job
 * (queued, in flight, posted, failed, held, undone) counts as sent, so it is never planned twice; only
 * a cancelled job gives its parts back. A document revised before its job left QBO simply replaces
 * it: the unsent job is cancelled and the new revision planned.
 */
import type { Environment } from '../../environment';
import type { AccountMapping, Ledger, OutboxJob, StoredDocument } from '../../ledger';
import type { ExportMode } from '../../ledger/env-settings';
import { planExports, type ExportJob, type ExportPlan, type HeldItem, type NotExportedItem, type StoreExportConfig } from '../plan';
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
}

const LIVE: readonly OutboxJob['status'][] = ['queued', 'inFlight', 'posted', 'failed', 'held', 'undone'];
const UNSENT: readonly OutboxJob['status'][] = ['queued', 'failed', 'held'];

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

/** What planning needs to know of the live jobs: covered parts, and which unsent job covers what. */
interface LiveView {
  sent: Map<string, number>;
  unsent: { id: number; documentKeys: string[] }[];
  /** Documents an undone job had posted (a new revision of one needs its own DocNumber). */
  undone: Set<string>;
}

function liveView(ledger: Ledger, released: ReadonlySet<number>): LiveView {
  const sent = new Map<string, number>();
  const unsent: LiveView['unsent'] = [];
  const undone = new Set<string>();
  scanJobs(ledger, LIVE, (row) => {
    if (row.status === 'undone') for (const k of row.documentKeys) undone.add(k);
    if (released.has(row.id)) return;
    addCovers(sent, row);
    if (UNSENT.includes(row.status)) unsent.push({ id: row.id, documentKeys: row.documentKeys });
  });
  return { sent, unsent, undone };
}

function addCovers(sent: Map<string, number>, row: OutboxJob): void {
  const job = exportJobOf(row);
  if (!job) return;
  for (const c of job.covers) sent.set(c.key, Math.max(sent.get(c.key) ?? 0, c.revision));
}

export function storeConfigs(ledger: Ledger): StoreExportConfig[] {
  const arAccounts = (ledger.settings.get('storeArAccounts') ?? {}) as Record<string, string>;
  const receivableIds = new Set(ledger.reference.list('Account').filter((a) => a.AccountType === 'Accounts Receivable').map((a) => a.Id));
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

export function planStep(ledger: Ledger, options: PlanStepOptions): PlanStepResult {
  const mode = exportModeOf(ledger);
  // A scheduled run (no date filter) starts at the day the person chose; a manual export names its own days.
  const startFrom = ledger.settings.get(SYNC_START_DATE_KEY);
  const filter = options.filter?.dateFrom === undefined && typeof startFrom === 'string' ? { ...options.filter, dateFrom: startFrom } : options.filter;
  const documents = activeDocuments(ledger)
    .filter((d) => inFilter(d, filter))
    .map((d) => d.document);
  const released = new Set(options.releaseJobIds ?? []);
  const view = liveView(ledger, released);
  const make = (sent: Map<string, number>) =>
    planExports({ environment: options.environment, mode, documents, alreadySent: sent, stores: storeConfigs(ledger), closedDays: options.closedDays ?? [], undoneDocuments: view.undone });
  let plan = make(view.sent);

  const replaced: OutboxJob[] = [];
  const revised = plan.held.filter((h) => h.reason === 'revisedAfterExport');
  if (revised.length > 0 && !options.dryRun) {
    const stale = unsentJobsCovering(view.unsent, revised);
    if (stale.length > 0) {
      ledger.transaction(() => {
        for (const j of stale) replaced.push(ledger.outbox.cancel(j.id, 'A newer revision of its POR documents arrived before it was sent; replaced.'));
      });
      plan = make(liveView(ledger, released).sent);
    }
  }

  const enqueued: OutboxJob[] = [];
  if (!options.dryRun && plan.jobs.length > 0) {
    ledger.transaction(() => {
      for (const job of plan.jobs) {
        const row = enqueueFresh(ledger, job, options.holdReason ?? null);
        if (row) enqueued.push(row);
      }
    });
  }
  return { mode, plan, enqueued, replaced, held: plan.held, notExported: plan.notExported };
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

function inFilter(d: StoredDocument, filter: PlanStepOptions['filter']): boolean {
  if (!filter) return true;
  if (filter.store !== undefined && d.store !== filter.store && d.store !== null) return false;
  if (filter.dateFrom !== undefined && d.businessDate < filter.dateFrom) return false;
  if (filter.dateTo !== undefined && d.businessDate > filter.dateTo) return false;
  return true;
}
