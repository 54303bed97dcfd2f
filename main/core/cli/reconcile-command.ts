/**
 * `por-qbo reconcile [--from D] [--to D] [--csv] [--env E] [--json]`: POR totals against what QuickBooks
 * holds, per store, day and account, to the cent. Without dates: every day the ledger has documents for.
 * Exit code 0 when everything matches, 4 when there are differences.
 */
import { resolveDataDir } from '../data-dir';
import { formatCents } from '../money';
import type { EnvironmentSession } from '../session/environment-session';
import { EXIT } from '../use-cases/exit-codes';
import { reconcileRange } from '../use-cases/reconcile';
import { reconcileCsv } from '../sync/reconcile/reconcile-csv';
import type { ReconcileReport } from '../sync/reconcile/reconcile';
import { usageError, type ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { withCliSession } from './cli-session';
import { SPECS } from './command-table';

export async function run({ values }: ParsedArgs<typeof SPECS.reconcile>): Promise<number> {
  const usage = (message: string) => usageError('reconcile', SPECS.reconcile, message, values.json);
  if (values.csv && values.json) return usage('choose --csv or --json, not both');
  if (values.from && values.to && values.from > values.to) return usage('--from must not be after --to');
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  return withCliSession({ environment, dataDir, open: 'runtime' }, async ({ runtime }) => {
    if (!runtime.connection) {
      process.stderr.write(`por-qbo reconcile: not connected to QuickBooks (${environment}); connect first.\n`);
      return EXIT.disconnected;
    }
    const range = defaultRange(runtime, values.from, values.to);
    if (!range) {
      process.stderr.write('por-qbo reconcile: the ledger has no POR documents yet; give --from and --to.\n');
      return EXIT.usage;
    }
    const report = await reconcileRange(runtime, range);
    if (values.csv) process.stdout.write(reconcileCsv(report));
    else if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stdout.write(formatReport(report));
    return report.match ? EXIT.ok : EXIT.attention;
  });
}

function defaultRange(runtime: EnvironmentSession, from: string | undefined, to: string | undefined): { from: string; to: string } | null {
  if (from && to) return { from, to };
  const days = runtime.ledger.reconciliation.storeDays({});
  if (days.length === 0) return from || to ? { from: from ?? to!, to: to ?? from! } : null;
  const dates = days.map((d) => d.businessDate).sort();
  return { from: from ?? dates[0]!, to: to ?? dates[dates.length - 1]! };
}

/** A short table: one line per store-day, then every differing account. */
export function formatReport(report: ReconcileReport): string {
  const lines = [
    `Reconciliation ${report.environment} (${report.mode} mode), ${report.from} to ${report.to}: ${report.match ? 'QuickBooks matches POR to the cent.' : `${report.totals.differences} difference(s).`}`,
    `QuickBooks holds ${report.qboTransactions.JournalEntry} journal entries, ${report.qboTransactions.Invoice} invoices, ${report.qboTransactions.CreditMemo} credit memos in this range.`,
    '',
    `${'Store'.padEnd(6)}${'Date'.padEnd(12)}${'POR debits'.padStart(16)}${'QBO debits'.padStart(16)}  Result`,
  ];
  for (const d of report.days) {
    lines.push(
      `${String(d.store ?? '-').padEnd(6)}${d.date.padEnd(12)}${formatCents(d.porDebitCents).padStart(16)}${formatCents(d.qboDebitCents).padStart(16)}  ${d.match ? 'match' : `${d.differences} difference(s)`}`,
    );
  }
  lines.push(`${'Total'.padEnd(18)}${formatCents(report.totals.porDebitCents).padStart(16)}${formatCents(report.totals.qboDebitCents).padStart(16)}`);
  const diffs = report.rows.filter((r) => !r.match);
  if (diffs.length) {
    lines.push('', 'Differences:');
    for (const r of diffs.slice(0, 50)) {
      lines.push(
        `  store ${r.store ?? '-'} ${r.date} ${r.accountLabel}: POR ${formatCents(r.porCents)}, QuickBooks ${formatCents(r.qboCents)} (difference ${formatCents(r.differenceCents)})`,
      );
      for (const n of r.notes) lines.push(`    ${n}`);
    }
    if (diffs.length > 50) lines.push(`  ... and ${diffs.length - 50} more (use --csv for all).`);
  }
  const undated = report.refused.filter((r) => r.date === null);
  if (undated.length) {
    lines.push('', 'Refused POR input whose day could not be read (it may belong to any day of the range):');
    for (const r of undated.slice(0, 20)) lines.push(`  ${r.note}`);
  }
  if (report.notCounted.length)
    lines.push('', `${report.notCounted.length} POR document(s) not expected in QuickBooks yet (e.g. ${report.notCounted[0]!.message})`);
  if (report.notExported.length) lines.push(`${report.notExported.length} left out by the mode on purpose (${report.notExported[0]!.message})`);
  return `${lines.join('\n')}\n`;
}
