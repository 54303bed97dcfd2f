import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LIMITS, RealmLimiter } from '../../../main/core/practice/rate-limiter';

describe('RealmLimiter', () => {
  it('defaults to QBO limits: 500/min, 10 in flight, 120 batch/min', () => {
    expect(DEFAULT_LIMITS).toEqual({ perMinute: 500, concurrent: 10, batchPerMinute: 120, windowMs: 60_000 });
  });

  it('never admits more than the limits, for any sequence of arrivals, releases and clock moves', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('req' as const), batch: fc.boolean() }),
      fc.record({ kind: fc.constant('release' as const) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 400 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        let t = 0;
        const limits = { perMinute: 20, concurrent: 4, batchPerMinute: 5, windowMs: 1000 };
        const limiter = new RealmLimiter(limits, () => t);
        const admitted: { at: number; batch: boolean }[] = [];
        const open: (() => void)[] = [];
        for (const s of steps) {
          if (s.kind === 'tick') t += s.ms;
          else if (s.kind === 'release') open.shift()?.();
          else {
            const a = limiter.admit(s.batch);
            if (a.ok) {
              admitted.push({ at: t, batch: s.batch });
              open.push(a.release);
            } else {
              expect(a.retryAfterSeconds).toBeGreaterThanOrEqual(1);
            }
          }
          expect(limiter.current).toBeLessThanOrEqual(limits.concurrent);
          const inWindow = admitted.filter((x) => x.at > t - limits.windowMs);
          expect(inWindow.length).toBeLessThanOrEqual(limits.perMinute);
          expect(inWindow.filter((x) => x.batch).length).toBeLessThanOrEqual(limits.batchPerMinute);
        }
        expect(limiter.maxInFlight).toBeLessThanOrEqual(limits.concurrent);
      }),
      { numRuns: 200 },
    );
  });

  it('a released slot is free again; releasing twice frees it once', () => {
    const limiter = new RealmLimiter({ perMinute: 100, concurrent: 1, batchPerMinute: 10, windowMs: 60_000 }, () => 0);
    const a = limiter.admit(false);
    expect(a.ok).toBe(true);
    expect(limiter.admit(false)).toMatchObject({ ok: false, reason: 'concurrent' });
    if (a.ok) {
      a.release();
      a.release();
    }
    const b = limiter.admit(false);
    expect(b.ok).toBe(true);
    expect(limiter.admit(false).ok).toBe(false);
  });

  it('perSecondCap: never more than N admitted in any (windowMs / 60) span, for any arrivals; 0 is no cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), (cap, gaps) => {
        let t = 0;
        const limits = { perMinute: 10_000, concurrent: 10_000, batchPerMinute: 10_000, windowMs: 6_000 };
        const limiter = new RealmLimiter(limits, () => t);
        const admitted: number[] = [];
        for (const gap of gaps) {
          t += gap;
          const a = limiter.admit(false, cap);
          if (a.ok) {
            admitted.push(t);
            a.release();
          } else {
            expect(a).toMatchObject({ reason: 'perSecond' });
            expect(a.retryAfterSeconds).toBe(1);
          }
          expect(admitted.filter((x) => x > t - 100).length).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: 200 },
    );
    const uncapped = new RealmLimiter({ perMinute: 10_000, concurrent: 10_000, batchPerMinute: 10_000, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 50; i += 1) {
      const a = uncapped.admit(false, 0);
      expect(a.ok).toBe(true);
      if (a.ok) a.release();
    }
  });
});
