import { writeFileSync } from 'node:fs';
import { importPorFiles } from '../../../main/core/use-cases/import-por-files';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../main/core/sync/scheduler/sync-status';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { SyncStatusSchema } from '../../../preload/contract';
import { practiceRuntime, type RuntimeFixture } from './runtime-fixture';

let fx: RuntimeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('runtime status stream and scheduler', () => {
  it('practice connects by itself; Sync now goes idle -> syncing (with progress) -> up to date', async () => {
    fx = await practiceRuntime();
    const { runtime } = fx;
    expect(runtime.connection?.realmId).toBe(fx.sim.realmId);
    expect(runtime.status().state).toBe('idle');
    await setupPracticeData(runtime.ledger, runtime.connection!, { startDate: '2026-03-02', days: 2, stores: 2, mode: 'realtime' });

    const seen: SyncStatus[] = [];
    runtime.onStatus((s) => seen.push(s));
    const cycle = await runtime.syncNow();
    expect(cycle?.drain?.failed).toBe(0);
    expect(cycle?.drain?.posted).toBeGreaterThan(10);
    const states = seen.map((s) => s.state);
    expect(states).toContain('syncing');
    expect(seen.some((s) => s.state === 'syncing' && s.progress && s.progress.total > 0 && s.progress.done > 0)).toBe(true);
    const last = runtime.status();
    expect(last).toMatchObject({ state: 'idle', queued: 0, failed: 0, environment: 'practice', realmId: fx.sim.realmId });
    expect(last.message).toMatch(/services are off/i);
    expect(last.lastRunAt).not.toBeNull();
    for (const s of seen) expect(SyncStatusSchema.safeParse(s).success).toBe(true);
  });

  it('with Accounting Sync Services on, new documents go out by themselves; pause holds them; resume sends them', async () => {
    fx = await practiceRuntime({ runtime: { pollIntervalMs: { realtime: 200 } } });
    const { runtime } = fx;
    const held = new Set<string>();
    const setup = await setupPracticeData(runtime.ledger, runtime.connection!, {
      startDate: '2026-03-02',
      days: 2,
      stores: 1,
      mode: 'realtime',
      include: (d) => {
        if (d.businessDate === '2026-03-03') held.add(d.id);
        return d.businessDate !== '2026-03-03';
      },
    });
    runtime.settings.set('syncServicesOn', true);
    runtime.applySettings();
    expect(fx.settings.get('syncServicesOn')).toBe(true);
    await until(() => runtime.ledger.outbox.counts().posted > 0 && runtime.status().state === 'idle', 'first automatic run');
    const postedFirst = runtime.ledger.outbox.counts().posted;
    expect(runtime.status().nextRunAt).not.toBeNull();

    runtime.settings.set('paused', true);
    runtime.applySettings();
    expect(runtime.status().state).toBe('paused');
    expect(fx.settings.get('paused')).toBe(true);
    runtime.ledger.transaction(() => {
      for (const d of setup.data.documents) if (held.has(d.id)) runtime.ledger.documents.record(d);
    });
    runtime.trigger();
    await new Promise((r) => setTimeout(r, 600));
    expect(runtime.ledger.outbox.counts().posted).toBe(postedFirst);

    runtime.settings.set('paused', false);
    runtime.applySettings();
    await until(
      () => runtime.ledger.outbox.counts().posted > postedFirst && runtime.ledger.outbox.counts().queued === 0 && runtime.status().state === 'idle',
      'run after resume',
    );
    expect(runtime.status().message).toBe('Up to date.');
    runtime.settings.set('syncServicesOn', false);
    runtime.applySettings();
    expect(runtime.status().nextRunAt).toBeNull();
  });

  it('refused POR input puts the tray in attention until the corrected file settles it', async () => {
    fx = await practiceRuntime();
    const { runtime, dir } = fx;
    expect(runtime.status().state).toBe('idle');
    const bad = join(dir, 'PR260302');
    writeFileSync(bad, '!TRNS\tDATE\tACCNT\tAMOUNT\r\nTRNS\t03/02/2026\t1020-01\t10.00\r\nSPL\t03/02/2026\t4000-01\t-10.00\r\nENDTRNS\r\n');
    await importPorFiles(runtime, [bad]);
    expect(runtime.status()).toMatchObject({ state: 'attention' });
    expect(runtime.status().message).toMatch(/1 problem in POR files kept POR data out of QuickBooks \(see POR data\)/);
    const fixed = join(dir, 'PR260302 fixed');
    writeFileSync(
      fixed,
      '!TRNS\tDATE\tACCNT\tAMOUNT\r\n!SPL\tDATE\tACCNT\tAMOUNT\r\nTRNS\t03/02/2026\t1020-01\t10.00\r\nSPL\t03/02/2026\t4000-01\t-10.00\r\nENDTRNS\r\n',
    );
    await importPorFiles(runtime, [fixed]);
    expect(runtime.ledger.quarantine.openCount()).toBe(0);
    expect(runtime.status().message).not.toMatch(/POR files/);
  });

  it('closing while syncing waits for the requests in flight and leaves nothing in flight', async () => {
    fx = await practiceRuntime({ sim: { knobs: { latencyMs: 150 } }, runtime: { engine: { batchSize: 3, maxInFlight: 2 } } });
    const { runtime, sim, dir } = fx;
    await setupPracticeData(runtime.ledger, runtime.connection!, { startDate: '2026-03-02', days: 2, stores: 2, mode: 'realtime' });
    const sync = runtime.syncNow();
    await until(() => runtime.ledger.outbox.counts().posted > 0, 'first exports');
    await runtime.close();
    await sync;
    const { openLedger } = await import('../../../main/core/ledger');
    const ledger = openLedger(dir, 'practice', { recover: false });
    try {
      const counts = ledger.outbox.counts();
      expect(counts.inFlight).toBe(0);
      expect(counts.queued).toBeGreaterThan(0); // it stopped early: the rest waits for the next run
      const created = sim.list('JournalEntry').length + sim.list('Customer').length + sim.list('Class').length;
      expect(counts.posted).toBeLessThanOrEqual(created);
    } finally {
      ledger.close();
    }
  });

  it('reconnect needed: the run stops, nothing is lost, status says disconnected', async () => {
    fx = await practiceRuntime();
    const { runtime, sim } = fx;
    await setupPracticeData(runtime.ledger, runtime.connection!, { startDate: '2026-03-02', days: 1, stores: 1, mode: 'realtime' });
    sim.knobs.expireAccessTokens = true;
    // The token endpoint refuses too: the refresh token was revoked.
    await runtime.connection!.tokens.disconnect().catch(() => undefined);
    const cycle = await runtime.syncNow();
    expect(runtime.status().state).toBe('disconnected');
    expect(cycle?.drain === null || cycle?.drain?.posted === 0).toBe(true);
    const counts = runtime.ledger.outbox.counts();
    expect(counts.queued).toBeGreaterThan(0);
    expect(counts.failed).toBe(0);
    expect(sim.list('JournalEntry').length).toBe(0);
  });
});
