/**
 * Forks a TypeScript entry built first into one ESM file under dist/bench/, with the options the app's core
 * worker is built with (scripts/build.mjs), and run by plain node: the measured process runs the code as the
 * app does, without tsx (whose in-process transform and source maps cost it 30-60 MB of RSS).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
  // Started through a one-line launcher: bundled, a module's "run me when I am the entry" check (import.meta.url
  // against argv[1], e.g. bench/import-iif.ts) would see the bundle as its own file and run its benchmark here.
  const launcher = outfile.replace(/\.mjs$/, '.launch.mjs');
  writeFileSync(launcher, `import './${basename(outfile)}';\n`);
  return fork(launcher, [], { execArgv: [...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
