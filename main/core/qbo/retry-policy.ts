/**
 * When and how long to wait before trying a QBO request again: exponential backoff with full jitter
 * (so ten parallel callers do not retry in lockstep), never shorter than the server's Retry-After.
 */
export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on honouring Retry-After (a broken header must not park the sync for a day). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). Full jitter: uniform in
 * [0, min(max, base * 2^(attempt-1))]; with Retry-After, that plus up to 10% on top of it.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  if (retryAfterMs !== null && retryAfterMs >= 0) {
    const honoured = Math.min(retryAfterMs, policy.maxRetryAfterMs);
    return Math.round(honoured + random() * honoured * 0.1);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** Network failures worth retrying: resets, hang-ups, refused/unreachable, timeouts. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
  'ABORT_ERR',
]);

/**
 * The code of a network-level failure thrown by fetch (undici wraps it as `TypeError: fetch failed`
 * with the real error in `cause`), or null when the error is something else.
 */
export function networkErrorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const obj = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof obj.code === 'string' && RETRYABLE_NETWORK_CODES.has(obj.code)) return obj.code;
    if (obj.name === 'TimeoutError') return 'TimeoutError';
    if (typeof obj.message === 'string' && /socket hang up|other side closed|terminated/i.test(obj.message)) return 'ECONNRESET';
    e = obj.cause;
  }
  return null;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
