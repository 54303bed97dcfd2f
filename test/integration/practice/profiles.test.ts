/** startSimulator({ profile }): a named profile sets its knobs; explicit knobs win; unknown names are refused. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS } from '../../../main/core/practice/fault-knobs';
import { startSimulator, type ProfileName, type RunningSimulator } from '../../../main/core/practice/simulator';
import { startClient, type SimClient } from './sim-client';

let sim: RunningSimulator | undefined;
let c: SimClient | undefined;
afterEach(async () => {
  await sim?.close();
  await c?.close();
  sim = undefined;
  c = undefined;
});

describe('simulator profiles', () => {
  it('defaults to intuit-docs: DEFAULT_KNOBS', async () => {
    sim = await startSimulator();
    expect(sim.profile).toBe('intuit-docs');
    expect(sim.knobs).toEqual(DEFAULT_KNOBS);
  });

  it('field-reports sets every uncertain knob at once, and the simulator behaves so', async () => {
    c = await startClient({ profile: 'field-reports' });
    expect(c.sim.profile).toBe('field-reports');
    expect(c.sim.knobs).toEqual({
      ...DEFAULT_KNOBS,
      requestIdReplay: 'ignored',
      duplicateDocNumberCheck: false,
      journalTotalAmtZero: true,
      customerAcctNumDropped: true,
      closedBooksFault: '5010',
      undoRefusal: 'linked',
      retryAfterOn429: false,
      perSecondCap: 10,
      customTxnNumbers: true,
      inactiveNameSuffix: true,
      astHonoursTotalTax: false,
    });
    const customers = (await c.query('select * from Customer')).body.QueryResponse.Customer as Record<string, unknown>[];
    expect(customers.filter((x) => 'AcctNum' in x)).toEqual([]);
    // 10 requests per second: the 11th and later in one burst are throttled, without Retry-After.
    const replies = await Promise.all(Array.from({ length: 14 }, () => c!.api('GET', 'preferences')));
    const throttled = replies.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(3);
    expect(throttled.every((r) => r.headers.get('retry-after') === null)).toBe(true);
  });

  it('explicit knobs override the profile; useProfile switches live', async () => {
    sim = await startSimulator({ profile: 'field-reports', knobs: { perSecondCap: 0, closedBooksFault: '6200' } });
    expect(sim.knobs).toMatchObject({ perSecondCap: 0, closedBooksFault: '6200', requestIdReplay: 'ignored' });
    sim.knobs.latencyMs = 5;
    sim.useProfile('replay-fault600');
    expect(sim.profile).toBe('replay-fault600');
    expect(sim.knobs).toEqual({ ...DEFAULT_KNOBS, latencyMs: 5, requestIdReplay: 'fault600' });
  });

  it('an unknown profile is refused with the valid names', async () => {
    await expect(startSimulator({ profile: 'optimistic' as ProfileName })).rejects.toThrow(
      /Unknown simulator profile "optimistic".*intuit-docs, field-reports/,
    );
  });
});
