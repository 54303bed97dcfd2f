import { describe, expect, it } from 'vitest';
import { Scheduler, type RunOutcome, type RunReason, type SchedulerClock } from '../../../main/core/sync/scheduler/scheduler';

/** A clock tests move by hand: timers fire only in advance(). */
class ManualClock implements SchedulerClock {
  t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** Moves time forward, firing due timers in order (awaiting the runs they start). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, due.at);
      due.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
  /** Jumps time without firing anything (the machine slept). */
  sleep(ms: number): void {
    this.t += ms;
  }
  get pending(): number {
    return this.timers.length;
  }
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function setup(outcomes: RunOutcome[] = [], poll = 60_000) {
  const clock = new ManualClock();
  const runs: { reason: RunReason; at: number }[] = [];
  const scheduler = new Scheduler({
    clock,
    pollIntervalMs: () => poll,
    random: () => 0.5,
    baseBackoffMs: 10_000,
    maxBackoffMs: 300_000,
    lateThresholdMs: 30_000,
    run: async (reason) => {
      runs.push({ reason, at: clock.t });
      return outcomes.shift() ?? { result: 'ok' };
    },
  });
  return { clock, runs, scheduler };
}

describe('Scheduler', () => {
  it('does nothing while services are off; turning them on runs at once (catch-up), then polls', async () => {
    const { clock, runs, scheduler } = setup();
    await clock.advance(600_000);
    expect(runs).toEqual([]);
    scheduler.setEnabled(true);
    await clock.advance(0);
    expect(runs.map((r) => r.reason)).toEqual(['start']);
    await clock.advance(60_000);
    await clock.advance(60_000);
    expect(runs.map((r) => r.reason)).toEqual(['start', 'poll', 'poll']);
    expect(scheduler.snapshot.nextRunAt).toBe(clock.t + 60_000);
  });

  it('backs off exponentially after failed runs and returns to the poll rhythm after a success', async () => {
    const { clock, runs, scheduler } = setup([{ result: 'transient' }, { result: 'transient' }, { result: 'transient' }, { result: 'ok' }]);
    scheduler.setEnabled(true);
    await clock.advance(0);
    while (runs.length < 5) await clock.advance(500);
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at);
    // Half fixed, half jitter (random 0.5 -> 3/4 of the ceiling): 10 s, 20 s, 40 s ceilings, then the 60 s poll.
    expect(gaps).toEqual([7_500, 15_000, 30_000, 60_000]);
    expect(scheduler.snapshot.failures).toBe(0);
  });

  it('a run that needs a person waits long; a trigger brings it back at once', async () => {
    const { clock, runs, scheduler } = setup([{ result: 'needsPerson' }]);
    scheduler.setEnabled(true);
    await clock.advance(0);
    await clock.advance(120_000);
    expect(runs.length).toBe(1);
    scheduler.trigger('trigger');
    await clock.advance(1_000);
    expect(runs.map((r) => r.reason)).toEqual(['start', 'trigger']);
  });

  it('work due soon (a requeued job) is picked up before the next poll', async () => {
    const { clock, runs, scheduler } = setup([{ result: 'ok', nextDueAt: 1_000_000 + 5_000 }]);
    scheduler.setEnabled(true);
    await clock.advance(0);
    await clock.advance(5_000);
    expect(runs.map((r) => r.reason)).toEqual(['start', 'retry']);
  });

  it('a timer that fires late means the machine slept: that run is the catch-up', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.setEnabled(true);
    await clock.advance(0);
    clock.sleep(3_600_000);
    await clock.advance(0);
    expect(runs.map((r) => r.reason)).toEqual(['start', 'wake']);
    expect(scheduler.snapshot.caughtUpAfterSleep).toBe(true);
  });

  it('pause stops the timers; resume runs at once; runNow is refused while paused', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.setEnabled(true);
    await clock.advance(0);
    scheduler.pause();
    expect(scheduler.snapshot.nextRunAt).toBeNull();
    await scheduler.runNow();
    await clock.advance(600_000);
    expect(runs.length).toBe(1);
    scheduler.resume();
    await clock.advance(0);
    expect(runs.length).toBe(2);
  });

  it('runs never overlap: triggers during a run become one follow-up run', async () => {
    const clock = new ManualClock();
    let active = 0;
    let maxActive = 0;
    let release: () => void = () => {};
    const reasons: RunReason[] = [];
    const scheduler = new Scheduler({
      clock,
      pollIntervalMs: () => 60_000,
      run: async (reason) => {
        reasons.push(reason);
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((r) => (release = r));
        active--;
        return { result: 'ok' };
      },
    });
    scheduler.setEnabled(true);
    await clock.advance(0);
    scheduler.trigger();
    scheduler.trigger();
    scheduler.trigger();
    release();
    await flush();
    await clock.advance(1_000);
    release();
    await flush();
    expect(reasons).toEqual(['start', 'trigger']);
    expect(maxActive).toBe(1);
    await scheduler.stop();
  });

  it('Sync now runs even when the services are off', async () => {
    const { runs, scheduler } = setup();
    await scheduler.runNow();
    expect(runs.map((r) => r.reason)).toEqual(['manual']);
    expect(scheduler.snapshot.nextRunAt).toBeNull();
  });
});
