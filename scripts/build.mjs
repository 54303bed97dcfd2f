// Builds the three outputs without the Electron binary: dist/main (ESM: the shell and the core's worker), dist/preload (one CJS file,
// works with sandbox: true), dist/renderer (Vite), plus the plain-Node CLI (dist/cli.mjs).
// `--renderer-only` builds just the renderer (the browser harness).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererOnly = process.argv.includes('--renderer-only');

async function buildNode() {
  rmSync(`${root}dist/main`, { recursive: true, force: true });
  rmSync(`${root}dist/preload`, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.js', format: 'esm', target: 'node22', packages: 'external' }),
    // The core runs in a worker thread of the main process (main/core/host): its own bundle, no electron.
    esbuild({
      ...common,
      entryPoints: ['main/core/host/core-worker.ts'],
      outfile: 'dist/main/core-worker.js',
      format: 'esm',
      target: 'node22',
      packages: 'external',
    }),
    // A big GL export is read on a thread of its own (main/core/inbox/iif-preparation.ts): its script sits
    // beside each bundle that imports (the core's worker here, the CLI below).
    ...['dist/main/iif-prepare-worker.js', 'dist/iif-prepare-worker.js'].map((outfile) =>
      esbuild({ ...common, entryPoints: ['main/core/inbox/iif-prepare-worker.ts'], outfile, format: 'esm', target: 'node20', packages: 'external' }),
    ),
    // Sandboxed preloads cannot load modules: bundle everything except electron into one CJS file.
    esbuild({
      ...common,
      entryPoints: ['preload/index.ts'],
      outfile: 'dist/preload/index.cjs',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      minify: true,
    }),
    esbuild({ ...common, entryPoints: ['main/cli.ts'], outfile: 'dist/cli.mjs', format: 'esm', target: 'node20', packages: 'external' }),
  ]);
  chmodSync(`${root}dist/cli.mjs`, 0o755);
}

async function buildRenderer() {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}

await Promise.all([rendererOnly ? null : buildNode(), buildRenderer()]);
console.log(rendererOnly ? 'built dist/renderer' : 'built dist/main, dist/preload, dist/renderer, dist/cli.mjs');
