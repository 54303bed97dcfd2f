/**
 * What the benchmark runs: one time factor for everyone, the simulator's latency, the backlog shapes.
 * `full` is `npm run bench`; `toy` is the smoke test's (same code paths, seconds instead of minutes).
 */
import { QBO_LIMITS, scaledLimits, type QboLimits } from './measure/ceiling';
import type { BacklogShape } from './core/prepare-inputs';

export interface BenchConfig {
  /** QBO's limits run this many times faster: windowMs = 60,000 / factor; counts unchanged. */
  timeFactor: number;
  limits: QboLimits;
  /** Added by the simulator to every API request (ms of wall time). */
  simLatencyMs: number;
  /** Real-time and transaction backlogs: the practice store's document feed. */
  feed: BacklogShape;
  /** Batch backlog: the practice store's GL exports (IIF), one journal per store per day. */
  gl: BacklogShape;
  /** Whole windows the drain rate is measured over, from the first request. */
  maxWindows: number;
  timelineIntervalMs: number;
  peer: { concurrency: number; retryWaitMs: number };
  latency: { historyDays: number; samples: number; timeoutMs: number };
  local: { iifLines: number; runs: number; importRuns: number };
  /** POR files dropped into the inbox at once, and how many times (target: all imported <= 3 s after the last write). */
  inbox: { files: number; runs: number; timeoutMs: number };
  /** Share of write answers the lossy runs' line loses (the write ran in QBO; its answer never came). */
  lossRate: number;
}

export function benchConfig(kind: 'full' | 'toy', timeFactor = 10): BenchConfig {
  const limits = scaledLimits(timeFactor, QBO_LIMITS);
  const full = kind === 'full';
  return {
    timeFactor,
    limits,
    // 50 ms at factor 10 stands for 500 ms per request in real time.
    simLatencyMs: 50,
    // 8 stores: the practice QBO company keeps store 9's accounts inactive (a closed store).
    feed: full ? { stores: 8, days: 162 } : { stores: 2, days: 4 },
    gl: full ? { stores: 8, days: 1250 } : { stores: 2, days: 6 },
    maxWindows: 2,
    timelineIntervalMs: 5,
    peer: { concurrency: 10, retryWaitMs: Math.round(1000 / timeFactor) },
    latency: full ? { historyDays: 14, samples: 25, timeoutMs: 15_000 } : { historyDays: 2, samples: 2, timeoutMs: 15_000 },
    local: full ? { iifLines: 100_000, runs: 10, importRuns: 5 } : { iifLines: 2_000, runs: 2, importRuns: 1 },
    lossRate: 0.05,
    inbox: full ? { files: 50, runs: 3, timeoutMs: 30_000 } : { files: 10, runs: 1, timeoutMs: 30_000 },
  };
}
