/**
 * `por-qbo status [--env E] [--json]`: the same sync status the tray shows, read without any network
 * call (ledger counts, the connection record and token dates), plus the exports that need a person.
 */
import { resolveDataDir } from '../data-dir';
import { getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { ledgerStatus } from '../session/ledger-status';
import { exitCodeForStatus } from '../use-cases/exit-codes';
import type { ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { failedExportLines, failedExports } from './failed-exports';
import { withCliSession } from './cli-session';
import type { SPECS } from './command-table';

export async function run({ values }: ParsedArgs<typeof SPECS.status>): Promise<number> {
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  return withCliSession({ environment, dataDir, open: 'ledger', recover: false }, async ({ ledger, settings, secrets }) => {
    let connection: ConnectionStatus | null = null;
    let connectionError: string | null = null;
    try {
      connection = await getConnectionStatus(environment, { dataDir, secrets });
    } catch (err) {
      connectionError = err instanceof Error ? err.message : String(err);
    }
    const counts = ledger.outbox.counts();
    const docs = ledger.documents.counts();
    const held = ledger.outbox.list({ status: 'held' }, { limit: 1 }).rows[0];
    const lastPosted = ledger.outbox.list({ status: 'posted' }, { limit: 1 }).rows[0];
    const status = ledgerStatus({
      environment,
      ledger,
      connection,
      connectionError,
      run: {
        servicesOn: settings.get('syncServicesOn'),
        paused: settings.get('paused'),
        running: false,
        progress: null,
        runError: null,
        consecutiveFailures: 0,
        holdReason: held?.holdReason ?? null,
        lastRunAt: lastPosted ? Date.parse(lastPosted.updatedAt) : null,
        nextRunAt: null,
      },
    });
    const failures = failedExports(ledger, 20);
    const code = exitCodeForStatus(status, { holdReason: held?.holdReason ?? null });
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ environment, dataDir, exitCode: code, status, connection, counts, documents: docs, failures, mode: ledger.settings.get('exportMode') ?? null })}\n`,
      );
    } else {
      const lines = [
        `Environment: ${environment}${connection?.companyName ? ` (${connection.companyName}, realm ${connection.realmId})` : ''}`,
        `State: ${status.state}: ${status.message}`,
        `Mode: ${ledger.settings.get('exportMode') ?? 'not chosen'}; Accounting Sync Services ${settings.get('syncServicesOn') ? 'on' : 'off'}${settings.get('paused') ? ' (paused)' : ''}`,
        `Exports: ${counts.posted} posted, ${counts.queued + counts.inFlight} queued, ${counts.failed} failed, ${counts.held} held, ${counts.undone} undone`,
        `Documents: ${docs.active} active, ${docs.pendingDecision} waiting for a decision`,
      ];
      if (status.lastRunAt) lines.push(`Last export: ${status.lastRunAt}`);
      lines.push(...failedExportLines(failures));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return code;
  });
}
