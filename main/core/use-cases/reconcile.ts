/** Reconcile a date range: QuickBooks against what POR produced (refused input included), per store-day. */
import type { EnvironmentSession } from '../session/environment-session';
import { reconcile, type ReconcileReport } from '../sync/reconcile/reconcile';

export async function reconcileRange(session: EnvironmentSession, range: { from: string; to: string }): Promise<ReconcileReport> {
  const connection = await session.qbo();
  return reconcile({ ledger: session.ledger, environment: session.environment, client: connection.client, references: connection.references, ...range });
}
