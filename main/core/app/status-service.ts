import type { SyncStatus } from '../../../preload/contract';
import type { Environment } from '../environment';
import type { EventHub } from './event-hub';

/** The dashboard's last verdict on the books (health-view.ts): what "Up to date" must not contradict. */
export interface BooksVerdict {
  environment: Environment;
  upToDate: boolean;
  /** One sentence: what is not right (the first thing the dashboard lists). */
  headline: string;
}

/**
 * Holds the one current sync status; every change goes out as a `status:changed` event (tray, notifications,
 * renderer). A session that is merely idle says "Up to date" only while the dashboard's last look at the
 * books agreed: otherwise the tray says what the dashboard says.
 */
export class StatusService {
  private current: SyncStatus;
  private fromSession: SyncStatus;
  private verdict: BooksVerdict | null = null;

  constructor(
    private readonly hub: EventHub,
    environment: Environment,
  ) {
    this.current = this.fromSession = {
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
    this.fromSession = { ...this.fromSession, ...patch };
    return this.publish();
  }

  /** The dashboard looked at the books (reconciliation, mapping, undone, held): the tray follows. */
  noteBooks(verdict: BooksVerdict): SyncStatus {
    this.verdict = verdict;
    return this.publish();
  }

  private publish(): SyncStatus {
    const s = this.fromSession;
    const v = this.verdict;
    const next = s.state === 'idle' && v && v.environment === s.environment && !v.upToDate ? { ...s, state: 'attention' as const, message: v.headline } : s;
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.current;
    this.current = next;
    this.hub.emit('status:changed', next);
    return next;
  }
}
