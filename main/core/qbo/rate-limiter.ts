/**
 * Per-realm admission control for QBO: at most `maxPerWindow` requests in any sliding window, at most
 * `maxBatchPerWindow` of them batch calls, and at most `maxInFlight` at once.
 *
 * A request occupies a window slot from the moment it starts until `windowMs` after it completes.
 * QBO counts a request when it arrives, which is somewhere between our start and our completion, so
 * this is the tightest rule that holds whatever the network latency: for any window on the server's
 * clock, no more than the limit can have arrived. It costs one latency per slot, so throughput stays
 * within a few per cent of the ceiling.
 *
 * Bursts: at most `maxPerSecond` requests start in any second (a sixtieth of the window, so scaled
 * benchmarks scale it too). QBO's sandbox, and per field reports its apps, allow 10 a second; that is
 * above the per-minute average (8.3/s), so it only evens out bursts. Counted at the start (holding slots
 * until completion would cost a tenth of throughput), over a second and a tenth: QBO counts arrivals,
 * and requests started a second apart can arrive closer together.
 */
export interface RateLimits {
  maxPerWindow: number;
  maxBatchPerWindow: number;
  maxInFlight: number;
  windowMs: number;
  maxPerSecond: number;
}

export const QBO_RATE_LIMITS: RateLimits = { maxPerWindow: 500, maxBatchPerWindow: 120, maxInFlight: 10, windowMs: 60_000, maxPerSecond: 10 };

export type RequestKind = 'request' | 'batch';

export interface LimiterClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: LimiterClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A waiting limiter must not keep a CLI process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type Release = () => void;

interface Waiter {
  kind: RequestKind;
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export interface LimiterStats {
  inFlight: number;
  queued: number;
  /** Slots taken in the current window (in flight plus completed within windowMs). */
  windowCount: number;
  batchWindowCount: number;
  granted: number;
  /** Largest in-flight count ever seen. */
  peakInFlight: number;
}

export class RateLimiter {
  readonly limits: RateLimits;
  private inFlight = 0;
  private inFlightBatch = 0;
  /** Completion times, ascending (the clock is monotonic). */
  private readonly done: number[] = [];
  private readonly doneBatch: number[] = [];
  /** Start times within the last second (ascending). */
  private readonly starts: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: unknown = null;
  private timerAt = Infinity;
  private pausedUntil = 0;
  private granted = 0;
  private peakInFlight = 0;

  constructor(
    limits: Partial<RateLimits> = {},
    private readonly clock: LimiterClock = realClock,
  ) {
    this.limits = { ...QBO_RATE_LIMITS, ...limits };
    const { maxPerWindow, maxBatchPerWindow, maxInFlight, windowMs, maxPerSecond } = this.limits;
    for (const [name, value] of Object.entries({ maxPerWindow, maxBatchPerWindow, maxInFlight, windowMs, maxPerSecond })) {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`RateLimiter: ${name} must be a positive number`);
    }
  }

  /** Waits for a slot; call the returned release() exactly when the HTTP exchange is over. */
  acquire(kind: RequestKind = 'request', signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { kind, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason ?? new Error('aborted'));
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Holds every new request back for `ms` (a 429 with Retry-After applies to the whole realm). */
  pause(ms: number): void {
    const until = this.clock.now() + Math.max(0, ms);
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.pump();
  }

  stats(): LimiterStats {
    this.prune(this.clock.now());
    return {
      inFlight: this.inFlight,
      queued: this.waiters.length,
      windowCount: this.inFlight + this.done.length,
      batchWindowCount: this.inFlightBatch + this.doneBatch.length,
      granted: this.granted,
      peakInFlight: this.peakInFlight,
    };
  }

  private pump(): void {
    const now = this.clock.now();
    this.prune(now);
    let wakeAt = Infinity;
    if (now < this.pausedUntil) {
      wakeAt = this.pausedUntil;
    } else {
      for (let i = 0; i < this.waiters.length;) {
        if (this.inFlight >= this.limits.maxInFlight) break; // a release wakes us
        if (this.inFlight + this.done.length >= this.limits.maxPerWindow) {
          if (this.done.length > 0) wakeAt = Math.min(wakeAt, this.done[0]! + this.limits.windowMs);
          break;
        }
        if (this.starts.length >= this.limits.maxPerSecond) {
          wakeAt = Math.min(wakeAt, this.starts[0]! + this.secondMs);
          break;
        }
        const waiter = this.waiters[i]!;
        if (waiter.kind === 'batch' && this.inFlightBatch + this.doneBatch.length >= this.limits.maxBatchPerWindow) {
          // Only batch calls are blocked: let plain requests behind it go.
          if (this.doneBatch.length > 0) wakeAt = Math.min(wakeAt, this.doneBatch[0]! + this.limits.windowMs);
          i++;
          continue;
        }
        this.waiters.splice(i, 1);
        this.grant(waiter);
      }
    }
    this.schedule(this.waiters.length > 0 ? wakeAt : Infinity, now);
  }

  private grant(waiter: Waiter): void {
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.inFlight++;
    this.starts.push(this.clock.now());
    if (waiter.kind === 'batch') this.inFlightBatch++;
    this.granted++;
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    let released = false;
    waiter.resolve(() => {
      if (released) return;
      released = true;
      const at = this.clock.now();
      this.inFlight--;
      this.done.push(at);
      if (waiter.kind === 'batch') {
        this.inFlightBatch--;
        this.doneBatch.push(at);
      }
      this.pump();
    });
  }

  private prune(now: number): void {
    const edge = now - this.limits.windowMs;
    while (this.done.length > 0 && this.done[0]! <= edge) this.done.shift();
    while (this.doneBatch.length > 0 && this.doneBatch[0]! <= edge) this.doneBatch.shift();
    const second = now - this.secondMs;
    while (this.starts.length > 0 && this.starts[0]! <= second) this.starts.shift();
  }

  private get secondMs(): number {
    return (this.limits.windowMs / 60) * 1.1;
  }

  private schedule(at: number, now: number): void {
    if (at === this.timerAt) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = at;
    if (at === Infinity) return;
    // +1 ms: a slot frees strictly after windowMs (prune uses <=), never a busy loop at the edge.
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, Math.ceil(at - now)) + 1,
    );
  }
}

/** One limiter per environment + realm in this process, shared by every client talking to it. */
const shared = new Map<string, RateLimiter>();

export function limiterFor(environment: string, realmId: string, limits?: Partial<RateLimits>): RateLimiter {
  const key = `${environment}:${realmId}`;
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new RateLimiter(limits);
    shared.set(key, limiter);
  }
  return limiter;
}
