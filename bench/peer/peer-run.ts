/**
 * The peer: the npm package node-quickbooks pushing the same backlog the way its README shows, one
 * create per request with a callback (qbo.createJournalEntry(body, cb)). Its README shows no pacing and
 * no retry; to get the whole backlog in at all we add the least a user must: up to 10 calls at once
 * (QBO's concurrency limit) and, on a 429 or a server/network error, the same call again (same
 * requestid, which node-quickbooks passes through) after one QBO-second (1000 ms / time factor). A
 * refused request costs QBO nothing here, so this is the fastest the package can go: a generous peer.
 */
import QuickBooks from 'node-quickbooks';
import type { QboLimits } from '../measure/ceiling';
import { windowRate, type WindowRate } from '../measure/timeline';
import type { SimHandle } from '../sim/sim-handle';

export interface PeerBody {
  requestId: string;
  body: Record<string, unknown>;
}

export interface PeerRunInput {
  sim: SimHandle;
  bodies: readonly PeerBody[];
  limits: QboLimits;
  concurrency: number;
  /** Pause before resending a throttled or failed call (ms). */
  retryWaitMs: number;
  timelineIntervalMs: number;
}

export interface PeerRunResult {
  documents: number;
  created: number;
  failed: number;
  /** Calls node-quickbooks made (every attempt). */
  calls: number;
  throttled: number;
  otherErrors: number;
  firstError: string | null;
  wallMs: number;
  rate: WindowRate | null;
  simRequests: number;
  simThrottled: number;
  maxInFlight: number;
}

interface NqbError {
  response?: { status?: number; data?: unknown };
  Fault?: unknown;
  code?: string;
  message?: string;
}

function call<T>(fn: (cb: (err: unknown, body: T) => void) => void): Promise<{ err: unknown; body: T }> {
  return new Promise((resolve) => fn((err, body) => resolve({ err, body })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPeer(input: PeerRunInput): Promise<PeerRunResult> {
  const { sim } = input;
  const saved = { base: QuickBooks.V3_ENDPOINT_BASE_URL, token: QuickBooks.TOKEN_URL, revoke: QuickBooks.REVOKE_URL };
  QuickBooks.V3_ENDPOINT_BASE_URL = `${sim.info.baseUrl}/v3/company/`;
  QuickBooks.TOKEN_URL = sim.info.tokenUrl;
  QuickBooks.REVOKE_URL = sim.info.revokeUrl;
  try {
    // As its README: consumer key/secret, token, no token secret, realm, sandbox, no debug, minor version, OAuth 2.0, refresh token.
    const qbo = new QuickBooks(sim.info.clientId, sim.info.clientSecret, 'none-yet', false, sim.info.realmId, true, false, '75', '2.0', sim.info.refreshToken);
    const refreshed = await call((cb) => qbo.refreshAccessToken(cb as never));
    if (refreshed.err) throw new Error(`node-quickbooks could not refresh its token: ${String((refreshed.err as NqbError).message ?? refreshed.err)}`);

    const before = await sim.stats();
    await sim.startTimeline(input.timelineIntervalMs);
    const t0 = performance.now();
    let next = 0;
    const result = { created: 0, failed: 0, calls: 0, throttled: 0, otherErrors: 0, firstError: null as string | null };
    const worker = async (): Promise<void> => {
      while (next < input.bodies.length) {
        const item = input.bodies[next++]!;
        for (let attempt = 1; ; attempt++) {
          result.calls++;
          // node-quickbooks deletes requestId from the object it is given: a fresh copy per attempt.
          const { err } = await call((cb) => qbo.createJournalEntry({ ...item.body, requestId: item.requestId } as never, cb as never));
          if (!err) {
            result.created++;
            break;
          }
          const e = err as NqbError;
          const status = e.response?.status;
          if (status === 429) result.throttled++;
          else {
            result.otherErrors++;
            result.firstError ??= `${status ?? e.code ?? ''} ${JSON.stringify(e.response?.data ?? e.Fault ?? e.message ?? '').slice(0, 300)}`;
          }
          const transient = status === 429 || status === undefined || status >= 500;
          if (!transient || attempt >= 50) {
            result.failed++;
            break;
          }
          await sleep(input.retryWaitMs);
        }
      }
    };
    await Promise.all(Array.from({ length: input.concurrency }, () => worker()));
    const wallMs = performance.now() - t0;
    const samples = await sim.stopTimeline();
    const after = await sim.stats();
    return {
      documents: input.bodies.length,
      ...result,
      wallMs: Math.round(wallMs),
      // Every whole window the run lasted: the peer's rate is flat, more windows only sharpen it.
      rate: windowRate(samples, input.limits.windowMs, 1_000),
      simRequests: after.requests - before.requests,
      simThrottled: after.throttled - before.throttled,
      maxInFlight: after.maxInFlight,
    };
  } finally {
    QuickBooks.V3_ENDPOINT_BASE_URL = saved.base;
    QuickBooks.TOKEN_URL = saved.token;
    QuickBooks.REVOKE_URL = saved.revoke;
  }
}
