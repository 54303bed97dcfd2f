import { afterEach, describe, expect, it } from 'vitest';
import { accountId, jeLine, startClient, type SimClient } from './sim-client';

let c: SimClient | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.parse('2026-03-14T12:00:00Z');
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('throttling per realm', () => {
  it('never has more than `concurrent` requests in flight; the rest get 429 ThrottleExceeded + Retry-After', async () => {
    c = await startClient({ limits: { concurrent: 3 }, knobs: { latencyMs: 500 } });
    const replies = await Promise.all(Array.from({ length: 10 }, () => c!.api('GET', 'preferences')));
    const ok = replies.filter((r) => r.status === 200);
    const throttled = replies.filter((r) => r.status === 429);
    expect(ok.length + throttled.length).toBe(10);
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(throttled.length).toBeGreaterThan(0);
    expect(c.sim.stats().maxInFlight).toBe(3);
    for (const r of throttled) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.body.Fault.Error[0]).toMatchObject({ code: '003001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
      expect(r.headers.get('intuit_tid')).toBeTruthy();
    }
    expect(c.sim.stats().throttled).toBe(throttled.length);
  });

  it('sliding window: perMinute requests, then 429 until the oldest leave the window', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, limits: { perMinute: 20 } });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      statuses.push((await c.api('GET', 'preferences')).status);
      clock.advance(1000);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await c.api('GET', 'preferences');
    expect(over.status).toBe(429);
    // The first request (t=0) leaves the window at t=60 s; now is t=20 s.
    expect(over.headers.get('retry-after')).toBe('40');
    clock.advance(40_000);
    expect((await c.api('GET', 'preferences')).status).toBe(200);
    expect((await c.api('GET', 'preferences')).status).toBe(429);
  });

  it('batch: batchPerMinute on its own window, and batches count toward perMinute', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, limits: { perMinute: 8, batchPerMinute: 3 } });
    const batch = { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] };
    for (let i = 0; i < 3; i += 1) expect((await c.api('POST', 'batch', batch)).status).toBe(200);
    expect((await c.api('POST', 'batch', batch)).status).toBe(429);
    for (let i = 0; i < 5; i += 1) expect((await c.api('GET', 'preferences')).status).toBe(200);
    expect((await c.api('GET', 'preferences')).status).toBe(429);
    expect(c.sim.stats()).toMatchObject({ batchRequests: 3, throttled: 2 });
  });

  it('limits can be changed at runtime and scaled down with windowMs', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, limits: { perMinute: 2, windowMs: 1000 } });
    expect((await c.api('GET', 'preferences')).status).toBe(200);
    expect((await c.api('GET', 'preferences')).status).toBe(200);
    expect((await c.api('GET', 'preferences')).status).toBe(429);
    clock.advance(1001);
    expect((await c.api('GET', 'preferences')).status).toBe(200);
    c.sim.limits.perMinute = 100;
    expect((await c.api('GET', 'preferences')).status).toBe(200);
  });
});

describe('fault knobs', () => {
  it('serverErrorRate answers 500 SystemFault, deterministically for a seed', async () => {
    const run = async (): Promise<number[]> => {
      const client = await startClient({ seed: 42, knobs: { serverErrorRate: 0.4 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await client.api('GET', 'preferences')).status);
      const replies = await Promise.all(Array.from({ length: 30 }, () => client.api('GET', 'preferences')));
      const fault = replies.find((r) => r.status === 500);
      expect(fault?.body.Fault.type).toBe('SystemFault');
      await client.close();
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('dropped connection after commit: the client sees a network error, the requestid retry gets the original', async () => {
    c = await startClient({ knobs: { dropConnectionRate: 1 } });
    const je = { DocNumber: 'DROP-1', Line: [jeLine('Debit', 12.5, accountId(c.sim, '1000')), jeLine('Credit', 12.5, accountId(c.sim, '4100'))] };
    await expect(c.api('POST', 'journalentry?requestid=drop-1', je)).rejects.toThrow();
    expect(c.sim.list('JournalEntry').filter((x) => x.DocNumber === 'DROP-1')).toHaveLength(1);
    c.sim.knobs.dropConnectionRate = 0;
    const retry = await c.api('POST', 'journalentry?requestid=drop-1', je);
    expect(retry.status).toBe(200);
    expect(retry.body.JournalEntry.DocNumber).toBe('DROP-1');
    expect(c.sim.list('JournalEntry').filter((x) => x.DocNumber === 'DROP-1')).toHaveLength(1);
    // Reads are never dropped (nothing to lose).
    c.sim.knobs.dropConnectionRate = 1;
    expect((await c.api('GET', 'preferences')).status).toBe(200);
  });

  it('failNext(n, status) fails exactly the next n API requests before doing anything', async () => {
    c = await startClient();
    c.sim.failNext(2, 503);
    const a = await c.api('POST', 'customer', { DisplayName: 'Fail Next' });
    const b = await c.api('POST', 'customer', { DisplayName: 'Fail Next' });
    expect([a.status, b.status]).toEqual([503, 503]);
    expect(a.body.Fault.type).toBe('SystemFault');
    expect(c.sim.list('Customer').some((x) => x.DisplayName === 'Fail Next')).toBe(false);
    expect((await c.api('POST', 'customer', { DisplayName: 'Fail Next' })).status).toBe(200);
    c.sim.failNext(1, 429);
    const t = await c.api('GET', 'preferences');
    expect(t.status).toBe(429);
    expect(t.headers.get('retry-after')).toBe('1');
  });
});
