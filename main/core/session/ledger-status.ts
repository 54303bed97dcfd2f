/**
 * The one sync status of an environment, from its ledger, its connection and what its scheduler knows:
 * the open session publishes it to the tray, the dashboard and notifications, and `por-qbo status`
 * computes it the same way without opening a connection (nothing runs there, so the run facts are empty).
 */
import type { ConnectionStatus } from '../connection/connection-status';
import type { Environment } from '../environment';
import type { Ledger } from '../ledger';
import { deriveStatus, type StatusFacts, type SyncStatus } from '../sync/scheduler/sync-status';

/** What only a running session knows; `status` from the CLI leaves these at rest. */
export type RunState = Pick<
  StatusFacts,
  'servicesOn' | 'paused' | 'running' | 'progress' | 'blockedDocuments' | 'runError' | 'consecutiveFailures' | 'holdReason' | 'lastRunAt' | 'nextRunAt'
>;

export function ledgerStatus(input: {
  environment: Environment;
  ledger: Ledger;
  connection: ConnectionStatus | null;
  /** Why the connection could not even be read (a locked keychain), when it could not. */
  connectionError?: string | null;
  run: RunState;
}): SyncStatus {
  const { ledger, connection: conn, environment } = input;
  const counts = ledger.outbox.counts();
  const docs = ledger.documents.counts();
  const connectionProblem = input.connectionError
    ? `the credential store could not be read (${input.connectionError})`
    : !conn || conn.state === 'not-connected'
      ? `not connected to QuickBooks (${environment})`
      : conn.state === 'reconnect-needed'
        ? `reconnect needed: ${conn.reconnectReason ?? 'QuickBooks refused the connection'}`
        : null;
  return deriveStatus({
    environment,
    companyName: conn?.companyName ?? null,
    realmId: conn?.realmId ?? null,
    connectionProblem,
    queued: counts.queued + counts.inFlight,
    failed: counts.failed,
    held: counts.held,
    pendingDecisions: docs.pendingDecision,
    refusedInput: ledger.quarantine.openCount(),
    ...input.run,
  });
}
