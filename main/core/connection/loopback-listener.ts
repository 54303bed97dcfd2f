/**
 * Receives Intuit's OAuth redirect on 127.0.0.1: one exact path, GET only, our own `state` checked in
 * constant time, used once, closed after a timeout. Intuit matches the registered redirect URI
 * exactly (port included), so a fixed default port is tried first, then a few fallbacks.
 */
import { AppError } from '../app-error';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** The default port and its fallbacks; register these redirect URIs in the Intuit app. */
export const SIGN_IN_PORTS = [47_611, 47_612, 47_613] as const;
export const CALLBACK_PATH = '/callback';

export interface OAuthCallbackParams {
  code: string | null;
  realmId: string | null;
  state: string;
  /** Set when the user declined or Intuit refused (e.g. access_denied). */
  error: string | null;
  errorDescription: string | null;
}

export interface CallbackPage {
  ok: boolean;
  title: string;
  message: string;
}

export interface ReceivedCallback {
  params: OAuthCallbackParams;
  /** Finishes the browser tab's page (call once the connection is verified or failed). */
  respond(page: CallbackPage): void;
}

export interface LoopbackListenerOptions {
  expectedState: string;
  timeoutMs: number;
  /** Tried in order; 0 means any free port (that URI cannot be pre-registered). */
  ports?: readonly number[];
  path?: string;
  /** Host written into the redirect URI. Intuit accepts http://localhost for development keys. */
  redirectHost?: 'localhost' | '127.0.0.1';
  /** Time the browser tab waits for respond() before a generic page (default 60 s). */
  pageTimeoutMs?: number;
}

export interface LoopbackListener {
  port: number;
  redirectUri: string;
  /** True when the default port was taken and a fallback is in use. */
  usedFallbackPort: boolean;
  /** Resolves with the first callback carrying our state; rejects on timeout or close. */
  callback: Promise<ReceivedCallback>;
  close(): Promise<void>;
}

export class SignInTimeoutError extends AppError {
  constructor(seconds: number) {
    super('refused', `No answer from the Intuit sign-in page within ${seconds} seconds. Start "Sign in with Intuit" again.`);
    this.name = 'SignInTimeoutError';
  }
}

export class SignInCancelledError extends AppError {
  constructor() {
    super('refused', 'Sign in with Intuit was cancelled.');
    this.name = 'SignInCancelledError';
  }
}

export class PortsBusyError extends AppError {
  constructor(ports: readonly number[]) {
    super(
      'busy',
      `Ports ${ports.join(', ')} on 127.0.0.1 are all in use, so the sign-in redirect cannot be received. Close the program using them or use the paste path.`,
    );
    this.name = 'PortsBusyError';
  }
}

export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const path = options.path ?? CALLBACK_PATH;
  const ports = options.ports ?? SIGN_IN_PORTS;
  if (!options.expectedState || options.expectedState.length < 16) throw new Error('startLoopbackListener: the state must be a long random value');
  const expected = Buffer.from(options.expectedState);
  let consumed = false;
  let closed = false;
  const servers: Server[] = [];
  let settle: { resolve: (value: ReceivedCallback) => void; reject: (err: unknown) => void } | null = null;
  const callback = new Promise<ReceivedCallback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  callback.catch(() => {}); // rejection is observed by whoever awaits it; never unhandled
  const timer = setTimeout(() => {
    settle?.reject(new SignInTimeoutError(Math.round(options.timeoutMs / 1000)));
    void close();
  }, options.timeoutMs);
  timer.unref?.();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) return page(res, 404, { ok: false, title: 'Not found', message: 'This address is not part of the sign-in.' });
    if (req.method !== 'GET') return page(res, 405, { ok: false, title: 'Not allowed', message: 'Only the Intuit redirect is accepted here.' });
    if (consumed)
      return page(res, 410, { ok: false, title: 'Already used', message: 'This sign-in link was already used. Start "Sign in with Intuit" again in the app.' });
    const state = url.searchParams.get('state') ?? '';
    const given = Buffer.from(state);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // Not ours (a stale tab or a forged request): refuse it and keep waiting for the real one.
      return page(res, 400, {
        ok: false,
        title: 'Sign-in not recognised',
        message: 'This answer does not belong to the sign-in the app started. Start again from the app.',
      });
    }
    consumed = true;
    const params: OAuthCallbackParams = {
      code: url.searchParams.get('code'),
      realmId: url.searchParams.get('realmId'),
      state,
      error: url.searchParams.get('error'),
      errorDescription: url.searchParams.get('error_description'),
    };
    let answered = false;
    const respond = (result: CallbackPage) => {
      if (answered) return;
      answered = true;
      clearTimeout(pageTimer);
      page(res, result.ok ? 200 : 400, result);
      void close();
    };
    const pageTimer = setTimeout(
      () => respond({ ok: true, title: 'Almost done', message: 'Return to POR QBO Companion to see the result.' }),
      options.pageTimeoutMs ?? 60_000,
    );
    clearTimeout(timer);
    settle?.resolve({ params, respond });
  };

  let port = 0;
  let usedFallbackPort = false;
  for (const [index, candidate] of ports.entries()) {
    const server = createServer(handler);
    try {
      await listen(server, candidate, '127.0.0.1');
      port = (server.address() as { port: number }).port;
      servers.push(server);
      usedFallbackPort = index > 0;
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (err as NodeJS.ErrnoException).code !== 'EACCES') {
        clearTimeout(timer);
        throw err;
      }
    }
  }
  if (servers.length === 0) {
    clearTimeout(timer);
    throw new PortsBusyError(ports);
  }
  // Browsers may resolve "localhost" to ::1 first; answer there too when IPv6 loopback exists.
  const v6 = createServer(handler);
  await listen(v6, port, '::1').then(
    () => servers.push(v6),
    () => undefined,
  );

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    settle?.reject(new SignInCancelledError());
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      ),
    );
  }

  return {
    port,
    redirectUri: `http://${options.redirectHost ?? 'localhost'}:${port}${path}`,
    usedFallbackPort,
    callback,
    close,
  };
}

/** The redirect URIs to register in the Intuit app for the default port and its fallbacks. */
export function signInRedirectUris(host: 'localhost' | '127.0.0.1' = 'localhost', ports: readonly number[] = SIGN_IN_PORTS, path = CALLBACK_PATH): string[] {
  return ports.filter((p) => p > 0).map((p) => `http://${host}:${p}${path}`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function page(res: ServerResponse, status: number, content: CallbackPage): void {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36em;margin:4em auto"><h1>${escapeHtml(content.title)}</h1>` +
    `<p>${escapeHtml(content.message)}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    Connection: 'close',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
