import type { SyncStatus } from '../../../preload/contract';
import type { Environment } from '../environment';
import type { EventHub } from './event-hub';

/** Holds the one current sync status; every change goes out as a `status:changed` event. */
export class StatusService {
  private current: SyncStatus;

  constructor(
    private readonly hub: EventHub,
    environment: Environment,
  ) {
    this.current = {
      environment,
      state: 'idle',
      message: 'Ready',
      companyName: null,
      realmId: null,
      queued: 0,
      failed: 0,
      lastRunAt: null,
      nextRunAt: null,
      progress: null,
    };
  }

  get(): SyncStatus {
    return this.current;
  }

  update(patch: Partial<SyncStatus>): SyncStatus {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.current;
    this.current = next;
    this.hub.emit('status:changed', next);
    return next;
  }
}
