/**
 * `por-qbo import <file|folder>... [--env E] [--json]`: imports POR GL exports (IIF) and feed files (JSON Lines)
 * into an environment's ledger, in place (the inbox watcher is what moves files). Reports accepted,
 * duplicate, revised, waiting and rejected items with reasons.
 * Exit code: 0 all fine, 1 something was rejected, 2 usage.
 */
import { resolveDataDir } from '../data-dir';
import { arrivalOf } from '../inbox/file-arrival';
import { expandImportPaths, importFiles, itemsToShow, reasonWithoutName, reportIsClean, type ImportItem, type ImportReport } from '../inbox';
import type { ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { withCliSession } from './cli-session';
import type { SPECS } from './command-table';

export async function run({ values, positionals }: ParsedArgs<typeof SPECS.import>): Promise<number> {
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  const paths = await expandImportPaths(positionals);
  const { report, ledgerPath } = await withCliSession({ environment, dataDir, open: 'ledger' }, async ({ ledger }) => ({
    report: await importFiles(ledger, paths),
    ledgerPath: ledger.path,
  }));
  const clean = reportIsClean(report);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...report, ledger: ledgerPath, ok: clean })}\n`);
  } else {
    process.stdout.write(renderReport(report, ledgerPath));
  }
  return clean ? 0 : 1;
}

const LABEL: Record<ImportItem['outcome'], string> = {
  accepted: 'accepted',
  duplicate: 'duplicate',
  revised: 'revised',
  pendingDecision: 'waits for a decision',
  outdated: 'outdated',
  rejected: 'rejected',
};

function renderReport(report: ImportReport, ledgerPath: string): string {
  const out: string[] = [`Importing into the ${report.environment} ledger (${ledgerPath})`];
  if (report.files.length === 0) out.push('No files found: nothing imported.');
  for (const f of report.files) {
    const c = f.counts;
    const head =
      f.outcome === 'rejected'
        ? `REJECTED  ${f.name}: ${reasonWithoutName(f)}`
        : f.outcome === 'duplicateFile'
          ? `duplicate ${f.name}: ${f.reason}`
          : `accepted  ${f.name} (${f.format}): ${c.accepted} new, ${c.duplicate} duplicate, ${c.revised} revised, ` +
            `${c.pendingDecision} waiting for a decision, ${c.outdated} outdated, ${c.rejected} rejected`;
    out.push(head);
    // What happened, in the words of the inbox view and the reason file.
    const arrival = arrivalOf(f);
    out.push(`    ${arrival.summary}`);
    if (arrival.fix) out.push(`    what to do: ${arrival.fix}`);
    for (const w of f.warnings) out.push(`    note: ${w}`);
    for (const i of itemsToShow(f, report.items)) {
      const where = [i.line !== null ? `line ${i.line}` : null, i.field ? `field ${i.field}` : null, i.key].filter(Boolean).join(', ');
      out.push(`    ${LABEL[i.outcome]}: ${where ? `${where}: ` : ''}${i.reason ?? ''}`.trimEnd());
    }
  }
  const t = report.totals;
  out.push(
    `Files: ${t.files} (${t.filesAccepted} accepted, ${t.filesDuplicate} already imported, ${t.filesRejected} rejected). ` +
      `Documents: ${t.accepted} new, ${t.duplicate} duplicate, ${t.revised} revised, ${t.pendingDecision} waiting for a decision, ` +
      `${t.outdated} outdated. Rejected items: ${t.rejected}.`,
  );
  if (t.pendingDecision > 0) {
    out.push('Regenerated GL entries wait for a decision (replace what was posted, or keep it): open the app to decide.');
  }
  if (t.rejected > 0 || t.filesRejected > 0) out.push('Rejected items are kept in the quarantine with their reason; nothing else was held back.');
  return `${out.join('\n')}\n`;
}
