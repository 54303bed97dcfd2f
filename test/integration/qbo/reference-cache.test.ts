import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { ReferenceCache, forgetReferenceCache, referenceCacheFor, type ReferenceEntity, type ReferenceStore } from '../../../main/core/qbo/reference-cache';
import { simIds, simSession, type SimSession } from './sim-session';

let sim: RunningSimulator;
let s: SimSession;

beforeAll(async () => {
  sim = await startSimulator();
  s = await simSession(sim);
});
afterAll(async () => {
  await sim.close();
});

/** A store in memory that records what the cache saved (the ledger's table in the app). */
function memoryStore(): ReferenceStore & { saved: Map<ReferenceEntity, Record<string, unknown>[]>; saves: number } {
  const saved = new Map<ReferenceEntity, Record<string, unknown>[]>();
  const store = {
    saved,
    saves: 0,
    load: (entity: ReferenceEntity) => saved.get(entity) ?? null,
    save: (entity: ReferenceEntity, rows: Record<string, unknown>[]) => {
      store.saves++;
      saved.set(entity, rows);
    },
  };
  return store;
}

describe('ReferenceCache', () => {
  it('loads each list with one query (inactive rows included) and then answers without metered reads', async () => {
    const cache = new ReferenceCache(s.client);
    const simReads = sim.stats().meteredReads;
    const reads = s.client.stats().meteredReads;
    await Promise.all([cache.ensureLoaded(), cache.ensureLoaded()]); // concurrent callers share one load
    expect(s.client.stats().meteredReads - reads).toBe(5);
    expect(sim.stats().meteredReads - simReads).toBe(5);
    expect(cache.loadCount).toBe(5);

    expect((await cache.list('Account')).length).toBe(sim.list('Account').length);
    expect((await cache.accountByNumber('4000-01'))?.Name).toBe('Rental revenue - Store 1');
    expect((await cache.accountByNumber('1020-09'))?.Active).toBe(false);
    expect((await cache.byName('Class', 'store 1:burbank'))?.Name).toBe('Burbank');
    expect((await cache.byName('Customer', "O'Brien Events"))?.AcctNum).toBe('QB-504');
    expect((await cache.byName('TaxCode', 'NON'))?.Id).toBe('NON');
    expect((await cache.byId('Item', simIds(sim).item('Rental')))?.Name).toBe('Rental');

    // Steady state: creates update the cache from their responses; still no reads.
    const customer = await s.client.create('Customer', { DisplayName: 'New Cache Customer', AcctNum: '30001' }, { requestId: 'practice:cache:c1' });
    const klass = await s.client.create(
      'Class',
      { Name: 'Glendale', SubClass: true, ParentRef: { value: simIds(sim).klass('Store 2') } },
      { requestId: 'practice:cache:k1' },
    );
    await s.client.update('Customer', { Id: customer.Id!, SyncToken: customer.SyncToken!, Notes: 'updated' });
    expect((await cache.byName('Customer', 'New Cache Customer'))?.Notes).toBe('updated');
    expect((await cache.byName('Class', 'Store 2:Glendale'))?.Id).toBe(klass.Id);
    expect(s.client.stats().meteredReads - reads).toBe(5);

    // After a 610/2500 the engine reloads one list: one more query.
    await cache.reload('Account');
    expect(s.client.stats().meteredReads - reads).toBe(6);
    cache.dispose();
  });

  it('persists lists through a store so a restart does not query QBO again', async () => {
    const store = memoryStore();
    const first = new ReferenceCache(s.client, { store, entities: ['Account', 'Customer'] });
    await first.ensureLoaded();
    expect(store.saved.get('Account')?.length).toBe(sim.list('Account').length);
    await s.client.create('Customer', { DisplayName: 'Persisted Customer' }, { requestId: 'practice:cache:p1' });
    first.flush();
    expect(store.saved.get('Customer')?.some((c) => c.DisplayName === 'Persisted Customer')).toBe(true);
    first.dispose();

    const reads = s.client.stats().meteredReads;
    const second = new ReferenceCache(s.client, { store, entities: ['Account', 'Customer'] });
    await second.ensureLoaded();
    expect(s.client.stats().meteredReads).toBe(reads);
    expect((await second.byName('Customer', 'Persisted Customer'))?.DisplayName).toBe('Persisted Customer');
    await second.reload('Customer'); // explicit reload goes to QBO
    expect(s.client.stats().meteredReads).toBe(reads + 1);
    second.dispose();
  });

  it('keeps one cache per environment and realm', async () => {
    const a = referenceCacheFor('practice', s.client);
    expect(referenceCacheFor('practice', s.client)).toBe(a);
    expect(referenceCacheFor('sandbox', s.client)).not.toBe(a);
    forgetReferenceCache('practice', sim.realmId);
    expect(referenceCacheFor('practice', s.client)).not.toBe(a);
    forgetReferenceCache('practice', sim.realmId);
    forgetReferenceCache('sandbox', sim.realmId);
  });
});
