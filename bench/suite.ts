/**
 * The whole benchmark in one run: inputs prepared once, then the readers, the three modes drained by
 * our engine, node-quickbooks pushing the real-time backlog against the same simulator and limits, and
 * the real-time latency. Every figure that is compared is a ratio taken within this one run.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchConfig } from './bench-config';
import type { CoreRunResult } from './core/core-run';
import { prepareInputs, type PreparedInputs } from './core/prepare-inputs';
import type { Executor } from './executor';
import type { InboxLatencyResult } from './inbox/inbox-latency';
import type { LatencyRunResult } from './latency/latency-run';
import type { LocalPipelineResult } from './local/local-pipeline';
import { ceilings, type Ceilings } from './measure/ceiling';
import { loadNow, machineInfo, type MachineInfo } from './measure/machine';
import { runPeer, type PeerBody, type PeerRunResult } from './peer/peer-run';
import type { SimStartOptions } from './sim/sim-handle';

export type Mode = 'batch' | 'realtime' | 'transaction';
export const MODES: readonly Mode[] = ['batch', 'realtime', 'transaction'];

export interface ModeSummary {
  /** Documents created per unscaled QBO minute over whole windows from the first request. */
  docsPerMinute: number;
  /** docsPerMinute / the strict ceiling (3,980 at QBO's limits). */
  fractionOfCeiling: number;
  /** docsPerMinute / the batch-only ceiling (3,600), the formula. */
  fractionOfBatchOnlyCeiling: number;
  /** The same from the first posting request (after classes, customers and items exist). */
  postingDocsPerMinute: number | null;
  postingFractionOfCeiling: number | null;
  /** docsPerMinute / node-quickbooks' docs per minute. */
  vsPeer: number | null;
  /** Metered reads during the drain per document created (the warm-up's reads not counted). */
  readsPerDocument: number;
  /** The engine's CPU per document, and what the scaled ceiling asks of one core at that cost. */
  cpuMsPerDocument: number;
  cpuDemandAtScaledCeiling: number;
}

export interface BenchResults {
  generatedAt: string;
  where: Executor['where'];
  machine: MachineInfo;
  config: BenchConfig;
  ceilings: Ceilings;
  inputs: { feed: Omit<PreparedInputs, 'files' | 'dir'> & { files: number }; gl: Omit<PreparedInputs, 'files' | 'dir'> & { files: number } };
  local: LocalPipelineResult;
  modes: Record<Mode, CoreRunResult>;
  /** The same backlogs through a line that loses some write answers, against the field-reports profile. */
  lossy: Record<Mode, CoreRunResult>;
  peer: PeerRunResult & { backlog: string };
  latency: LatencyRunResult & { simLatencyMs: number };
  /** N POR files dropped into the inbox at once until all are imported. */
  inbox: InboxLatencyResult;
  summary: Record<Mode, ModeSummary> & { peerDocsPerMinute: number; peerFractionOfItsCeiling: number; lossy: Record<Mode, ModeSummary> };
  totalMs: number;
}

export interface SuiteOptions {
  workDir: string;
  log?: (line: string) => void;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function brief(p: PreparedInputs): Omit<PreparedInputs, 'files' | 'dir'> & { files: number } {
  return { files: p.files.length, summary: p.summary, ms: Math.round(p.ms) };
}

export async function runSuite(config: BenchConfig, executor: Executor, options: SuiteOptions): Promise<BenchResults> {
  const t0 = performance.now();
  const loadAtStart = loadNow();
  const log = options.log ?? (() => {});
  const dir = (name: string): string => {
    const d = join(options.workDir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const simOptions: SimStartOptions = { limits: { ...config.limits }, knobs: { latencyMs: config.simLatencyMs }, seed: 1 };
  const ceiling = ceilings(config.limits);
  const coreInput = { limits: config.limits, timelineIntervalMs: config.timelineIntervalMs, maxWindows: config.maxWindows };

  log(`preparing inputs: feed ${config.feed.stores} stores x ${config.feed.days} days, GL ${config.gl.stores} stores x ${config.gl.days} days`);
  const feed = await prepareInputs(dir('inputs-feed'), 'feed', config.feed);
  const gl = await prepareInputs(dir('inputs-gl'), 'iif', config.gl);

  try {
    log('readers: IIF and feed parse rates, 100,000-line IIF import');
    const local = await executor.local({
      workDir: dir('local'),
      iifLines: config.local.iifLines,
      feedFiles: feed.files,
      runs: config.local.runs,
      importRuns: config.local.importRuns,
    });

    const modes = {} as Record<Mode, CoreRunResult>;
    let peer: BenchResults['peer'] | null = null;
    for (const mode of MODES) {
      log(`${mode}: import, plan and drain through the engine`);
      const sim = await executor.startSim(simOptions);
      try {
        const peerBodiesFile = mode === 'realtime' ? join(dir('peer'), 'bodies.json') : null;
        modes[mode] = await executor.core(
          { ...coreInput, mode, files: mode === 'batch' ? gl.files : feed.files, workDir: dir(`core-${mode}`), peerBodiesFile },
          sim,
        );
        if (peerBodiesFile) {
          log('node-quickbooks: the same real-time backlog, one create per request');
          const bodies = JSON.parse(readFileSync(peerBodiesFile, 'utf8')) as PeerBody[];
          // Same simulator, same limits; its DocNumbers are already there (our drain), so no duplicate check,
          // and one full window of quiet first so it starts with the whole allowance, as our drain did.
          await sim.setKnobs({ duplicateDocNumberCheck: false });
          await sleep(config.limits.windowMs + 100);
          const result = await runPeer({
            sim,
            bodies,
            limits: config.limits,
            concurrency: config.peer.concurrency,
            retryWaitMs: config.peer.retryWaitMs,
            timelineIntervalMs: config.timelineIntervalMs,
          });
          peer = { ...result, backlog: 'real-time journal entries' };
        }
      } finally {
        await sim.close();
      }
    }

    // Exactly once when QBO keeps none of its uncertain promises and the line loses answers.
    const lossy = {} as Record<Mode, CoreRunResult>;
    for (const mode of MODES) {
      log(`${mode}, field-reports profile, ${config.lossRate * 100}% of write answers lost: import, plan and drain`);
      const sim = await executor.startSim({ ...simOptions, profile: 'field-reports' });
      try {
        lossy[mode] = await executor.core(
          {
            ...coreInput,
            mode,
            files: mode === 'batch' ? gl.files : feed.files,
            workDir: dir(`lossy-${mode}`),
            peerBodiesFile: null,
            lossDuringDrain: config.lossRate,
          },
          sim,
        );
      } finally {
        await sim.close();
      }
    }

    log('latency: real-time documents handed to the runtime one by one');
    const latencySim = await executor.startSim(simOptions);
    let latency: LatencyRunResult;
    try {
      latency = await executor.latency(
        {
          workDir: dir('latency'),
          limits: config.limits,
          historyFiles: feed.files.slice(0, config.latency.historyDays),
          arrivalsFile: feed.files[config.latency.historyDays]!,
          samples: config.latency.samples,
          timeoutMs: config.latency.timeoutMs,
        },
        latencySim,
      );
    } finally {
      await latencySim.close();
    }

    log(`inbox: ${config.inbox.files} POR files dropped at once, until all are imported`);
    const inbox = await executor.inbox({
      workDir: dir('inbox'),
      files: gl.files.slice(0, config.inbox.files),
      count: config.inbox.files,
      runs: config.inbox.runs,
      timeoutMs: config.inbox.timeoutMs,
    });

    const peerResult = peer!;
    const peerRate = peerResult.rate?.perQboMinute ?? 0;
    const perSecondAtCeiling = (ceiling.strict * config.timeFactor) / 60;
    const summarize = (r: CoreRunResult): ModeSummary => {
      const rate = r.drain.rate?.perQboMinute ?? 0;
      const posting = r.drain.postingRate?.perQboMinute ?? null;
      return {
        docsPerMinute: Math.round(rate),
        fractionOfCeiling: r3(rate / ceiling.strict),
        fractionOfBatchOnlyCeiling: r3(rate / ceiling.batchOnly),
        postingDocsPerMinute: posting === null ? null : Math.round(posting),
        postingFractionOfCeiling: posting === null ? null : r3(posting / ceiling.strict),
        vsPeer: peerRate > 0 ? r3(rate / peerRate) : null,
        readsPerDocument: r3(r.drain.meteredReadsDrain / Math.max(1, r.drain.creates)),
        cpuMsPerDocument: r.drain.cpuMsPerCreate,
        cpuDemandAtScaledCeiling: r3((r.drain.cpuMsPerCreate * perSecondAtCeiling) / 1000),
      };
    };
    return {
      generatedAt: new Date().toISOString(),
      where: executor.where,
      machine: machineInfo(loadAtStart),
      config,
      ceilings: ceiling,
      inputs: { feed: brief(feed), gl: brief(gl) },
      local,
      modes,
      lossy,
      peer: peerResult,
      latency: { ...latency, simLatencyMs: config.simLatencyMs },
      inbox,
      summary: {
        batch: summarize(modes.batch),
        realtime: summarize(modes.realtime),
        transaction: summarize(modes.transaction),
        peerDocsPerMinute: Math.round(peerRate),
        peerFractionOfItsCeiling: r3(peerRate / ceiling.singles),
        lossy: { batch: summarize(lossy.batch), realtime: summarize(lossy.realtime), transaction: summarize(lossy.transaction) },
      },
      totalMs: Math.round(performance.now() - t0),
    };
  } finally {
    await executor.close();
  }
}
