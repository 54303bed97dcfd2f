/**
 * Throughput from the simulator's own counters, sampled on its clock. QBO's limits are sliding
 * windows, so a client's creates arrive in bursts; a rate over an arbitrary span depends on where the
 * bursts fall. Any span of exactly k windows, though, can hold at most k windows' allowance however the
 * bursts fall, so the rate over whole windows from the first request is a fair measure against the
 * ceiling (as long as the backlog outlasts those windows).
 */
import type { StatsSample } from '../sim/sim-handle';

export type Counter = 'creates' | 'requests' | 'meteredReads';
const INDEX: Record<Counter, 1 | 2 | 3> = { creates: 1, requests: 2, meteredReads: 3 };

/** The counter's value at time t: the last sample taken at or before t (never more than had happened). */
export function valueAt(samples: readonly StatsSample[], t: number, counter: Counter): number {
  const i = INDEX[counter];
  let v = samples[0]?.[i] ?? 0;
  for (const s of samples) {
    if (s[0] > t) break;
    v = s[i];
  }
  return v;
}

/** When the counter first rose above its first sample: the time of the sample before (an upper bound on how late it started). */
export function firstRise(samples: readonly StatsSample[], counter: Counter): number | null {
  const i = INDEX[counter];
  const base = samples[0]?.[i];
  for (let k = 1; k < samples.length; k++) if (samples[k]![i] !== base) return samples[k - 1]![0];
  return null;
}

/** When the counter last changed (the sample that first showed its final value). */
export function lastRise(samples: readonly StatsSample[], counter: Counter): number | null {
  const i = INDEX[counter];
  const last = samples[samples.length - 1];
  if (!last) return null;
  for (let k = samples.length - 1; k > 0; k--) if (samples[k - 1]![i] !== last[i]) return samples[k]![0];
  return null;
}

export interface WindowRate {
  /** When the first request of the run reached the simulator (epoch ms, simulator clock). */
  start: number;
  /** Whole windows measured from `start`. */
  windows: number;
  creates: number;
  /** Creates per unscaled QBO minute over those windows. */
  perQboMinute: number;
  /** True when the run still had creates after the measured windows (the backlog outlasted them). */
  saturated: boolean;
  /** All creates of the run, first request to last create, per unscaled minute (bursty: informational). */
  wholeRunPerQboMinute: number;
  wholeRunMs: number;
  totalCreates: number;
}

/**
 * Creates in the longest run of whole windows (at most `maxWindows`) that the backlog outlasted,
 * counted from the first request. `qboMinuteMs` is the window length (one unscaled minute).
 */
export function windowRate(samples: readonly StatsSample[], windowMs: number, maxWindows: number): WindowRate | null {
  const start = firstRise(samples, 'requests');
  const end = lastRise(samples, 'creates');
  if (start === null || end === null) return null;
  const base = valueAt(samples, start, 'creates');
  const total = samples[samples.length - 1]![1] - base;
  const full = Math.floor((end - start) / windowMs);
  const windows = Math.max(1, Math.min(maxWindows, full));
  const creates = valueAt(samples, start + windows * windowMs, 'creates') - base;
  const wholeRunMs = Math.max(1, end - start);
  return {
    start,
    windows,
    creates,
    perQboMinute: creates / windows,
    saturated: full >= windows,
    wholeRunPerQboMinute: (total / wholeRunMs) * windowMs,
    wholeRunMs,
    totalCreates: total,
  };
}

/** Creates and requests per bucket of `bucketMs` from `start` to the end of the samples (the run's shape). */
export function buckets(samples: readonly StatsSample[], start: number, bucketMs: number): { creates: number[]; requests: number[] } {
  const out = { creates: [] as number[], requests: [] as number[] };
  const end = samples[samples.length - 1]?.[0] ?? start;
  for (let t = start; t < end; t += bucketMs) {
    out.creates.push(valueAt(samples, t + bucketMs, 'creates') - valueAt(samples, t, 'creates'));
    out.requests.push(valueAt(samples, t + bucketMs, 'requests') - valueAt(samples, t, 'requests'));
  }
  return out;
}
