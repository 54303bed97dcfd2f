/**
 * `por-qbo practice [--days N] [--mode batch|realtime|transaction] [--stores N] [--seed N] [--start D] [--keep] [--json]`:
 * the whole pipeline with no Intuit account and no POR system. The practice store generates N days of a
 * rental business, the practice QuickBooks simulator runs in this process (its company kept in the data
 * folder), the documents are planned in the chosen mode and sent, then QuickBooks' totals are read back
 * and reconciled against POR's. Starts from a fresh practice company unless --keep.
 * Practice credentials belong to the in-process simulator only, so they are kept in memory.
 */
import { reconcileRange } from '../use-cases/reconcile';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../data-dir';
import { ledgerPath } from '../ledger';
import { startSimulator } from '../practice/simulator';
import { deleteConnectionRecord } from '../connection/connection-record';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { PRACTICE_COMPANY_FILE } from '../session/environment-session';
import { setupPracticeData } from '../use-cases/practice-setup';
import { EXIT } from '../use-cases/exit-codes';
import type { ParsedArgs } from './cli-args';
import { withCliSession } from './cli-session';
import type { SPECS } from './command-table';
import { formatReport } from './reconcile-command';

export async function run({ values }: ParsedArgs<typeof SPECS.practice>): Promise<number> {
  const { days, stores, seed, mode } = values;
  const start = values.start ?? defaultStart(days);
  const end = addDays(start, days - 1);

  const dataDir = resolveDataDir();
  const practiceDir = join(dataDir, 'practice');
  if (!values.keep) resetPractice(dataDir, practiceDir);
  mkdirSync(practiceDir, { recursive: true });
  const progress = (text: string) => {
    if (!values.json) process.stderr.write(`${text}\n`);
  };

  const sim = await startSimulator({ stateFile: join(practiceDir, PRACTICE_COMPANY_FILE), seed });
  try {
    return await withCliSession(
      { environment: 'practice', dataDir, open: 'runtime', secretStore: new MemorySecretStore(), practiceSimulator: sim },
      async ({ runtime }) => {
        const connection = runtime.connection;
        if (!connection) throw new Error('could not connect to the practice simulator');
        progress(
          `Practice company "${connection.companyName}" (realm ${connection.realmId}); generating ${days} day(s) for ${stores} store(s) from ${start}...`,
        );
        const setup = await setupPracticeData(runtime.ledger, connection, { startDate: start, days, stores, seed, mode });
        progress(
          `${setup.recorded.accepted} new POR document(s) in the ledger; ${setup.mapped} account mapping(s) set${setup.accountsCreated.length ? `; practice accounts created: ${setup.accountsCreated.join(', ')}` : ''}.`,
        );
        progress(`Sending in ${mode} mode...`);
        const cycle = await runtime.cycle('manual');
        const d = cycle.drain;
        progress(
          d
            ? `Sent: ${d.posted} created, ${d.linked} linked, ${d.skipped} with nothing to post, ${d.failed} failed.`
            : `Nothing sent: ${cycle.skipped ?? 'no connection'}`,
        );
        const report = await reconcileRange(runtime, { from: start, to: end });
        const counts = runtime.ledger.outbox.counts();
        const failures = runtime.ledger.outbox
          .list({ status: 'failed' }, { limit: 10 })
          .rows.map((j) => ({ jobId: j.id, kind: j.kind, message: j.lastError?.message ?? null, fix: j.lastError?.fix ?? null }));
        const code = counts.failed > 0 ? EXIT.attention : !report.match ? EXIT.attention : counts.queued > 0 ? EXIT.retryLater : EXIT.ok;
        if (values.json) {
          process.stdout.write(
            `${JSON.stringify({
              exitCode: code,
              mode,
              days,
              stores,
              seed,
              from: start,
              to: end,
              dataDir,
              practice: { summary: setup.data.summary, recorded: setup.recorded, mapped: setup.mapped, accountsCreated: setup.accountsCreated },
              sent: d ? { posted: d.posted, linked: d.linked, skipped: d.skipped, failed: d.failed, retried: d.retried, stopped: d.stopped } : null,
              counts,
              failures,
              simulator: sim.stats(),
              reconciliation: report,
            })}\n`,
          );
        } else {
          process.stdout.write(formatReport(report));
          for (const f of failures) process.stdout.write(`  job ${f.jobId} (${f.kind}): ${f.message}${f.fix ? `\n    Fix: ${f.fix}` : ''}\n`);
        }
        return code;
      },
    );
  } finally {
    await sim.close();
  }
}

/** A fresh practice world: its ledger, its simulated company and its connection record go. */
function resetPractice(dataDir: string, practiceDir: string): void {
  const ledger = ledgerPath(dataDir, 'practice');
  for (const file of [ledger, `${ledger}-wal`, `${ledger}-shm`, join(practiceDir, PRACTICE_COMPANY_FILE)]) {
    if (existsSync(file)) rmSync(file, { force: true });
  }
  deleteConnectionRecord(dataDir, 'practice');
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last N days up to yesterday. */
function defaultStart(days: number): string {
  const today = new Date();
  const utc = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  utc.setUTCDate(utc.getUTCDate() - days);
  return utc.toISOString().slice(0, 10);
}
