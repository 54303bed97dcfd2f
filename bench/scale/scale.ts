/**
 * `npm run bench -- --scale`: how cost grows with the ledger. For each size (10k, 100k, 1M documents by
 * default; `--sizes 10000,100000`), the chain's feed is generated outside the measured process, then one
 * fresh process imports, plans, drains a sample against the simulator at its ceiling and times the screens'
 * queries (scale-run.ts). Growth exponents between sizes: log(cost ratio) / log(size ratio), 1 = linear.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scaledLimits, type QboLimits } from '../measure/ceiling';
import { benchImportIif } from '../import-iif';
import { runInChild } from '../proc/child-task';
import type { RemoteSim, SimHost } from '../sim/remote-sim';
import { startSimHost } from '../sim/remote-sim';
import type { ScaleRunResult } from './scale-run';
import { SCALE_STORES, writeScaleInputs, type ScaleShape } from './scale-inputs';

export const DEFAULT_SCALE_SIZES = [10_000, 100_000, 1_000_000];

export interface ScaleSizeResult extends ScaleRunResult {
  target: number;
  shape: ScaleShape;
  feedFiles: number;
  generateMs: number;
}

export interface ScaleResults {
  factor: number;
  limits: QboLimits;
  drainSample: number;
  sizes: ScaleSizeResult[];
  /** A 1,000,000-line GL export (IIF) imported into a fresh ledger (bench/import-iif.ts): median of IIF_MILLION_RUNS after a warm-up, and each run. */
  iifMillion?: { lines: number; journals: number; ms: number; cpuMs: number; runsMs?: number[] } | null;
  /** Between consecutive sizes: exponent of import and plan time (and peak RSS) against documents. */
  growth: {
    from: number;
    to: number;
    importExp: number;
    planExp: number;
    /** The same on CPU time: the work's growth, whatever else shared the machine. */
    importCpuExp?: number;
    planCpuExp?: number;
    rssExp: number;
    drainCpuExp: number;
  }[];
}

const exponent = (a: number, b: number, na: number, nb: number) => Math.round((Math.log(b / a) / Math.log(nb / na)) * 100) / 100;

export async function runScaleSuite(options: {
  sizes: number[];
  factor: number;
  workDir: string;
  log: (line: string) => void;
  drainSample?: number;
  iifMillion?: boolean;
}): Promise<ScaleResults> {
  const limits = scaledLimits(options.factor);
  const drainSample = options.drainSample ?? 3000;
  const host: SimHost = startSimHost();
  const sizes: ScaleSizeResult[] = [];
  try {
    for (const target of options.sizes) {
      const dir = join(options.workDir, `scale-${target}`);
      mkdirSync(dir, { recursive: true });
      options.log(`scale ${target.toLocaleString('en-US')}: generating the feed`);
      const inputs = writeScaleInputs(join(dir, 'inputs'), target);
      options.log(
        `scale ${target.toLocaleString('en-US')}: ${inputs.documents.toLocaleString('en-US')} documents in ${inputs.files.length} files (${inputs.shape.days} days x ${inputs.shape.layers} layers, ${Math.round(inputs.ms / 1000)} s); measuring`,
      );
      const sim = (await host.start({ limits: { ...limits }, knobs: { latencyMs: 50 }, seed: 1 })) as RemoteSim;
      const result = await runInChild<ScaleRunResult>(
        'scale',
        {
          files: inputs.files,
          workDir: join(dir, 'data'),
          limits,
          stores: SCALE_STORES,
          mode: 'realtime',
          drainSample,
          repeats: 30,
        },
        { host, sim },
      );
      sizes.push({ ...result, target, shape: inputs.shape, feedFiles: inputs.files.length, generateMs: Math.round(inputs.ms) });
      options.log(
        `scale ${target.toLocaleString('en-US')}: import ${Math.round(result.importMs)} ms, plan ${Math.round(result.planMs)} ms, peak RSS ${result.rssMb.queries} MB`,
      );
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await host.exit();
  }
  let iifMillion: ScaleResults['iifMillion'] = null;
  if (options.iifMillion) {
    options.log('1,000,000 IIF lines: importing');
    const r = await benchImportIif({ lines: 1_000_000, runs: IIF_MILLION_RUNS });
    iifMillion = { lines: r.lines, journals: r.journals, ms: r.firstImport.medianMs, cpuMs: r.firstImport.medianCpuMs, runsMs: r.firstImport.runsMs };
  }
  return { factor: options.factor, limits, drainSample, sizes, growth: growthOf(sizes), iifMillion };
}

/** Sizes measured in two runs as one result (a size measured again replaces the earlier one). */
/** Runs of the 1,000,000-line import whose median is reported: one run alone moves by +-0.3 s on a shared machine. */
const IIF_MILLION_RUNS = 5;

export function mergeScale(earlier: ScaleResults, later: ScaleResults): ScaleResults {
  const byTarget = new Map(earlier.sizes.map((s) => [s.target, s]));
  for (const s of later.sizes) byTarget.set(s.target, s);
  const sizes = [...byTarget.values()].sort((a, b) => a.target - b.target);
  return { ...later, sizes, growth: growthOf(sizes), iifMillion: later.iifMillion ?? earlier.iifMillion ?? null };
}

export function growthOf(sizes: readonly ScaleSizeResult[]): ScaleResults['growth'] {
  const growth = [];
  for (let i = 1; i < sizes.length; i++) {
    const a = sizes[i - 1]!;
    const b = sizes[i]!;
    growth.push({
      from: a.documents,
      to: b.documents,
      importExp: exponent(a.importMs, b.importMs, a.documents, b.documents),
      planExp: exponent(a.planMs, b.planMs, a.documents, b.documents),
      importCpuExp: exponent(a.importCpuMs, b.importCpuMs, a.documents, b.documents),
      planCpuExp: exponent(a.planCpuMs, b.planCpuMs, a.documents, b.documents),
      rssExp: exponent(a.rssMb.queries, b.rssMb.queries, a.documents, b.documents),
      drainCpuExp: exponent(a.drain.cpuMsPerDoc, b.drain.cpuMsPerDoc, a.documents, b.documents),
    });
  }
  return growth;
}
