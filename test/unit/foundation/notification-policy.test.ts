import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../preload/contract';
import { noticeFor } from '../../../main/core/app/notification-policy';

const s = (patch: Partial<SyncStatus>): SyncStatus => ({
  environment: 'production',
  state: 'idle',
  message: 'ok',
  companyName: null,
  realmId: null,
  queued: 0,
  failed: 0,
  lastRunAt: null,
  nextRunAt: null,
  progress: null,
  ...patch,
});

describe('desktop notification policy', () => {
  it('stays quiet while things are fine', () => {
    expect(noticeFor(null, s({ state: 'idle' }))).toBeNull();
    expect(noticeFor(s({}), s({ state: 'syncing' }))).toBeNull();
    expect(noticeFor(s({ state: 'error' }), s({ state: 'paused' }))).toBeNull();
  });
  it('notifies once per distinct problem, naming the environment', () => {
    const bad = s({ state: 'attention', message: 'Account 4000-02 is not mapped for store 2' });
    expect(noticeFor(s({}), bad)).toEqual({ title: 'Production: needs your attention', body: bad.message });
    expect(noticeFor(bad, { ...bad, queued: 3 })).toBeNull();
    expect(noticeFor(bad, { ...bad, message: 'Period closed on 2026-03-31' })).not.toBeNull();
    expect(noticeFor(s({}), s({ state: 'disconnected', environment: 'sandbox', message: 'x' }))?.title).toBe('Sandbox: reconnect to QuickBooks');
  });
});
