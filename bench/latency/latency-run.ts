/**
 * Real-time mode, one document at a time: how long from a POR invoice handed to the runtime
 * (EnvironmentSession.importFiles on a one-invoice feed file that has just been written, what the CLI and the
 * inbox do once a file has settled) to QBO answering the create of its journal entry. The runtime runs
 * as shipped: its scheduler's trigger debounce, a full planStep over the ledger, then a drain. The
 * ledger first holds some history (a month of the practice stores, already posted), so planning has a
 * realistic amount to look at. Clock: this process's, from the call to the create's HTTP response.
 */
import { importPorFiles } from '../../main/core/use-cases/import-por-files';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectWithPastedCredentials } from '../../main/core/connection/paste-connect';
import { documentKey } from '../../main/core/por/document-identity';
import { readFeedText, writeFeed } from '../../main/core/por/feed';
import type { PorDocument } from '../../main/core/por/model';
import { RateLimiter } from '../../main/core/qbo/rate-limiter';
import { openEnvironmentSession } from '../../main/core/session/environment-session';
import { MemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../main/core/settings/settings-store';
import { activeDocuments } from '../../main/core/sync/engine/plan-step';
import { setupImportedPractice } from '../core/setup-ledger';
import type { QboLimits } from '../measure/ceiling';
import type { SimHandle } from '../sim/sim-handle';

export interface LatencyRunInput {
  workDir: string;
  sim: SimHandle;
  limits: QboLimits;
  /** Feed files already in the ledger before the measurement (posted first, not timed). */
  historyFiles: readonly string[];
  /** A feed file whose invoices arrive one by one. */
  arrivalsFile: string;
  samples: number;
  /** Give up on one document after this long (ms). */
  timeoutMs: number;
}

export interface LatencyRunResult {
  samples: number;
  timedOut: number;
  historyDocuments: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Per sample: ms from hand-over to the create's answer. */
  latenciesMs: number[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

export async function runLatency(input: LatencyRunInput): Promise<LatencyRunResult> {
  const { sim, limits } = input;
  const dataDir = join(input.workDir, 'data');
  const drop = join(input.workDir, 'arrivals');
  mkdirSync(drop, { recursive: true });
  const env = { PORQBO_QBO_BASE_URL: sim.info.baseUrl, PORQBO_OAUTH_TOKEN_URL: sim.info.tokenUrl, PORQBO_OAUTH_REVOKE_URL: sim.info.revokeUrl };
  const secrets = new MemorySecretStore();
  const limiter = new RateLimiter({
    maxPerWindow: limits.perMinute,
    maxBatchPerWindow: limits.batchPerMinute,
    maxInFlight: limits.concurrent,
    windowMs: limits.windowMs,
  });
  // When QBO answered each create (single or batch), on this process's clock.
  const createAnswers: number[] = [];
  const timedFetch: typeof fetch = async (url, init) => {
    const res = await fetch(url, init);
    if (init?.method === 'POST' && !String(url).includes('operation=')) createAnswers.push(performance.now());
    return res;
  };
  await connectWithPastedCredentials(
    'practice',
    { clientId: sim.info.clientId, clientSecret: sim.info.clientSecret, realmId: sim.info.realmId, refreshToken: sim.info.refreshToken },
    { dataDir, secrets, env, client: { limiter } },
  );
  const runtime = await openEnvironmentSession({
    connectEmbedded: true,
    dataDir,
    environment: 'practice',
    settings: openSettings(dataDir),
    secretStore: secrets,
    env,
    client: { limiter, fetch: timedFetch },
    actor: 'bench',
  });
  try {
    // History: imported, set up and posted before anything is timed.
    await importPorFiles(runtime, [...input.historyFiles]);
    const history = activeDocuments(runtime.ledger).map((d) => d.document);
    await setupImportedPractice(runtime.ledger, runtime.connection!, history, 'realtime');
    for (let i = 0; i < 20; i++) {
      await runtime.syncNow();
      const c = runtime.ledger.outbox.counts();
      if (c.queued + c.inFlight === 0) break;
    }
    const left = runtime.ledger.outbox.counts();
    if (left.queued + left.inFlight + left.failed > 0) throw new Error(`latency history did not post cleanly: ${JSON.stringify(left)}`);
    // The history used the whole request allowance: let one window pass so arrivals start unthrottled.
    await sleep(limits.windowMs + 50);
    runtime.settings.set('syncServicesOn', true);
    runtime.applySettings();
    runtime.start();

    const parsed = readFeedText(readFileSync(input.arrivalsFile, 'utf8'), 'arrivals.jsonl');
    const invoices = parsed.documents.filter((d): d is Extract<PorDocument, { type: 'invoice' }> => d.type === 'invoice').slice(0, input.samples);
    if (invoices.length < input.samples) throw new Error(`only ${invoices.length} invoices to deliver`);
    const latencies: number[] = [];
    let timedOut = 0;
    for (const [i, doc] of invoices.entries()) {
      const path = join(drop, `POR-feed-arrival-${String(i).padStart(3, '0')}.jsonl`);
      writeFileSync(path, writeFeed([doc as never]));
      const key = documentKey(doc);
      const answersBefore = createAnswers.length;
      const t0 = performance.now();
      await importPorFiles(runtime, [path]);
      let posted = false;
      while (performance.now() - t0 < input.timeoutMs) {
        const jobs = runtime.ledger.outbox.jobsForDocument(key);
        if (jobs.length > 0 && jobs.every((j) => j.status === 'posted')) {
          posted = true;
          break;
        }
        await sleep(5);
      }
      const answer = createAnswers.slice(answersBefore).pop();
      if (!posted || answer === undefined) timedOut++;
      else latencies.push(Math.round(answer - t0));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      samples: invoices.length,
      timedOut,
      historyDocuments: history.length,
      medianMs: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      minMs: sorted[0] ?? NaN,
      maxMs: sorted[sorted.length - 1] ?? NaN,
      latenciesMs: latencies,
    };
  } finally {
    await runtime.close();
  }
}
