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

export function exitCodeForStatus(status: SyncStatus, extra: { held?: number; holdReason?: string | null } = {}): number {
  if (status.state === 'disconnected') return EXIT.disconnected;
  if (status.state === 'error') return status.queued > 0 ? EXIT.retryLater : EXIT.attention;
  if (status.failed > 0) return EXIT.attention;
  if (extra.holdReason) return EXIT.held;
  if (status.state === 'attention') return EXIT.attention;
  return EXIT.ok;
}
