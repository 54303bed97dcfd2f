/**
 * Go-live through the contract: production selected but not ready holds every POR document (nothing is
 * lost, nothing leaves); the checklist shows them; once production is connected and mapped, the replay
 * sends each exactly once, with progress. Production always talks to Intuit's addresses, so the test
 * swaps the network underneath: the client's fetch and the token calls go to a simulator playing the
 * production company.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { writePracticeFiles } from '../../../main/core/por/practice';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simulatorEndpoints } from '../../../main/core/qbo/endpoints';
import { startTestCore, type TestCore } from './app-test-core';

const INTUIT_API = 'https://quickbooks.api.intuit.com';

describe('go-live: held while production is not ready, replayed exactly once', () => {
  let sim: RunningSimulator;
  let t: TestCore;

  beforeAll(async () => {
    sim = await startSimulator({ realmId: '9130355342286455', seed: 3 });
    t = await startTestCore('production', {
      watchInbox: true,
      client: { fetch: ((url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(INTUIT_API, sim.baseUrl), init)) as typeof fetch },
      oauth: (environment) => new IntuitOAuthTransport(environment, simulatorEndpoints(sim)),
    });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('holds what POR produces after go-live, before production is ready', async () => {
    await writePracticeFiles(join(t.dir, 'inbox'), { seed: 9, stores: 2, startDate: '2026-05-04', days: 2, formats: ['feed'] });
    const inbox = await t.call('inbox:scan', {});
    expect(inbox.documents).toBeGreaterThan(10);
    for (const s of (await t.call('stores:get', {})).stores) {
      await t.call('stores:update', { store: s.store, exportFormat: 'API-QBO', className: `Store ${s.store}:Main` });
    }
    await t.call('mode:set', { mode: 'batch' });
    await t.call('sync:now', {});
    for (let i = 0; i < 200 && (await t.call('cutover:get', {})).held.count === 0; i++) await new Promise((r) => setTimeout(r, 25));
    const view = await t.call('cutover:get', {});
    expect(view.ready).toBe(false);
    expect(view.held.count).toBeGreaterThanOrEqual(4);
    expect(view.held.amountCents).toBeGreaterThan(0);
    expect(view.held.rows.every((r) => (r.reason ?? '').startsWith('Production is not ready yet'))).toBe(true);
    expect(sim.list('JournalEntry')).toHaveLength(0);
    await expect(t.call('cutover:replay', { confirmed: true })).rejects.toMatchObject({ code: 'not-connected' });
  });

  it('after connecting and mapping production, replays every held export once, with progress', async () => {
    const fresh = sim.issueTokens();
    await t.call('connection:paste', { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: fresh.refresh_token });
    await t.call('mapping:automap', {});
    const ready = await t.call('cutover:get', {});
    const held = ready.held.count;
    expect(ready.checks.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual([]);
    expect(ready.ready).toBe(true);

    await t.call('cutover:replay', { confirmed: true });
    let view = await t.call('cutover:get', {});
    for (let i = 0; i < 400 && view.replay.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await t.call('cutover:get', {});
    }
    expect(view.replay).toMatchObject({ state: 'done', total: held, done: held });
    expect(view.held.count).toBe(0);
    // Each held journal reached the production company exactly once.
    const journals = sim.list('JournalEntry');
    expect(journals.length).toBe((await t.call('history:list', { offset: 0, limit: 500, entity: 'JournalEntry', status: 'posted' })).total);
    expect(new Set(journals.map((j) => j.DocNumber)).size).toBe(journals.length);
    // A second replay has nothing left to send.
    await t.call('sync:now', {});
    expect(sim.list('JournalEntry')).toHaveLength(journals.length);
  });
});
