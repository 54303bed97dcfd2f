/**
 * Forks a TypeScript entry built first into one ESM file under dist/bench/, with the options the app's core
 * worker is built with (scripts/build.mjs), and run by plain node: the measured process runs the code as the
 * app does, without tsx (whose in-process transform and source maps cost it 30-60 MB of RSS).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function forkBuilt(entry: string, execArgv: readonly string[] = []): ChildProcess {
  const outfile = join(ROOT, 'dist', 'bench', basename(entry).replace(/\.ts$/, '.mjs'));
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  return fork(outfile, [], { execArgv: [...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
