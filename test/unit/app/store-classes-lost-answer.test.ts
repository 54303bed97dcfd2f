/**
 * Creating store classes when QuickBooks loses the answer (the create ran, the connection dropped): the
 * app looks the class up by name instead of failing with "something went wrong", and QuickBooks ends up
 * with one class per name, under either reading of requestid replay. The company is a simulator behind
 * Intuit's production addresses (as in go-live-replay.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simulatorEndpoints } from '../../../main/core/qbo/endpoints';
import { startTestCore, type TestCore } from './app-test-core';

const INTUIT_API = 'https://quickbooks.api.intuit.com';
let sim: RunningSimulator | null = null;
let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  await sim?.close();
  t = null;
  sim = null;
});

async function connected(): Promise<{ t: TestCore; sim: RunningSimulator }> {
  sim = await startSimulator({ realmId: '9130355342286456', seed: 5 });
  const s = sim;
  t = await startTestCore('production', {
    client: { fetch: ((url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(INTUIT_API, s.baseUrl), init)) as typeof fetch },
    oauth: (environment) => new IntuitOAuthTransport(environment, simulatorEndpoints(s)),
  });
  await t.call('connection:paste', { clientId: s.clientId, clientSecret: s.clientSecret, realmId: s.realmId, refreshToken: s.issueTokens().refresh_token });
  for (const store of [1, 2]) await t.call('stores:update', { store, exportFormat: 'API-QBO', className: `Rentals:Store ${store}` });
  return { t, sim: s };
}

describe('store classes when an answer is lost', () => {
  for (const replay of ['original', 'ignored'] as const) {
    it(`every class exists once and the request succeeds (requestid replay ${replay})`, async () => {
      const { t, sim } = await connected();
      Object.assign(sim.knobs, { dropConnectionRate: 1, requestIdReplay: replay });
      // Every write answer is lost: each create ran in QBO; the app finds it by name.
      await t.call('stores:create-classes', { stores: [1, 2] });
      sim.knobs.dropConnectionRate = 0;
      const names = sim.list('Class').map((c) => String(c.FullyQualifiedName));
      expect(names.filter((n) => ['Rentals', 'Rentals:Store 1', 'Rentals:Store 2'].includes(n)).sort()).toEqual([
        'Rentals',
        'Rentals:Store 1',
        'Rentals:Store 2',
      ]);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      // Asking again changes nothing.
      await t.call('stores:create-classes', { stores: [1, 2] });
      expect(sim.list('Class').length).toBe(names.length);
    });
  }

  it('a definite refusal names what failed and what to do, not "something went wrong"', async () => {
    const { t, sim } = await connected();
    sim.knobs.subscriptionEnded = true;
    const err = (await t.call('stores:create-classes', { stores: [1] }).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('class-not-created');
    expect(err.message).toMatch(/subscription/i);
    expect(err.message).toMatch(/Renew/);
    expect(err.message).not.toMatch(/Something went wrong/);
  });
});
