/**
 * When sync runs. "Accounting Sync Services" on and not paused: a run on start (catch-up after downtime),
 * one whenever something arrives that can be sent (a store-day closed, new documents), and one every
 * poll interval (real-time and transaction modes poll often, batch mode rarely). A failed run backs off
 * exponentially with jitter; a run that needs a person (reconnect, stopped company) waits for a trigger.
 * A timer that fires much later than planned means the computer slept: the run it starts is the catch-up.
 * Runs never overlap; triggers during a run are coalesced into one follow-up run.
 */
export type RunReason = 'start' | 'poll' | 'trigger' | 'manual' | 'wake' | 'retry';

export interface RunOutcome {
  /** transient: try again after a backoff; needsPerson: wait for a trigger; ok: back to the poll rhythm. */
  result: 'ok' | 'transient' | 'needsPerson';
  /** The earliest time queued work becomes due (retry backoff of single jobs), if any. */
  nextDueAt?: number | null;
}

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  run(reason: RunReason): Promise<RunOutcome>;
  /** Poll interval in ms; read before each scheduling so a mode change applies at once. */
  pollIntervalMs(): number;
  clock?: SchedulerClock;
  /** First backoff after a failed run (doubles up to maxBackoffMs). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A timer this late (ms) means the machine slept or the process was frozen. */
  lateThresholdMs?: number;
  /** Debounce of triggers (several files arriving together make one run). */
  triggerDelayMs?: number;
  random?: () => number;
  onChange?(state: SchedulerState): void;
  onError?(err: unknown): void;
}

export interface SchedulerState {
  enabled: boolean;
  paused: boolean;
  running: boolean;
  /** When the next run is planned (epoch ms), or null when none is. */
  nextRunAt: number | null;
  lastRunAt: number | null;
  lastReason: RunReason | null;
  lastResult: RunOutcome['result'] | null;
  /** Failed runs in a row (drives the backoff). */
  failures: number;
  /** True when the last wake-up was late enough to count as a catch-up after sleep. */
  caughtUpAfterSleep: boolean;
}

export class Scheduler {
  private readonly clock: SchedulerClock;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly lateThresholdMs: number;
  private readonly triggerDelayMs: number;
  private readonly random: () => number;
  private timer: unknown = null;
  private timerReason: RunReason = 'poll';
  private plannedAt: number | null = null;
  private current: Promise<void> | null = null;
  private rerun: RunReason | null = null;
  private state: SchedulerState = {
    enabled: false,
    paused: false,
    running: false,
    nextRunAt: null,
    lastRunAt: null,
    lastReason: null,
    lastResult: null,
    failures: 0,
    caughtUpAfterSleep: false,
  };

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? realSchedulerClock;
    this.baseBackoffMs = options.baseBackoffMs ?? 15_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
    this.lateThresholdMs = options.lateThresholdMs ?? 60_000;
    this.triggerDelayMs = options.triggerDelayMs ?? 500;
    this.random = options.random ?? Math.random;
  }

  get snapshot(): SchedulerState {
    return { ...this.state };
  }

  /** Turns "Accounting Sync Services" on or off. Turning it on runs at once (catch-up). */
  setEnabled(enabled: boolean): void {
    if (this.state.enabled === enabled) return;
    this.patch({ enabled });
    if (enabled) this.schedule(0, 'start');
    else this.cancelTimer();
  }

  pause(): void {
    if (this.state.paused) return;
    this.patch({ paused: true });
    this.cancelTimer();
  }

  resume(): void {
    if (!this.state.paused) return;
    this.patch({ paused: false });
    if (this.state.enabled) this.schedule(0, 'start');
  }

  /** Something arrived that may be sendable (store-day closed, new documents, mapping fixed). */
  trigger(reason: RunReason = 'trigger'): void {
    if (!this.active()) return;
    if (this.state.running) {
      this.rerun = reason;
      return;
    }
    this.schedule(reason === 'wake' ? 0 : this.triggerDelayMs, reason, { onlyIfSooner: true });
  }

  /** Runs now whatever the schedule says (Sync now; also when services are off), unless paused. Resolves when done. */
  async runNow(reason: RunReason = 'manual'): Promise<void> {
    if (this.state.paused) return;
    while (this.current) await this.current;
    this.cancelTimer();
    await this.execute(reason);
  }

  /** Stops timers and waits for a running run to finish (quitting waits for in-flight work). */
  async stop(): Promise<void> {
    this.patch({ enabled: false });
    this.cancelTimer();
    this.rerun = null;
    if (this.current) await this.current;
  }

  private active(): boolean {
    return this.state.enabled && !this.state.paused;
  }

  private schedule(delayMs: number, reason: RunReason, opts: { onlyIfSooner?: boolean } = {}): void {
    const at = this.clock.now() + Math.max(0, delayMs);
    if (opts.onlyIfSooner && this.plannedAt !== null && this.plannedAt <= at) return;
    this.cancelTimer();
    this.plannedAt = at;
    this.timerReason = reason;
    this.timer = this.clock.setTimeout(() => this.fire(at), Math.max(0, delayMs));
    this.patch({ nextRunAt: at });
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.plannedAt = null;
    if (this.state.nextRunAt !== null) this.patch({ nextRunAt: null });
  }

  private fire(plannedAt: number): void {
    this.timer = null;
    this.plannedAt = null;
    if (!this.active()) return;
    const late = this.clock.now() - plannedAt;
    const slept = late > this.lateThresholdMs;
    if (slept !== this.state.caughtUpAfterSleep) this.patch({ caughtUpAfterSleep: slept });
    void this.execute(slept ? 'wake' : this.timerReason);
  }

  private async execute(reason: RunReason): Promise<void> {
    this.patch({ running: true, nextRunAt: null, lastReason: reason });
    let outcome: RunOutcome;
    const run = (async () => {
      try {
        outcome = await this.options.run(reason);
      } catch (err) {
        this.options.onError?.(err);
        outcome = { result: 'transient' };
      }
    })();
    this.current = run;
    await run;
    this.current = null;
    const failures = outcome!.result === 'transient' ? this.state.failures + 1 : outcome!.result === 'ok' ? 0 : this.state.failures;
    this.patch({ running: false, lastRunAt: this.clock.now(), lastResult: outcome!.result, failures });
    this.planAfter(outcome!);
  }

  private planAfter(outcome: RunOutcome): void {
    const rerun = this.rerun;
    this.rerun = null;
    if (!this.active()) return;
    if (rerun) {
      this.schedule(this.triggerDelayMs, rerun);
      return;
    }
    const now = this.clock.now();
    let delay: number;
    let reason: RunReason = 'poll';
    if (outcome.result === 'transient') {
      const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.max(0, this.state.failures - 1));
      // Half fixed, half jitter: never hammer, never line up with other clients.
      delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
      reason = 'retry';
    } else if (outcome.result === 'needsPerson') {
      // Keep looking now and then (a reconnect in another window, a renewed subscription).
      delay = this.maxBackoffMs;
      reason = 'retry';
    } else {
      delay = this.options.pollIntervalMs();
    }
    if (outcome.nextDueAt !== undefined && outcome.nextDueAt !== null && outcome.result !== 'needsPerson') {
      const due = Math.max(0, outcome.nextDueAt - now);
      if (due < delay) {
        delay = due;
        reason = 'retry';
      }
    }
    this.schedule(delay, reason);
  }

  private patch(p: Partial<SchedulerState>): void {
    const next = { ...this.state, ...p };
    const changed = (Object.keys(p) as (keyof SchedulerState)[]).some((k) => this.state[k] !== next[k]);
    this.state = next;
    if (changed) this.options.onChange?.(this.snapshot);
  }
}
