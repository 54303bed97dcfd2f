/**
 * The clerk's view through the contract (real core, real ledger, practice simulator on loopback): turning
 * sync on sends only from the chosen day, undone days go back exactly once, a known store number is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPractice, startTestCore, type TestCore } from './app-test-core';

describe('clerk actions through the contract', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore('practice');
    await setUpPractice(t);
  });
  afterAll(async () => t?.close());

  const postedDays = async () =>
    (await t.call('history:list', { offset: 0, limit: 500, status: 'posted', entity: 'JournalEntry' })).rows.map((r) => r.businessDate!).sort();

  it('previews what automatic sync would send from a start day, and sends only from that day', async () => {
    const all = await t.call('sync:start-preview', { startFrom: null });
    const days = [...new Set((await t.call('exports:days', {})).days.filter((d) => d.closed).map((d) => d.date))].sort();
    const start = days[days.length - 2]!;
    const later = await t.call('sync:start-preview', { startFrom: start });
    expect(all.entries).toBeGreaterThan(later.entries);
    expect(later).toMatchObject({ environment: 'practice', companyName: 'Practice Rental Co.', from: start, startFrom: start });
    expect(await postedDays()).toEqual([]); // a preview writes nothing
    await t.call('sync:start', { confirmed: true, startFrom: start });
    const run = await t.call('sync:run', {});
    expect(run.ok).toBe(true);
    const posted = await postedDays();
    expect(posted.length).toBe(later.entries);
    expect(posted.every((d) => d >= start)).toBe(true);
    // Off again: "Sync now" is refused rather than sending everything unasked.
    await t.call('sync:stop', {});
    await expect(t.call('sync:run', {})).rejects.toMatchObject({ code: 'sync-off' });
    // Nor can a settings patch turn it back on around the preview and the start day.
    await expect(t.call('settings:set', { syncServicesOn: true })).rejects.toMatchObject({ code: 'sync-start-required' });
    expect((await t.call('settings:get', {})).syncServicesOn).toBe(false);
    await expect(t.call('sync:run', {})).rejects.toMatchObject({ code: 'sync-off' });
  });

  it('switching to other books turns automatic sync off: they never inherit the start day of these', async () => {
    const days = [...new Set((await t.call('exports:days', {})).days.map((d) => d.date))].sort();
    await t.call('sync:start', { confirmed: true, startFrom: days.at(-1)! });
    expect((await t.call('settings:get', {})).syncServicesOn).toBe(true);
    await t.call('env:set', { environment: 'sandbox', confirmed: true });
    expect((await t.call('settings:get', {})).syncServicesOn).toBe(false);
    await expect(t.call('sync:run', {})).rejects.toMatchObject({ code: 'sync-off' });
    await t.call('env:set', { environment: 'practice', confirmed: true });
    expect((await t.call('settings:get', {})).syncServicesOn).toBe(false);
  });

  it('sends undone entries of a range again, each once, and says there is nothing left after', async () => {
    const rows = (await t.call('history:list', { offset: 0, limit: 50, status: 'posted', entity: 'JournalEntry' })).rows;
    for (const r of rows.slice(0, 2)) await t.call('exports:undo', { jobId: r.jobId, confirmed: true });
    const dates = rows
      .slice(0, 2)
      .map((r) => r.businessDate!)
      .sort();
    const result = await t.call('exports:resend-undone', { from: dates[0]!, to: dates[1]!, store: null, confirmed: true });
    expect(result).toMatchObject({ sent: 2, posted: 2, failed: 0, message: 'Sent again: 2 entries posted.' });
    await expect(t.call('exports:resend-undone', { from: dates[0]!, to: dates[1]!, store: null, confirmed: true })).rejects.toMatchObject({
      code: 'nothing-undone',
    });
    expect((await t.call('dashboard:health', {})).items.find((i) => i.id === 'undone')).toBeUndefined();
  });

  it('refuses to add a store number that exists and leaves that store as it was', async () => {
    const before = (await t.call('stores:get', {})).stores.find((s) => s.store === 2)!;
    await expect(t.call('stores:add', { store: 2, name: 'Other' })).rejects.toMatchObject({ code: 'store-exists' });
    expect((await t.call('stores:get', {})).stores.find((s) => s.store === 2)).toEqual(before);
    const after = await t.call('stores:add', { store: 9, name: 'New' });
    expect(after.stores.find((s) => s.store === 9)).toMatchObject({ name: 'New', exportFormat: 'API-QBO' });
  });
});
