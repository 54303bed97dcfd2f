/**
 * `npm run bench`: the whole benchmark in one run (a few minutes on 2 cores). Writes bench/results.json
 * and bench/results.md and prints the table. Options:
 *   --factor N   time factor for QBO's limits (default 10; the same for every client in the run)
 *   --toy        smoke-test sizes (seconds, numbers meaningless; writes no files)
 *   --readme     also put the table into README.md between the bench markers
 *   --keep       keep the work folder (ledgers, inputs) for a look afterwards
 *   --scale      instead: the scale benchmark (10k, 100k, 1M documents; bench/scale/scale.ts), written to
 *                bench/results-scale.json and the scale section of bench/results.md (the rest kept)
 *   --sizes A,B  with --scale: other sizes (documents), e.g. --sizes 10000,100000
 *   --merge      with --scale: add these sizes to those in bench/results-scale.json (the 1M size alone, later)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchConfig } from './bench-config';
import { childProcessExecutor } from './executor';
import { mainThreadDelayInChild, renderMainThreadDelay } from './main-thread-delay';
import { renderMarkdown } from './report';
import { runSuite } from './suite';
import { loadNow, machineInfo } from './measure/machine';
import { DEFAULT_SCALE_SIZES, mergeScale, runScaleSuite, type ScaleResults } from './scale/scale';
import { renderScale, scaleSectionOf, withScaleSection } from './scale/scale-report';

/** The 1 GB feed file's section (bench/large-file-import.ts writes it, between these markers). */
function largeFileSectionOf(markdown: string): string | null {
  const a = markdown.indexOf('<!-- large-file:start -->');
  const b = markdown.indexOf('<!-- large-file:end -->');
  return a >= 0 && b > a ? markdown.slice(a, b + '<!-- large-file:end -->'.length) : null;
}

const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      factor: { type: 'string' },
      toy: { type: 'boolean' },
      readme: { type: 'boolean' },
      keep: { type: 'boolean' },
      scale: { type: 'boolean' },
      sizes: { type: 'string' },
      merge: { type: 'boolean' },
    },
  });
  const factor = values.factor ? Number(values.factor) : 10;
  if (!(factor >= 1)) throw new Error('--factor must be a number >= 1');
  if (values.scale) return scale(factor, values.sizes, values.keep === true, values.merge === true);
  const config = benchConfig(values.toy ? 'toy' : 'full', factor);
  const workDir = mkdtempSync(join(tmpdir(), 'porqbo-bench-'));
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  try {
    const results = await runSuite(config, childProcessExecutor(), { workDir, log });
    // The main thread's event-loop delay while the core (in its worker) imports 100,000 lines, and before.
    log('main-thread delay during a 100,000-line import (core in its worker, then on the main thread)');
    const mainThreadDelay = mainThreadDelayInChild(values.toy ? ['--lines', '10000', '--runs', '1'] : []);
    const here = new URL('.', import.meta.url).pathname;
    const markdown = `${renderMarkdown(results)}\n\n${renderMainThreadDelay(mainThreadDelay)}\n`;
    if (!values.toy) {
      writeFileSync(join(here, 'results.json'), `${JSON.stringify({ ...results, mainThreadDelay }, null, 2)}\n`);
      // Sections measured on their own (--scale, the 1 GB feed file) are kept.
      const previous = existsSync(join(here, 'results.md')) ? readFileSync(join(here, 'results.md'), 'utf8') : '';
      const kept = [scaleSectionOf(previous), largeFileSectionOf(previous)].filter((x): x is string => !!x);
      writeFileSync(join(here, 'results.md'), `# Benchmark results\n\n${markdown}${kept.map((k) => `\n\n${k}\n`).join('')}`);
    }
    if (values.readme && !values.toy) {
      const readmePath = join(here, '..', 'README.md');
      const readme = readFileSync(readmePath, 'utf8');
      const a = readme.indexOf(README_START);
      const b = readme.indexOf(README_END);
      if (a < 0 || b < a) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
      writeFileSync(readmePath, `${readme.slice(0, a + README_START.length)}\n${markdown}\n${readme.slice(b)}`);
    }
    console.log(`\n${markdown}`);
    if (!values.toy) console.log(`wrote bench/results.json and bench/results.md${values.readme ? ' and README.md' : ''}`);
    return 0;
  } finally {
    if (values.keep) console.log(`work folder kept: ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

async function scale(factor: number, sizesText: string | undefined, keep: boolean, merge: boolean): Promise<number> {
  const sizes = sizesText ? sizesText.split(',').map((x) => Number(x.trim())) : DEFAULT_SCALE_SIZES;
  if (sizes.some((x) => !(x >= 1000))) throw new Error('--sizes takes document counts >= 1000, comma-separated');
  const workDir = mkdtempSync(join(tmpdir(), 'porqbo-scale-'));
  const started = performance.now();
  const load = loadNow();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  try {
    const here = new URL('.', import.meta.url).pathname;
    const jsonPath = join(here, 'results-scale.json');
    const earlier = merge && existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as ScaleResults) : null;
    const measured = await runScaleSuite({
      sizes,
      factor,
      workDir,
      log,
      iifMillion: sizes.includes(1_000_000),
    });
    const results = earlier ? mergeScale(earlier, measured) : measured;
    const m = machineInfo(load);
    const section = renderScale(results, {
      machine: `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, Node ${m.node} (${m.os})`,
      at: `${new Date().toISOString()}, ${Math.round((performance.now() - started) / 1000)} s in all`,
      load: `load average ${m.loadAtStart} at the start, ${m.loadAtEnd} at the end`,
    });
    writeFileSync(jsonPath, `${JSON.stringify({ machine: m, ...results }, null, 2)}\n`);
    const md = join(here, 'results.md');
    writeFileSync(md, withScaleSection(existsSync(md) ? readFileSync(md, 'utf8') : '# Benchmark results\n', section));
    console.log(`\n${section}\nwrote bench/results-scale.json and the scale section of bench/results.md`);
    return 0;
  } finally {
    if (keep) console.log(`work folder kept: ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
