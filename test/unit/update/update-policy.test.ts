/** The update policy: version order, what to download, when to install (never mid-posting), and the schedule. */
import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  compareVersions,
  decideInstall,
  decideOnFeed,
  FIRST_CHECK_DELAY_MS,
  postingInFlight,
  UpdateController,
  type Timers,
  type Updater,
} from '../../../main/core/update/update-policy';
import type { QboLogEntry } from '../../../main/core/qbo/qbo-log';
import type { SyncStatus } from '../../../preload/contract';

const idle: SyncStatus = {
  environment: 'production',
  state: 'idle',
  message: 'Up to date',
  companyName: 'Shop',
  realmId: '1',
  queued: 0,
  failed: 0,
  lastRunAt: null,
  nextRunAt: null,
  progress: null,
};

describe('compareVersions', () => {
  it.each([
    ['0.1.0', '0.1.0', 0],
    ['0.2.0', '0.1.9', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '0.99.99', 1],
    ['1.0.0-beta.1', '1.0.0', -1],
    ['1.0.0-beta.2', '1.0.0-beta.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['v1.2.3', '1.2.3+build.7', 0],
  ] as const)('%s vs %s -> %i', (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
    expect(compareVersions(b, a)).toBe(order === 0 ? 0 : -order);
  });

  it('refuses what is not a version', () => {
    expect(compareVersions('1.2', '1.2.0')).toBeNull();
    expect(compareVersions('latest', '1.0.0')).toBeNull();
  });
});

describe('decideOnFeed', () => {
  it('downloads only a newer release', () => {
    expect(decideOnFeed('0.1.0', '0.2.0')).toEqual({ action: 'download', version: '0.2.0' });
    expect(decideOnFeed('0.1.0', '0.1.0')).toEqual({ action: 'ignore', reason: 'up to date' });
    expect(decideOnFeed('0.2.0', '0.1.0')).toMatchObject({ action: 'ignore', reason: expect.stringContaining('older') });
    expect(decideOnFeed('0.1.0', '0.2.0-beta.1')).toMatchObject({ action: 'ignore', reason: expect.stringContaining('pre-release') });
    expect(decideOnFeed('0.2.0-beta.1', '0.2.0-beta.2')).toEqual({ action: 'download', version: '0.2.0-beta.2' });
    expect(decideOnFeed('0.1.0', 'garbage')).toMatchObject({ action: 'ignore' });
    expect(decideOnFeed('0.1.0', null)).toMatchObject({ action: 'ignore' });
  });
});

describe('install decisions', () => {
  it('never installs while a posting is in flight', () => {
    expect(postingInFlight(idle)).toBe(false);
    expect(postingInFlight(null)).toBe(false);
    expect(postingInFlight({ ...idle, state: 'syncing' })).toBe(true);
    expect(postingInFlight({ ...idle, state: 'attention', progress: { done: 1, total: 5 } })).toBe(true);
    expect(decideInstall('0.2.0', '0.1.0', true)).toEqual({ action: 'wait', reason: 'a posting is in flight' });
    expect(decideInstall('0.2.0', '0.1.0', false)).toEqual({ action: 'install', version: '0.2.0' });
    expect(decideInstall(null, '0.1.0', false)).toEqual({ action: 'none' });
    expect(decideInstall('0.1.0', '0.1.0', false)).toEqual({ action: 'none' });
  });
});

function fakeTimers() {
  const timers: { fn: () => void; ms: number; repeat: boolean; cleared: boolean }[] = [];
  const api: Timers = {
    setTimeout: (fn, ms) => timers[timers.push({ fn, ms, repeat: false, cleared: false }) - 1],
    setInterval: (fn, ms) => timers[timers.push({ fn, ms, repeat: true, cleared: false }) - 1],
    clear: (handle) => ((handle as { cleared: boolean }).cleared = true),
  };
  return { api, timers };
}

function fakeUpdater(offers: (string | Error)[]) {
  const calls: string[] = [];
  const updater: Updater = {
    check: async () => {
      calls.push('check');
      const next = offers.shift() ?? null;
      if (next instanceof Error) throw next;
      return next;
    },
    download: async () => {
      calls.push('download');
    },
    install: () => calls.push('install'),
  };
  return { updater, calls };
}

describe('UpdateController', () => {
  it('checks shortly after start and then daily, downloading a newer version once', async () => {
    const { api, timers } = fakeTimers();
    const { updater, calls } = fakeUpdater(['0.2.0', '0.2.0', new Error('getaddrinfo ENOTFOUND updates.example.com')]);
    const log: QboLogEntry[] = [];
    const controller = new UpdateController({ currentVersion: '0.1.0', updater, status: () => idle, log: (e) => log.push(e), timers: api });
    controller.start();
    expect(timers.map((t) => [t.ms, t.repeat])).toEqual([
      [FIRST_CHECK_DELAY_MS, false],
      [CHECK_INTERVAL_MS, true],
    ]);
    expect(CHECK_INTERVAL_MS).toBe(86_400_000);

    timers[0]!.fn();
    await controller.checkNow();
    expect(calls).toEqual(['check', 'download']);
    expect(controller.ready()).toBe('0.2.0');
    // The next day: the same version is not downloaded again.
    timers[1]!.fn();
    await controller.checkNow();
    expect(calls).toEqual(['check', 'download', 'check']);
    // An offline day is written down and tried again tomorrow.
    await controller.checkNow();
    expect(log.at(-1)).toMatchObject({ level: 'warn', event: 'update.check-failed' });
    controller.stop();
    expect(timers.every((t) => t.cleared)).toBe(true);
  });

  it('installs on quit only with a download waiting and no posting in flight', async () => {
    let status: SyncStatus = { ...idle, state: 'syncing', progress: { done: 3, total: 10 } };
    const { updater, calls } = fakeUpdater(['0.2.0']);
    const log: QboLogEntry[] = [];
    const controller = new UpdateController({ currentVersion: '0.1.0', updater, status: () => status, log: (e) => log.push(e), timers: fakeTimers().api });
    expect(controller.installOnQuit()).toBe(false);
    await controller.checkNow();
    expect(controller.installOnQuit()).toBe(false);
    expect(log.at(-1)).toMatchObject({ event: 'update.install-deferred' });
    expect(calls).not.toContain('install');
    status = idle;
    expect(controller.installOnQuit()).toBe(true);
    expect(calls.at(-1)).toBe('install');
  });

  it('runs one check at a time', async () => {
    const { updater, calls } = fakeUpdater(['0.1.0']);
    const controller = new UpdateController({ currentVersion: '0.1.0', updater, status: () => idle, log: () => {}, timers: fakeTimers().api });
    await Promise.all([controller.checkNow(), controller.checkNow(), controller.checkNow()]);
    expect(calls).toEqual(['check']);
  });
});
