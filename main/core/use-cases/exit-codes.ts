/**
 * Exit codes of the sync-side CLI commands (sync, status, reconcile, practice), so scripts and
 * schedulers can react without parsing text.
 */
import type { SyncStatus } from '../sync/scheduler/sync-status';

export const EXIT = {
  /** Done: everything sent / up to date / reconciled. */
  ok: 0,
  /** Something unexpected went wrong (details on stderr). */
  error: 1,
  /** The command line was wrong. */
  usage: 2,
  /** Not connected to QuickBooks, or it must be reconnected. */
  disconnected: 3,
  /** Some exports failed (or reconciliation differs) and need a person. */
  attention: 4,
  /** QuickBooks was unreachable or busy: work is still queued, run again later. */
  retryLater: 5,
  /** Production is not ready yet (cutover): documents are held. */
  held: 6,
} as const;

export const EXIT_CODE_HELP = [
  'Exit codes: 0 done, 1 unexpected error, 2 usage, 3 not connected / reconnect needed,',
  '4 exports failed or totals differ (needs a person), 5 QuickBooks busy or unreachable (run again later),',
  '6 production not ready (documents held).',
].join('\n');

/** What a sync run just did, when the code is for `por-qbo sync` (null for `status`). */
export interface RunFacts {
  /** Why the drain stopped early, if it did. */
  stopped: 'reconnect' | 'stop' | 'guard' | 'aborted' | string | null;
  /** Nothing was sent (not connected, go-live hold). */
  skipped: boolean;
  /** Outbox counts after the run. */
  held: number;
  queued: number;
}

/**
 * The one rule from the one status to an exit code, for `status` and `sync` alike. After a run, work still
 * queued means QuickBooks was busy (run again later); without one, the status alone decides.
 */
export function exitCodeForStatus(status: SyncStatus, extra: { holdReason?: string | null; run?: RunFacts | null } = {}): number {
  const run = extra.run ?? null;
  if (status.state === 'disconnected' || run?.stopped === 'reconnect') return EXIT.disconnected;
  if (run?.stopped === 'stop' || run?.stopped === 'guard') return EXIT.attention;
  if (!run && status.state === 'error') return status.queued > 0 ? EXIT.retryLater : EXIT.attention;
  if (status.failed > 0) return EXIT.attention;
  if (run ? run.skipped && run.held > 0 && run.queued === 0 : !!extra.holdReason) return EXIT.held;
  if (run) return run.queued > 0 ? EXIT.retryLater : EXIT.ok;
  if (status.state === 'attention') return EXIT.attention;
  return EXIT.ok;
}
