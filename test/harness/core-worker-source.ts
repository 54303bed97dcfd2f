/**
 * The core's worker (and the GL export's preparing thread) for the harness, tests and the bench, built from
 * source the way scripts/build.mjs builds dist/main/core-worker.js (one esbuild bundle, packages external).
 * Compiling TypeScript inside each new worker instead costs seconds per start on a loaded machine. The file is named by its content,
 * so parallel test files share it and never see one half-written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { CoreClientOptions } from '../../main/core/host/core-client';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function sourceCoreWorker(): Promise<CoreClientOptions['worker']> {
  return { file: await sourceWorker('main/core/host/core-worker.ts', 'core-worker') };
}

/** The GL export's preparing thread (dist/main/iif-prepare-worker.js), for useIifPrepareWorker(). */
export function sourceIifPrepareWorker(): Promise<URL> {
  return sourceWorker('main/core/inbox/iif-prepare-worker.ts', 'iif-prepare-worker');
}

/** The same with a fault after some batches (test/harness/faulty-iif-preparer.ts); give it `fault` in useIifPrepareWorker's workerData. */
export function sourceFaultyIifPreparer(): Promise<URL> {
  return sourceWorker('test/harness/faulty-iif-preparer.ts', 'faulty-iif-preparer');
}

async function sourceWorker(entry: string, name: string): Promise<URL> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  const code = result.outputFiles[0]!.contents;
  // Inside the repository, so its packages resolve from node_modules like dist/main's do.
  const dir = join(ROOT, 'dist', 'test-workers');
  const file = join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}
