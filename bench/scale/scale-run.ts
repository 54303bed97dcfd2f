/**
 * One size of the scale benchmark, measured in a process of its own: a chain's feed files imported into a
 * fresh ledger, set up (20 stores, real-time mode, automap), planned into the outbox, a bounded sample
 * drained into the simulator at its ceiling, then the ledger closed, opened again (core ready) and the
 * screens' queries timed (history page, store-day list, dashboard, a one-year reconciliation).
 */
import { statSync } from 'node:fs';
import type { Environment } from '../../main/core/environment';
import { connectWithPastedCredentials } from '../../main/core/connection/paste-connect';
import type { ConnectionDeps } from '../../main/core/connection/connection-deps';
import { openQboConnection } from '../../main/core/connection/open-connection';
import { importFiles } from '../../main/core/inbox';
import { ledgerPath, openLedger, type Ledger } from '../../main/core/ledger';
import type { ExportMode } from '../../main/core/ledger/env-settings';
import { addDays } from '../../main/core/por/iso-date';
import { RateLimiter } from '../../main/core/qbo/rate-limiter';
import { ledgerReferenceStore } from '../../main/core/qbo/reference-cache';
import { MemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { planStep } from '../../main/core/sync/engine/plan-step';
import { SyncEngine } from '../../main/core/sync/engine/sync-engine';
import { readQboSide, type AddQboPosting } from '../../main/core/sync/reconcile/qbo-postings';
import { reconcile } from '../../main/core/sync/reconcile/reconcile';
import type { QboLimits } from '../measure/ceiling';
import type { SimHandle } from '../sim/sim-handle';
import { setupPracticeLedger } from '../core/setup-ledger';

const ENV: Environment = 'practice';
const MB = 1024 * 1024;

export interface ScaleRunInput {
  files: readonly string[];
  workDir: string;
  sim: SimHandle;
  limits: QboLimits;
  stores: number;
  mode: ExportMode;
  /** Documents to drain (a sample: the drain's cost per document, not the whole backlog at QBO's pace). */
  drainSample: number;
  /** Timed repetitions of each query (p95 over them). */
  repeats: number;
}

/** The screens' reads timed at each size. */
export type ScreenReads = Record<'historyPage' | 'historyFiltered' | 'historyText' | 'storeDays' | 'dashboard', QueryTiming>;

export interface QueryTiming {
  p50: number;
  p95: number;
  runs: number;
}

export interface ScaleRunResult {
  documents: number;
  jobs: number;
  importMs: number;
  importCpuMs: number;
  planMs: number;
  planCpuMs: number;
  drain: { created: number; wallMs: number; cpuMsPerDoc: number; docsPerMinute: number };
  /** Process RSS high-water mark (MB) after each phase; the last is the peak of the whole run. */
  rssMb: { start: number; import: number; plan: number; drain: number; queries: number };
  ledgerMb: number;
  /** Open the ledger and read what the status needs (counts, unplanned, newest day), median of 5. */
  readyMs: number;
  /** reconcileYear: a whole one-year reconciliation; reconcileOurs: the same with QuickBooks' side read beforehand. */
  queries: Record<'historyPage' | 'historyFiltered' | 'historyText' | 'storeDays' | 'dashboard' | 'reconcileYear', QueryTiming> & {
    reconcileOurs?: QueryTiming;
  };
  /** The first one-year reconciliation after the plan (ms): it fills what later ones read. */
  reconcileColdMs?: number;
  reconcileRows: number;
}

/** Where a long size is (stderr, so a 1M run that takes many minutes shows its phases). */
const progress = (text: string) => console.error(`  [scale ${new Date().toISOString().slice(11, 19)}] ${text}`);

const maxRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / MB);
const round = (x: number) => Math.round(x * 100) / 100;

function timeIt(runs: number, fn: () => unknown): QueryTiming {
  fn(); // warm the statement cache and pages once
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(ms[Math.floor(ms.length / 2)]!), p95: round(ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!), runs };
}

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<QueryTiming> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(ms[Math.floor(ms.length / 2)]!), p95: round(ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!), runs };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** What the dashboard reads of the ledger (app/handlers/dashboard-handlers.ts). */
function dashboardReads(ledger: Ledger): void {
  ledger.outbox.counts();
  ledger.outbox.list({ status: 'posted' }, { limit: 1 });
  ledger.outbox.list({ status: 'failed' }, { limit: 8 });
  ledger.quarantine.list({ open: true }, { limit: 3 });
  ledger.documents.pendingDecisions();
  ledger.documents.counts();
}

/** Opening the ledger and what the status reads of it, median of 5 (ms). */
function readyTime(workDir: string): number {
  const ready: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = performance.now();
    const l = openLedger(workDir, ENV, { actor: 'bench' });
    l.outbox.counts();
    l.documents.counts();
    l.planQueue.unplannedCount();
    l.storeDays.latestBusinessDate();
    l.outbox.nextDueAt();
    ready.push(performance.now() - r);
    l.close();
  }
  ready.sort((a, b) => a - b);
  return round(ready[2]!);
}

/** The history page, filtered and searched, the store-day list and the dashboard's reads, timed. */
function screenReads(ledger: Ledger, repeats: number): ScreenReads {
  const latest = ledger.storeDays.latestBusinessDate()!;
  const monthAgo = addDays(latest, -30);
  return {
    historyPage: timeIt(repeats, () => ledger.historySearch.page({ offset: 0, limit: 100 })),
    historyFiltered: timeIt(repeats, () =>
      ledger.historySearch.page({ status: 'posted', store: 7, dateFrom: monthAgo, dateTo: latest, offset: 0, limit: 100 }),
    ),
    historyText: timeIt(repeats > 5 ? 5 : 1, () => ledger.historySearch.page({ text: 'INV-7000123', offset: 0, limit: 100 })),
    storeDays: timeIt(repeats, () => {
      ledger.storeDays.list({ dateFrom: monthAgo, dateTo: latest });
      ledger.reconciliation.revisedAndPosted();
    }),
    dashboard: timeIt(repeats, () => dashboardReads(ledger)),
  };
}

export async function runScale(input: ScaleRunInput): Promise<ScaleRunResult> {
  const rssStart = maxRssMb();
  const { sim, limits } = input;
  const limiter = new RateLimiter({
    maxPerWindow: limits.perMinute,
    maxBatchPerWindow: limits.batchPerMinute,
    maxInFlight: limits.concurrent,
    windowMs: limits.windowMs,
  });
  const deps: ConnectionDeps = {
    dataDir: input.workDir,
    secrets: new MemorySecretStore(),
    endpoints: { apiBaseUrl: sim.info.baseUrl, tokenUrl: sim.info.tokenUrl, revokeUrl: sim.info.revokeUrl, authorizeUrl: sim.info.authorizeUrl },
    env: {},
    client: { limiter },
  };
  await connectWithPastedCredentials(
    ENV,
    { clientId: sim.info.clientId, clientSecret: sim.info.clientSecret, realmId: sim.info.realmId, refreshToken: sim.info.refreshToken },
    deps,
  );
  let ledger = openLedger(input.workDir, ENV, { actor: 'bench' });
  const connection = (await openQboConnection(ENV, deps, { references: { store: ledgerReferenceStore(ledger.reference, sim.info.realmId) } }))!;

  // 1. Import.
  progress(`importing ${input.files.length} files`);
  let cpu = process.cpuUsage();
  let t = performance.now();
  // A file at a time, as the inbox watcher hands them over: importFiles' report lists every document it
  // recorded, so one call for a year of files would measure that list, not the ledger.
  for (const file of input.files) {
    const report = await importFiles(ledger, [file]);
    if (report.totals.filesRejected > 0 || report.totals.rejected > 0) throw new Error(`scale input was refused: ${JSON.stringify(report.totals)}`);
  }
  const importMs = performance.now() - t;
  const importCpuMs = cpuMs(cpu);
  const documents = ledger.documents.counts().active;
  const rssImport = maxRssMb();

  progress(`imported ${documents} documents in ${Math.round(importMs / 1000)} s; planning`);
  // 2. Setup from what the ledger saw, then the plan step as the runtime runs it (enqueues everything).
  await setupPracticeLedger(ledger, connection, input.stores, ledger.reconciliation.porAccountsSeen(), input.mode);
  await connection.references.ensureLoaded();
  cpu = process.cpuUsage();
  t = performance.now();
  const step = planStep(ledger, { environment: ENV });
  const planMs = performance.now() - t;
  const planCpuMs = cpuMs(cpu);
  if (step.counts.blocked > 0) throw new Error(`scale backlog has blocked items: ${step.held[0]?.message}`);
  const jobs = ledger.outbox.counts().queued;
  const rssPlan = maxRssMb();

  progress(`planned ${jobs} jobs in ${Math.round(planMs / 1000)} s; draining a sample`);
  // 3. A bounded sample of the drain, against the simulator at its ceiling.
  const createdBefore = (await sim.stats()).creates;
  const engine = new SyncEngine({ ledger, environment: ENV, client: connection.client, references: connection.references });
  const abort = new AbortController();
  cpu = process.cpuUsage();
  t = performance.now();
  await engine.drain({
    signal: abort.signal,
    onProgress: (p) => {
      if (p.done >= input.drainSample) abort.abort();
    },
  });
  const drainWall = performance.now() - t;
  const drainCpu = cpuMs(cpu);
  const created = (await sim.stats()).creates - createdBefore;
  const rssDrain = maxRssMb();

  // 4. Core ready: the ledger opened again and what the status reads of it.
  ledger.close();
  const readyMs = readyTime(input.workDir);
  ledger = openLedger(input.workDir, ENV, { actor: 'bench' });

  // 5. The screens' queries.
  progress(`drained ${created} creates; timing the screens' queries`);
  const latest = ledger.storeDays.latestBusinessDate()!;
  const yearAgo = addDays(latest, -364);
  const queries = { ...screenReads(ledger, input.repeats), reconcileYear: { p50: 0, p95: 0, runs: 0 }, reconcileOurs: { p50: 0, p95: 0, runs: 0 } };
  let reconcileRows = 0;
  const reconcileYear = async () => {
    const r = await reconcile({ ledger, environment: ENV, client: connection.client, references: connection.references, from: yearAgo, to: latest });
    reconcileRows = r.rows.length;
  };
  // The first reconciliation after the plan plans the POR side of days it has not seen; later ones read what
  // the ledger keeps and re-plan only days that changed: the figure a person sees each time they open it.
  progress('reconciling a year (first run)');
  const cold = performance.now();
  await reconcileYear();
  const reconcileColdMs = performance.now() - cold;
  progress(`first reconciliation ${Math.round(reconcileColdMs)} ms; timing again`);
  queries.reconcileYear = await timeAsync(Math.min(10, input.repeats), reconcileYear);
  // Our part alone: the same reconciliation with QuickBooks' side read once beforehand (what QBO answers, and
  // how fast, is not ours; the simulator holds the drained sample).
  // QuickBooks' answer recorded once, then handed to each reconciliation as it would arrive.
  let qboRead: Promise<{ read: Awaited<ReturnType<typeof readQboSide>>; postings: Parameters<AddQboPosting>[] }> | null = null;
  const readOnce: typeof readQboSide = async (client, references, range, storeOfClass, add) => {
    qboRead ??= (async () => {
      const postings: Parameters<AddQboPosting>[] = [];
      const read = await readQboSide(client, references, range, storeOfClass, (...p) => postings.push(p));
      return { read, postings };
    })();
    const { read, postings } = await qboRead;
    for (const p of postings) add(...p);
    return read;
  };
  await reconcile({ ledger, environment: ENV, client: connection.client, references: connection.references, from: yearAgo, to: latest, qboSide: readOnce });
  queries.reconcileOurs = await timeAsync(Math.min(10, input.repeats), () =>
    reconcile({ ledger, environment: ENV, client: connection.client, references: connection.references, from: yearAgo, to: latest, qboSide: readOnce }),
  );
  const rssQueries = maxRssMb();
  ledger.close();
  const file = ledgerPath(input.workDir, ENV);
  const ledgerMb = Math.round(statSync(file).size / MB);
  return {
    documents,
    jobs,
    importMs: round(importMs),
    importCpuMs: round(importCpuMs),
    planMs: round(planMs),
    planCpuMs: round(planCpuMs),
    drain: {
      created,
      wallMs: round(drainWall),
      cpuMsPerDoc: round(drainCpu / Math.max(1, created)),
      docsPerMinute: Math.round((created / drainWall) * 60_000 * (limits.windowMs / 60_000)),
    },
    rssMb: { start: rssStart, import: rssImport, plan: rssPlan, drain: rssDrain, queries: rssQueries },
    ledgerMb,
    readyMs,
    queries,
    reconcileColdMs: round(reconcileColdMs),
    reconcileRows,
  };
}
