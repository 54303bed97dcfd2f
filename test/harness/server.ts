/**
 * Serves the built renderer on 127.0.0.1 with a browser implementation of the contract, backed by the
 * real core: Playwright drives the real UI against the real core in real Chromium. Not shipped.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { EventChannel } from '../../preload/contract';
import type { Envelope } from '../../preload/raw-bridge';
import type { HostCapabilities } from '../../main/core/app/app-context';
import { createAppCore, type AppCore } from '../../main/core/app/app-core';
import { CoreClient } from '../../main/core/host/core-client';
import { openFileLog } from '../../main/core/log/file-log';
import { openSettings } from '../../main/core/settings/settings-store';
import { MemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import type { SecretStore } from '../../main/core/secrets/secret-store';
import { isAllowedExternalUrl } from '../../main/core/security/external-links';
import { sourceCoreWorker } from './core-worker-source';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface Harness {
  url: string;
  core: AppCore;
  /** URLs the app asked the system browser to open (the harness records instead of opening). */
  opened: string[];
  /** Local files the app asked the system to open (the log); recorded, never opened. */
  openedPaths: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataDir: string;
  port?: number;
  rendererDir?: string;
  /** Keychain stand-in; default: in memory (the harness is a test and development tool). */
  secrets?: SecretStore;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const opened: string[] = [];
  const openedPaths: string[] = [];
  const core = createAppCore({
    dataDir: options.dataDir,
    settings: openSettings(options.dataDir),
    host: 'harness',
    version: '0.1.0',
    secrets: options.secrets ?? new MemorySecretStore(),
    capabilities: recordingCapabilities(opened, openedPaths),
    defaultInboxDir: join(options.dataDir, 'inbox'),
  });
  await core.ready();
  const server = await serveBridge({ dispatch: core.dispatch, subscribe: (listener) => core.hub.subscribe(listener) }, options);
  const close = async () => {
    await server.close();
    await core.dispose();
  };
  return { url: server.url, core, opened, openedPaths, close };
}

export interface WorkerHarness {
  url: string;
  /** The same client the desktop app's main thread uses, over the same protocol to the core's worker. */
  client: CoreClient;
  opened: string[];
  openedPaths: string[];
  close(): Promise<void>;
}

/** The harness with the core in a worker thread, as in the desktop app (the secrets stay in memory). */
export async function startWorkerHarness(options: Omit<HarnessOptions, 'secrets'>): Promise<WorkerHarness> {
  const opened: string[] = [];
  const openedPaths: string[] = [];
  const client = new CoreClient({
    worker: await sourceCoreWorker(),
    init: { dataDir: options.dataDir, host: 'harness', version: '0.1.0', secrets: 'memory', defaultInboxDir: join(options.dataDir, 'inbox'), watchInbox: true },
    log: openFileLog(options.dataDir, { source: 'harness' }),
    capabilities: recordingCapabilities(opened, openedPaths),
  });
  await client.ready();
  const server = await serveBridge(
    { dispatch: (channel, payload) => client.dispatch(channel, payload), subscribe: (listener) => client.subscribe(listener) },
    options,
  );
  const close = async () => {
    await server.close();
    await client.dispose();
  };
  return { url: server.url, client, opened, openedPaths, close };
}

/** The same check the desktop app makes before shell.openExternal; the harness records instead of opening. */
function recordingCapabilities(opened: string[], openedPaths: string[]): Partial<HostCapabilities> {
  return {
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) return false;
      opened.push(url);
      return true;
    },
    // Stands in for shell.openPath: records the path and reports it opened.
    openPath: async (path) => {
      openedPaths.push(path);
      return null;
    },
  };
}

interface BridgeTransport {
  dispatch(channel: unknown, payload: unknown): Promise<Envelope>;
  subscribe(listener: (event: EventChannel, payload: unknown) => void): () => void;
}

/** The renderer over loopback HTTP (requests) and Server-Sent Events (events), whichever side holds the core. */
async function serveBridge(core: BridgeTransport, options: Pick<HarnessOptions, 'port' | 'rendererDir'>): Promise<{ url: string; close(): Promise<void> }> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'dist/renderer');
  const bridgeJs = (
    await build({ entryPoints: [join(ROOT, 'test/harness/browser-bridge.ts')], bundle: true, format: 'iife', write: false, target: 'chrome120', minify: true })
  ).outputFiles[0]!.text;
  const streams = new Set<ServerResponse>();
  const unsubscribe = core.subscribe((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname.startsWith('/api/invoke/')) {
      // Same-origin only: another local page must not drive the core.
      const origin = req.headers.origin;
      if (origin && origin !== `http://${req.headers.host}`) return send(res, 403, 'text/plain', 'forbidden');
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      const body = await readBody(req);
      let payload: unknown;
      try {
        payload = body ? JSON.parse(body) : {};
      } catch {
        return send(
          res,
          200,
          TYPES['.map']!,
          JSON.stringify({ ok: false, error: { kind: 'invalid-input', code: 'invalid-request', message: 'Body is not JSON' } }),
        );
      }
      return send(res, 200, TYPES['.map']!, JSON.stringify(await core.dispatch(channel, payload)));
    }
    if (req.method === 'GET' && url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === '/harness-bridge.js') return send(res, 200, TYPES['.js']!, bridgeJs);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
      // A classic script runs before the deferred module bundle, so window.porqbo exists in time.
      return send(
        res,
        200,
        TYPES['.html']!,
        html.replace('<meta charset="UTF-8" />', '<meta charset="UTF-8" />\n    <script src="./harness-bridge.js"></script>'),
      );
    }
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir)) return send(res, 404, 'text/plain', 'not found');
    try {
      return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      return send(res, 404, 'text/plain', 'not found');
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
      if (data.length > 5_000_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
