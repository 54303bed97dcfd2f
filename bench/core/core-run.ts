/**
 * One mode, the whole core path, measured: POR files imported through the inbox pipeline into a fresh
 * ledger, the setup meeting, planning into the outbox, then the sync engine draining the backlog into
 * a practice simulator that enforces QBO's limits (scaled in time). Reports the local rates, the drain
 * rate against the ceiling (from the simulator's own counters), metered reads per document and the
 * process's peak memory. Runs in a child process of its own in the benchmark (so its memory is the
 * core's alone) and in process, at toy size, in the smoke test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Environment } from '../../main/core/environment';
import { connectWithPastedCredentials } from '../../main/core/connection/paste-connect';
import type { ConnectionDeps } from '../../main/core/connection/connection-deps';
import { openQboConnection } from '../../main/core/connection/open-connection';
import { importFiles } from '../../main/core/inbox';
import { openLedger, type JobStatus } from '../../main/core/ledger';
import type { ExportMode } from '../../main/core/ledger/env-settings';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../main/core/qbo/retry-policy';
import { RateLimiter } from '../../main/core/qbo/rate-limiter';
import { ledgerReferenceStore } from '../../main/core/qbo/reference-cache';
import { MemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { exportJobOf } from '../../main/core/sync/engine/job-payload';
import { activeDocuments, allJobs, enqueueInput, planStep, sentParts, storeConfigs } from '../../main/core/sync/engine/plan-step';
import { RefIndex } from '../../main/core/sync/engine/ref-index';
import { SyncEngine, type DrainResult } from '../../main/core/sync/engine/sync-engine';
import { planExports, resolvePayload, type ExportPlan } from '../../main/core/sync/plan';
import type { PorDocument } from '../../main/core/por/model';
import type { QboLimits } from '../measure/ceiling';
import { MemoryWatch, type MemoryPeak } from '../measure/memory-watch';
import { buckets, windowRate, type WindowRate } from '../measure/timeline';
import { wallClock, type SimHandle } from '../sim/sim-handle';
import type { QboRequestEvent } from '../../main/core/qbo/qbo-client';
import { setupImportedPractice } from './setup-ledger';

const ENV: Environment = 'practice';

export interface CoreRunInput {
  mode: ExportMode;
  /** POR files to import (IIF GL exports for batch, JSON Lines feeds for the other modes). */
  files: readonly string[];
  /** Data folder for this run's ledger and connection record. */
  workDir: string;
  sim: SimHandle;
  /** QBO's limits, scaled in time; the client's limiter is told the same. */
  limits: QboLimits;
  /** Sampling interval of the simulator's counters (ms). */
  timelineIntervalMs: number;
  /** Most whole windows to measure the drain rate over. */
  maxWindows: number;
  /** Write the resolved JournalEntry bodies here, for the node-quickbooks run. */
  peerBodiesFile?: string | null;
  /** Share of write answers the line loses during the drain (set on the simulator when the drain starts). */
  lossDuringDrain?: number;
}

export interface Rate {
  count: number;
  ms: number;
  perSecond: number;
}

export interface CoreRunResult {
  mode: ExportMode;
  import: Rate & { files: number; lines: number; linesPerSecond: number };
  setup: { mapped: number; accountsCreated: number };
  plan: {
    /** planExports alone (pure): POR documents in, jobs out. */
    planExports: Rate & { jobs: number; jobsPerSecond: number };
    /** planStep as the runtime runs it (documents from the ledger, sent parts, plan), dry run. */
    planStep: Rate;
    postings: number;
    ensure: number;
    byKind: Record<string, number>;
  };
  enqueue: Rate;
  resolve: Rate;
  drain: {
    drains: number;
    result: Omit<DrainResult, 'stopped' | 'lastFailure' | 'nextDueAt'> & { stopped: string | null; lastFailure: string | null };
    outbox: Record<JobStatus, number>;
    creates: number;
    byEntity: Record<string, number>;
    requests: number;
    batchRequests: number;
    throttled: number;
    maxInFlight: number;
    meteredReadsWarmup: number;
    meteredReadsDrain: number;
    wallMs: number;
    rate: WindowRate | null;
    /** The same, from the first request that carried a posting (after classes, customers and items). */
    postingRate: WindowRate | null;
    /** CPU time of this process during the drain, per document created (ms). */
    cpuMsPerCreate: number;
    /** Creates and requests per half window from the first request: the drain's shape. */
    shape: { creates: number[]; requests: number[] } | null;
    /** Write answers that never arrived (the line lost them; each create ran in QBO). */
    lostAnswers: number;
    /** Transactions QBO holds more than once (same DocNumber), and QBO's count vs the ledger's posted jobs. */
    duplicates: number;
    qboTransactions: number;
    postedTransactions: number;
  };
  memory: MemoryPeak;
}

/** The client's default retry policy with every wait scaled in time. */
function scaledRetry(scale: number): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs * scale,
    maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs * scale,
    maxRetryAfterMs: DEFAULT_RETRY_POLICY.maxRetryAfterMs * scale,
  };
}

const rate = (count: number, ms: number): Rate => ({ count, ms: round(ms), perSecond: Math.round((count / Math.max(ms, 0.001)) * 1000) });
const round = (x: number): number => Math.round(x * 10) / 10;

function countLines(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  }
  return n;
}

const POSTING_PATHS = new Set(['journalentry', 'invoice', 'creditmemo']);
const POSTING_KEYS = ['JournalEntry', 'Invoice', 'CreditMemo'];
function carriesPosting(event: QboRequestEvent): boolean {
  const items = event.path === 'batch' ? ((event.body as { BatchItemRequest?: Record<string, unknown>[] } | null)?.BatchItemRequest ?? []) : [];
  return POSTING_PATHS.has(event.path) || items.some((i) => POSTING_KEYS.some((k) => k in i));
}

export async function runCore(input: CoreRunInput): Promise<CoreRunResult> {
  const memory = new MemoryWatch();
  let peak: MemoryPeak | null = null;
  // Wall-clock time of the first request carrying a posting, once the drain has started.
  let firstPostingAt: number | null = null;
  let watchPostings = false;
  const notePosting = (event: QboRequestEvent): void => {
    if (watchPostings && firstPostingAt === null && carriesPosting(event)) firstPostingAt = wallClock();
  };
  const { sim, limits } = input;
  // 1 at QBO's real limits; 0.1 when the benchmark runs QBO's minute in 6 s.
  const timeScale = limits.windowMs / 60_000;
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
    // The client's waits run at the benchmark's time scale too (backoff after a 429 without Retry-After).
    client: { limiter, onRequest: notePosting, retry: scaledRetry(timeScale) },
  };
  await connectWithPastedCredentials(
    ENV,
    { clientId: sim.info.clientId, clientSecret: sim.info.clientSecret, realmId: sim.info.realmId, refreshToken: sim.info.refreshToken },
    deps,
  );
  const ledger = openLedger(input.workDir, ENV, { actor: 'bench' });
  const connection = (await openQboConnection(ENV, deps, { references: { store: ledgerReferenceStore(ledger.reference, sim.info.realmId) } }))!;
  try {
    // 1. Import, through the same pipeline as the CLI and the inbox watcher.
    const lines = countLines(input.files);
    let t = performance.now();
    const report = await importFiles(ledger, input.files);
    const importMs = performance.now() - t;
    memory.sample();
    if (report.totals.filesRejected > 0 || report.totals.rejected > 0) throw new Error(`benchmark input was refused: ${JSON.stringify(report.totals)}`);
    const imported = report.totals.accepted;

    // 2. Setup, then warm-up: the reference lists are read once (metered), then served from the cache.
    let documents: PorDocument[] | null = activeDocuments(ledger).map((d) => d.document);
    const documentCount = documents.length;
    const setup = await setupImportedPractice(ledger, connection, documents, input.mode);
    await connection.references.ensureLoaded();
    memory.endPhase('import');

    // 3. Planning: the pure planner (its result dropped, so the memory figure is the app's), then
    // planStep's dry run as the runtime plans, then the enqueue.
    t = performance.now();
    let pure: ExportPlan | null = planExports({ environment: ENV, mode: input.mode, documents, alreadySent: sentParts([]), stores: storeConfigs(ledger) });
    const planMs = performance.now() - t;
    memory.sample();
    const pureJobs = pure.jobs.length;
    pure = null;
    documents = null;
    t = performance.now();
    const dry = planStep(ledger, { environment: ENV, dryRun: true });
    const planStepMs = performance.now() - t;
    const jobs = dry.plan.jobs;
    if (jobs.length !== pureJobs) throw new Error(`planStep planned ${jobs.length} jobs, planExports ${pureJobs}`);
    if (dry.held.length > 0) throw new Error(`benchmark backlog has held items: ${dry.held[0]!.message}`);
    t = performance.now();
    ledger.transaction(() => {
      for (const job of jobs) ledger.outbox.enqueue(enqueueInput(job, null));
    });
    const enqueueMs = performance.now() - t;
    memory.sample();
    if (planStep(ledger, { environment: ENV }).enqueued.length !== 0) throw new Error('planStep enqueued jobs the benchmark already enqueued');
    const byKind: Record<string, number> = {};
    for (const j of jobs) byKind[j.kind] = (byKind[j.kind] ?? 0) + 1;
    const ensure = (byKind.Class ?? 0) + (byKind.Customer ?? 0) + (byKind.Item ?? 0);
    const jobCount = jobs.length;
    memory.endPhase('plan');

    // 4. The drain, timed on the simulator's clock.
    if (input.lossDuringDrain) await sim.setKnobs({ dropConnectionRate: input.lossDuringDrain });
    const before = await sim.stats();
    await sim.startTimeline(input.timelineIntervalMs);
    const engine = new SyncEngine({
      ledger,
      environment: ENV,
      client: connection.client,
      references: connection.references,
      // The engine's requeue delays, scaled like QBO's limits (its default: 1-2 s, doubling, at most 5 min).
      retryDelayMs: (attempt) => {
        const ceiling = Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1)) * timeScale;
        return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      },
    });
    const total: CoreRunResult['drain']['result'] = {
      posted: 0,
      linked: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      deferred: 0,
      held: 0,
      stopped: null,
      lastFailure: null,
    };
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    watchPostings = true;
    let drains = 0;
    for (; drains < 100;) {
      const r = await engine.drain();
      drains++;
      for (const k of ['posted', 'linked', 'skipped', 'failed', 'retried', 'deferred'] as const) total[k] += r[k];
      if (r.lastFailure) total.lastFailure = r.lastFailure.message;
      if (r.stopped) {
        total.stopped = r.stopped.message;
        break;
      }
      const c = ledger.outbox.counts();
      if (c.queued + c.inFlight === 0) break;
      await sleep(Math.min(5_000, Math.max(5, (r.nextDueAt ?? Date.now()) - Date.now())));
    }
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    const samples = await sim.stopTimeline();
    const after = await sim.stats();
    // Exactly once, checked against what QBO holds (outside the timed drain).
    let duplicates = 0;
    let qboTransactions = 0;
    for (const entity of POSTING_KEYS) {
      const numbers = (await sim.list(entity)).map((t) => String(t.DocNumber ?? ''));
      qboTransactions += numbers.length;
      duplicates += numbers.length - new Set(numbers).size;
    }
    const postedTransactions = POSTING_KEYS.reduce((n, kind) => n + allJobs(ledger, ['posted']).filter((j) => j.kind === kind && j.qboId).length, 0);
    memory.endPhase('drain');
    // The core's figure ends here: what follows only measures payload building for the report.
    peak = memory.stop();

    // 5. Payload building: every job resolved against the complete reference index (after the drain).
    const rows = allJobs(ledger, ['posted']);
    const refs = connection.references;
    const index = new RefIndex(ledger, {
      Account: await refs.list('Account'),
      Class: await refs.list('Class'),
      Item: await refs.list('Item'),
      Customer: await refs.list('Customer'),
      TaxCode: await refs.list('TaxCode'),
    });
    const planned = rows.map((r) => exportJobOf(r)!);
    t = performance.now();
    const resolved = planned.map((j) => resolvePayload(j, index));
    const resolveMs = performance.now() - t;
    if (input.peerBodiesFile) {
      const bodies = resolved.flatMap((r, i) => ('entity' in r && r.entity === 'JournalEntry' ? [{ requestId: `nqb-${rows[i]!.id}`, body: r.body }] : []));
      writeFileSync(input.peerBodiesFile, JSON.stringify(bodies));
    }

    const drainRate = windowRate(samples, limits.windowMs, input.maxWindows);
    const postingStart: number | null = firstPostingAt;
    const postingRate =
      postingStart === null
        ? null
        : windowRate(
            samples.filter((x) => x[0] >= postingStart - input.timelineIntervalMs),
            limits.windowMs,
            input.maxWindows,
          );
    const created = after.creates - before.creates;
    const byEntity: Record<string, number> = {};
    for (const [k, v] of Object.entries(after.byEntity)) {
      const d = v - (before.byEntity[k] ?? 0);
      if (d) byEntity[k] = d;
    }
    return {
      mode: input.mode,
      import: { ...rate(imported, importMs), files: input.files.length, lines, linesPerSecond: Math.round((lines / Math.max(importMs, 0.001)) * 1000) },
      setup,
      plan: {
        planExports: { ...rate(documentCount, planMs), jobs: pureJobs, jobsPerSecond: Math.round((pureJobs / Math.max(planMs, 0.001)) * 1000) },
        planStep: rate(documentCount, planStepMs),
        postings: jobCount - ensure,
        ensure,
        byKind,
      },
      enqueue: rate(jobCount, enqueueMs),
      resolve: rate(resolved.length, resolveMs),
      drain: {
        drains,
        result: total,
        outbox: ledger.outbox.counts(),
        creates: created,
        byEntity,
        requests: after.requests - before.requests,
        batchRequests: after.batchRequests - before.batchRequests,
        throttled: after.throttled - before.throttled,
        maxInFlight: after.maxInFlight,
        meteredReadsWarmup: before.meteredReads,
        meteredReadsDrain: after.meteredReads - before.meteredReads,
        wallMs: round(wallMs),
        rate: drainRate,
        postingRate,
        cpuMsPerCreate: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, created)) * 1000) / 1000,
        shape: drainRate ? buckets(samples, drainRate.start, limits.windowMs / 2) : null,
        lostAnswers: connection.client.stats().networkErrors,
        duplicates,
        qboTransactions,
        postedTransactions,
      },
      memory: peak,
    };
  } finally {
    if (!peak) memory.stop();
    connection.close();
    ledger.close();
  }
}
