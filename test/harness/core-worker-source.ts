/**
 * The core's worker for the harness, tests and the bench, built from source the way scripts/build.mjs
 * builds dist/main/core-worker.js (one esbuild bundle, packages external). Compiling TypeScript inside
 * each new worker instead costs seconds per start on a loaded machine. The file is named by its content,
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
  const result = await build({
    entryPoints: [join(ROOT, 'main/core/host/core-worker.ts')],
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
  const file = join(dir, `core-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return { file: pathToFileURL(file) };
}
