/**
 * QBO's per-realm throttles: a sliding window of requests (batch included), a separate window for
 * the batch endpoint, a cap on requests in flight, and (optional, knob perSecondCap) a sliding
 * one-second window as in the sandbox. Over any of them QBO answers 429.
 */
export interface SimulatorLimits {
  perMinute: number;
  concurrent: number;
  batchPerMinute: number;
  /** Window length; benchmarks shrink it to scale time. */
  windowMs: number;
}

export const DEFAULT_LIMITS: SimulatorLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 120, windowMs: 60_000 };

export type Admission =
  { ok: true; release: () => void } | { ok: false; reason: 'perMinute' | 'batchPerMinute' | 'concurrent' | 'perSecond'; retryAfterSeconds: number };

export class RealmLimiter {
  private readonly requests: number[] = [];
  private readonly batches: number[] = [];
  private inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly limits: SimulatorLimits,
    private readonly now: () => number,
  ) {}

  /**
   * `limits` is read on every call so tests can change it at runtime. `perSecondCap` (0 = none) caps
   * requests per second, where a second is windowMs / 60 (it scales with the minute).
   */
  admit(isBatch: boolean, perSecondCap = 0): Admission {
    const now = this.now();
    const { perMinute, concurrent, batchPerMinute, windowMs } = this.limits;
    prune(this.requests, now - windowMs);
    prune(this.batches, now - windowMs);
    if (this.inFlight >= concurrent) return { ok: false, reason: 'concurrent', retryAfterSeconds: 1 };
    if (this.requests.length >= perMinute) {
      return { ok: false, reason: 'perMinute', retryAfterSeconds: secondsUntil(this.requests, perMinute, now, windowMs) };
    }
    if (isBatch && this.batches.length >= batchPerMinute) {
      return { ok: false, reason: 'batchPerMinute', retryAfterSeconds: secondsUntil(this.batches, batchPerMinute, now, windowMs) };
    }
    if (perSecondCap > 0) {
      // `requests` holds the whole (longer) minute window in arrival order: the cap-th newest decides.
      const secondMs = windowMs / 60;
      const nth = this.requests[this.requests.length - perSecondCap];
      if (nth !== undefined && nth > now - secondMs) {
        return { ok: false, reason: 'perSecond', retryAfterSeconds: secondsUntil(this.requests, perSecondCap, now, secondMs) };
      }
    }
    this.requests.push(now);
    if (isBatch) this.batches.push(now);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
      },
    };
  }

  get current(): number {
    return this.inFlight;
  }
}

function prune(times: number[], before: number): void {
  let drop = 0;
  while (drop < times.length && times[drop]! <= before) drop += 1;
  if (drop > 0) times.splice(0, drop);
}

/** When enough old entries leave the window for one more request. */
function secondsUntil(times: number[], limit: number, now: number, windowMs: number): number {
  const oldestThatMustLeave = times[times.length - limit] ?? now;
  return Math.max(1, Math.ceil((oldestThatMustLeave + windowMs - now) / 1000));
}
