import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simSession } from './sim-session';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('the client limiter keeps the simulator from ever throttling', () => {
  it('really runs 10 requests in flight, never 11, and gets no 429', async () => {
    sim = await startSimulator({ knobs: { latencyMs: 40 } });
    // The 10-a-second rule (tested on its own) would hold the burst's first start back: lifted here.
    const s = await simSession(sim, { limits: { maxPerSecond: 100 } });
    await s.client.companyInfo(); // token ready before the burst
    await Promise.all(Array.from({ length: 60 }, () => s.client.companyInfo()));
    expect(sim.stats().maxInFlight).toBe(10);
    expect(sim.stats().throttled).toBe(0);
    expect(s.client.limiter.stats().peakInFlight).toBe(10);
  });

  it('keeps to a time-scaled window for plain and batch calls (limits scaled on both sides)', async () => {
    const windowMs = 400;
    sim = await startSimulator({ limits: { perMinute: 40, batchPerMinute: 6, concurrent: 10, windowMs } });
    const s = await simSession(sim, { limits: { maxPerWindow: 40, maxBatchPerWindow: 6, maxInFlight: 10, windowMs } });
    const total = 120;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: total }, (_, i) => (i % 10 === 0 ? s.client.batch([{ bId: `q${i}`, query: 'select * from TaxCode' }]) : s.client.companyInfo())),
    );
    const elapsed = performance.now() - started;
    expect(sim.stats().throttled).toBe(0);
    expect(s.client.stats().throttled).toBe(0);
    expect(sim.stats().batchRequests).toBe(12);
    // Not asserted (no wall-clock speed in tests); reported for the benchmark's 90% target.
    const ideal = (Math.ceil(total / 40) - 1) * windowMs;
    console.log(`limiter drain: ${total} requests in ${elapsed.toFixed(0)} ms, ideal ${ideal} ms, ratio ${(ideal / elapsed).toFixed(3)}`);
  });
});
