/**
 * The simulator's HTTP front: routes Intuit OAuth and QBO API requests, and applies what sits in
 * front of QBO's API: bearer-token auth, per-realm throttling (429, with Retry-After unless the knob
 * retryAfterOn429 is off; perSecondCap adds a per-second window) and the fault knobs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { newIntuitTid, readBody, sendJson } from './http-io';
import { faults } from './faults';
import { qboResponseTime } from './qbo-time';
import { handleApi } from './api-routes';
import type { ApiCore } from './api-operations';
import type { FaultKnobs } from './fault-knobs';
import type { OAuthState } from './oauth-state';
import type { RealmLimiter } from './rate-limiter';
import { AUTHORIZE_PATH, handleAuthorize, handleRevoke, handleToken, REVOKE_PATH, TOKEN_PATH, type OAuthClientCredentials } from './oauth-routes';

export interface ServerDeps {
  core: ApiCore;
  knobs: FaultKnobs;
  oauth: OAuthState;
  creds: OAuthClientCredentials;
  limiter: RealmLimiter;
  realmId: string;
  random: () => number;
  now: () => number;
}

const API_PREFIX = /^\/v3\/company\/([^/]+)\/?(.*)$/;

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const headers = { intuit_tid: newIntuitTid() };
    handle(deps, req, res, headers).catch((err: unknown) => {
      const body = faults.serverError().toBody(qboResponseTime(deps.now()));
      body.Fault.Error[0]!.Detail = `System Failure Error: ${err instanceof Error ? err.message : String(err)}`;
      sendJson(res, 500, body, headers);
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path === AUTHORIZE_PATH && req.method === 'GET') return handleAuthorize(url, res, deps.oauth, deps.creds, headers);
  if (path === TOKEN_PATH && req.method === 'POST') return handleToken(req, res, deps.oauth, deps.creds, headers);
  if (path === REVOKE_PATH && req.method === 'POST') return handleRevoke(req, res, deps.oauth, deps.creds, headers);
  const m = API_PREFIX.exec(path);
  if (!m) return sendJson(res, 404, { error: 'not_found', path }, headers);
  return handleApiRequest(deps, req, res, headers, m[1]!, m[2]!.split('/').filter(Boolean).map(decodeURIComponent), url);
}

function gateway401(res: ServerResponse, headers: Record<string, string>, detail: string): void {
  sendJson(
    res,
    401,
    { code: 'AuthenticationFailed', type: 'INPUT', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail },
    { ...headers, 'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"' },
  );
}

/** A 429's headers: Retry-After unless the retryAfterOn429 knob is off. */
function throttledHeaders(knobs: FaultKnobs, headers: Record<string, string>, seconds: number): Record<string, string> {
  return knobs.retryAfterOn429 ? { ...headers, 'retry-after': String(seconds) } : headers;
}

async function handleApiRequest(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  realm: string,
  segments: string[],
  url: URL,
): Promise<void> {
  const { core, knobs } = deps;
  const time = (): string => qboResponseTime(deps.now());
  core.stats.requests += 1;
  const bodyText = await readBody(req);

  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const auth = deps.oauth.checkAccess(bearer);
  if (auth.result === 'missing') return gateway401(res, headers, 'Authorization header is missing or is not a Bearer token');
  if (auth.result === 'invalid') return gateway401(res, headers, 'Access token is invalid or has been revoked');
  if (auth.result === 'expired' || knobs.expireAccessTokens) return gateway401(res, headers, 'Token expired');
  if (realm !== deps.realmId || auth.realmId !== realm) {
    return sendJson(res, 401, faults.realmMismatch().toBody(time()), headers);
  }

  const isBatch = (segments[0] ?? '').toLowerCase() === 'batch';
  const admission = deps.limiter.admit(isBatch, knobs.perSecondCap);
  if (!admission.ok) {
    core.stats.throttled += 1;
    return sendJson(res, 429, faults.throttled().toBody(time()), throttledHeaders(knobs, headers, admission.retryAfterSeconds));
  }
  if (isBatch) core.stats.batchRequests += 1;
  core.stats.maxInFlight = Math.max(core.stats.maxInFlight, deps.limiter.maxInFlight);
  try {
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    if (knobs.failNext > 0) {
      knobs.failNext -= 1;
      const status = knobs.failNextStatus;
      if (status === 401) return gateway401(res, headers, 'Token expired');
      if (status === 429) return sendJson(res, 429, faults.throttled().toBody(time()), throttledHeaders(knobs, headers, 1));
      return sendJson(res, status, faults.serviceUnavailable(status).toBody(time()), headers);
    }
    if (knobs.serverErrorRate > 0 && deps.random() < knobs.serverErrorRate) {
      return sendJson(res, 500, faults.serverError().toBody(time()), headers);
    }
    const result = handleApi(core, knobs, deps.realmId, { method: req.method ?? 'GET', segments, params: url.searchParams, bodyText, time: time() });
    // The worst case for a client: the write is committed but the answer never arrives.
    if (result.wrote && knobs.dropConnectionRate > 0 && deps.random() < knobs.dropConnectionRate) {
      req.socket.destroy();
      return;
    }
    sendJson(res, result.status, result.body, headers);
  } finally {
    admission.release();
  }
}
