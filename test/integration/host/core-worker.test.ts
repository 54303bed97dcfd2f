/**
 * The core in its worker thread, over the real protocol across a real Worker boundary: requests and their
 * envelopes, events, host capabilities answered by this thread, SQLite and the keychain inside the worker,
 * quit waiting for work in flight, and a dead worker started again (a bounded number of times).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeGlExport } from '../../../bench/import-iif';
import { CoreClient, type CoreClientOptions } from '../../../main/core/host/core-client';
import { CORE_RESOURCE_LIMITS } from '../../../main/core/host/core-heap';
import type { QboLogEntry } from '../../../main/core/qbo/qbo-log';
import type { EventChannel } from '../../../preload/contract';
import { sourceCoreWorker } from '../../harness/core-worker-source';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { makeTempDir } from '../../helpers/temp-dir';

let workerScript: CoreClientOptions['worker'];
beforeAll(async () => {
  workerScript = await sourceCoreWorker();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startClient(overrides: Partial<CoreClientOptions> & { secrets?: 'memory' | 'keychain'; dataDir?: string } = {}) {
  const dir = overrides.dataDir ? null : makeTempDir('porqbo-worker-');
  const dataDir = overrides.dataDir ?? dir!.path;
  const workers: Worker[] = [];
  const logged: QboLogEntry[] = [];
  const events: { event: EventChannel; payload: unknown }[] = [];
  const calls: string[] = [];
  const client = new CoreClient({
    worker: workerScript,
    init: { dataDir, host: 'harness', version: '9.9.9', secrets: overrides.secrets ?? 'memory', defaultInboxDir: join(dataDir, 'inbox'), watchInbox: true },
    log: (entry) => logged.push(entry),
    capabilities: {
      openExternal: async (url) => {
        calls.push(`openExternal ${url}`);
        return true;
      },
      openPath: async (path) => {
        calls.push(`openPath ${path}`);
        return null;
      },
      setStartAtLogin: (enabled) => calls.push(`setStartAtLogin ${enabled}`),
    },
    createWorker: (file: URL | string, options: WorkerOptions) => {
      const worker = new Worker(file, options);
      workers.push(worker);
      return worker;
    },
    restartDelayMs: 50,
    ...overrides,
  });
  client.subscribe((event, payload) => events.push({ event, payload }));
  cleanups.push(async () => {
    await client.dispose();
    dir?.remove();
  });
  return { client, dataDir, workers, logged, events, calls };
}

async function until(check: () => boolean, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the core in a worker thread', () => {
  it('serves requests, sends events and asks this thread for host capabilities', async () => {
    const { client, dataDir, events, calls, workers } = startClient();
    const started = await client.started();
    expect(started.status.environment).toBe('practice');
    // The worker runs with the core's heap bounds (core-heap.ts), as in the app.
    expect(workers[0]!.resourceLimits).toMatchObject(CORE_RESOURCE_LIMITS);
    expect(started.startAtLogin).toBe(false);
    await client.ready();

    const info = await client.dispatch('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'harness', version: '9.9.9', dataDir } });
    // Refused by the core's own validation, across the boundary, with its code.
    expect(await client.dispatch('no:such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await client.dispatch('env:set', { environment: 'production' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    // A setting change: the login item is applied by this thread, and the change comes back as an event.
    const set = await client.dispatch('settings:set', { startAtLogin: true });
    expect(set).toMatchObject({ ok: true, value: { startAtLogin: true, startAtLoginSupported: true } });
    await until(() => calls.includes('setStartAtLogin true'), 'the login item call');
    await until(() => events.some((e) => e.event === 'data:changed' && JSON.stringify(e.payload).includes('settings')), 'data:changed');
    // Settings live in the plain conf file the CLI reads: same file, same schema.
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ startAtLogin: true });

    // "Open log": the path goes to this thread's openPath.
    const opened = await client.dispatch('app:open-log', {});
    expect(opened).toMatchObject({ ok: true, value: { ok: true } });
    expect(calls.some((c) => c.startsWith('openPath ') && c.endsWith('por-qbo.log'))).toBe(true);
  });

  it('imports into SQLite inside the worker, and quitting waits for that work in flight', async () => {
    const { client, dataDir, workers } = startClient();
    await client.started();
    await client.ready();
    mkdirSync(join(dataDir, 'inbox'), { recursive: true });
    writeFileSync(join(dataDir, 'inbox', 'PR260105.iif'), makeGlExport(20_000, 1).text);
    // The scan is posted before the dispose on the same ordered port: it is in flight when dispose arrives.
    const scan = client.dispatch('inbox:scan', {});
    const disposed = client.dispose();
    const envelope = await scan;
    expect(envelope).toMatchObject({ ok: true });
    expect((envelope as { value: { documents: number } }).value.documents).toBeGreaterThan(1000);
    await disposed;
    await until(() => workers[0]!.threadId === -1, 'the worker to end');
    // After dispose nothing is served, and nothing is queued for later.
    expect(await client.dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'shutting-down' } });
  });

  it('starts a worker that died again; the request it held is answered, not resent', async () => {
    const { client, workers, logged, events } = startClient();
    await client.started();
    await client.ready();
    const inFlight = client.dispatch('dashboard:get', {});
    await workers[0]!.terminate();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'core-restarting' } });
    // The tray and window learn the engine is down, in the one status they follow.
    expect(events.some((e) => e.event === 'status:changed' && (e.payload as { state: string }).state === 'error')).toBe(true);
    await until(() => workers.length === 2 && client.starts === 2, 'the restart');
    await until(() => client.status()?.state !== 'error', 'the restarted core to publish its status');
    expect(await client.dispatch('app:info', {})).toMatchObject({ ok: true, value: { host: 'harness' } });
    expect(logged.map((e) => e.event)).toEqual(expect.arrayContaining(['core.worker-exited', 'core.worker-restarted']));
  });

  it('gives up after the bounded number of restarts and says so', async () => {
    const { client, workers, logged } = startClient({ maxRestarts: 1 });
    await client.started();
    await workers[0]!.terminate();
    await until(() => workers.length === 2, 'the one restart');
    await until(() => client.status()?.state !== 'error', 'the restarted core');
    await workers[1]!.terminate();
    await until(() => logged.some((e) => e.event === 'core.worker-gave-up'), 'giving up');
    expect(workers).toHaveLength(2);
    expect(await client.dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'core-stopped' } });
    expect(client.status()).toMatchObject({ state: 'error' });
  });

  // Four workers, the practice simulator and the keychain: slow on a loaded machine.
  it('reports an engine that never starts instead of waiting forever', async () => {
    const { client, workers, logged } = startClient({ maxRestarts: 1, worker: { file: new URL('./no-such-worker.js', import.meta.url) } });
    await expect(client.started()).rejects.toThrow(/could not be started again/);
    expect(workers).toHaveLength(2);
    expect(logged.map((e) => e.event)).toEqual(expect.arrayContaining(['core.worker-error', 'core.worker-exited', 'core.worker-gave-up']));
    expect(await client.dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'core-stopped' } });
  });

  it.skipIf(!HAS_TEST_KEYRING)(
    'keeps the connection in the OS keychain from inside the worker (keytar loads in a worker thread)',
    { timeout: 120_000 },
    async () => {
      const dir = makeTempDir('porqbo-worker-keychain-');
      cleanups.push(() => dir.remove());
      const first = startClient({ secrets: 'keychain', dataDir: dir.path });
      await first.client.ready();
      expect(await first.client.dispatch('connection:practice', {})).toMatchObject({ ok: true, value: { connected: true } });
      await first.client.dispose();
      // New workers (new threads, memory gone) find the connection: it was written to the keychain. On Linux
      // the third load of libsecret in a fresh thread used to hang unless the client pins it (core-client.ts).
      for (let i = 0; i < 3; i++) {
        const next = startClient({ secrets: 'keychain', dataDir: dir.path });
        await next.client.ready();
        expect(await next.client.dispatch('connection:get', {})).toMatchObject({ ok: true, value: { info: { connected: true } } });
        await next.client.dispose();
      }
    },
  );
});
