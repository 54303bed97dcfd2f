/**
 * `npm run bench`: the whole benchmark in one run (a few minutes on 2 cores). Writes bench/results.json
 * and bench/results.md and prints the table. Options:
 *   --factor N   time factor for QBO's limits (default 10; the same for every client in the run)
 *   --toy        smoke-test sizes (seconds, numbers meaningless; writes no files)
 *   --readme     also put the table into README.md between the bench markers
 *   --keep       keep the work folder (ledgers, inputs) for a look afterwards
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchConfig } from './bench-config';
import { childProcessExecutor } from './executor';
import { mainThreadDelayInChild, renderMainThreadDelay } from './main-thread-delay';
import { renderMarkdown } from './report';
import { runSuite } from './suite';

const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { factor: { type: 'string' }, toy: { type: 'boolean' }, readme: { type: 'boolean' }, keep: { type: 'boolean' } },
  });
  const factor = values.factor ? Number(values.factor) : 10;
  if (!(factor >= 1)) throw new Error('--factor must be a number >= 1');
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
      writeFileSync(join(here, 'results.md'), `# Benchmark results\n\n${markdown}`);
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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
