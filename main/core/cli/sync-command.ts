/**
 * `por-qbo sync [--once] [--env E] [--json]`: sends what the ledger holds to QuickBooks over the same core
 * and data folder as the app. --once runs one cycle (plan, then drain until nothing is runnable) and
 * exits with a code saying what is left; without it, it runs the scheduler in the foreground (Ctrl+C
 * stops it after the requests in flight finish).
 */
import { resolveDataDir } from '../data-dir';
import type { CycleResult, EnvironmentSession } from '../session/environment-session';
import { EXIT, exitCodeForStatus } from '../use-cases/exit-codes';
import type { ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { failedExportLines, failedExports } from './failed-exports';
import { withCliSession } from './cli-session';
import type { SPECS } from './command-table';
import type { Environment } from '../environment';
import { describeHolder, requestSyncFromHolder, tryAcquireEnvLock, type LockInfo } from '../env-lock';

export async function run({ values }: ParsedArgs<typeof SPECS.sync>): Promise<number> {
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  // One sender per environment: while the app holds it, the app does the work (it is asked to).
  const taken = tryAcquireEnvLock(dataDir, environment, 'cli');
  if ('heldBy' in taken) return handOff(dataDir, environment, taken.heldBy, values.once, values.json);
  try {
    return await withCliSession({ environment, dataDir, open: 'runtime' }, ({ runtime }) =>
      values.once ? once(runtime, values.json) : foreground(runtime, values.json),
    );
  } finally {
    taken.lock.release();
  }
}

/** The app holds the environment: it is asked to sync now, and its answer is this command's. */
async function handOff(dataDir: string, environment: Environment, holder: LockInfo, once: boolean, json: boolean): Promise<number> {
  const who = describeHolder(holder, environment);
  if (!once) {
    process.stderr.write(`${who}; por-qbo sync does not run beside it. Use Sync now in the app, or run por-qbo sync --once to ask it to sync.\n`);
    return EXIT.attention;
  }
  process.stderr.write(`${who}; asking it to sync now instead of sending beside it...\n`);
  const timeoutMs = Number(process.env.PORQBO_HANDOFF_TIMEOUT_MS ?? 10 * 60_000);
  const answer = await requestSyncFromHolder(dataDir, environment, timeoutMs);
  const code = answer === null ? EXIT.retryLater : answer.ok ? EXIT.ok : EXIT.attention;
  const message =
    answer === null
      ? `The app did not answer within ${Math.round(timeoutMs / 1000)} s; this command sent nothing. Try again later, or use Sync now in the app.`
      : `Synced by the app: ${answer.message}${answer.posted !== undefined ? ` (${answer.posted} created, ${answer.failed ?? 0} failed)` : ''}`;
  if (json) process.stdout.write(`${JSON.stringify({ environment, exitCode: code, handedTo: holder, answer })}\n`);
  else process.stdout.write(`${environment}: ${message}\n`);
  return code;
}

async function once(runtime: EnvironmentSession, json: boolean): Promise<number> {
  const cycle = await runtime.syncNow();
  const code = cycleExitCode(runtime, cycle);
  report(runtime, cycle, code, json);
  return code;
}

/** Runs the scheduler until SIGINT/SIGTERM; status changes go to stderr. */
async function foreground(runtime: EnvironmentSession, json: boolean): Promise<number> {
  let last = '';
  const unsubscribe = runtime.onStatus((s) => {
    const line = `${new Date().toISOString()} ${s.state}: ${s.message}`;
    if (line.slice(25) !== last) process.stderr.write(`${line}\n`);
    last = line.slice(25);
  });
  runtime.scheduler.setEnabled(true);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('Stopping after the requests in flight...\n');
  await runtime.scheduler.stop();
  unsubscribe();
  const code = cycleExitCode(runtime, null);
  report(runtime, null, code, json);
  return code;
}

export function cycleExitCode(runtime: EnvironmentSession, cycle: CycleResult | null): number {
  const counts = runtime.ledger.outbox.counts();
  return exitCodeForStatus(runtime.status(), {
    run: { stopped: cycle?.drain?.stopped?.reason ?? null, skipped: !!cycle?.skipped, held: counts.held, queued: counts.queued + counts.inFlight },
  });
}

function report(runtime: EnvironmentSession, cycle: CycleResult | null, code: number, json: boolean): void {
  const status = runtime.status();
  const counts = runtime.ledger.outbox.counts();
  const failures = failedExports(runtime.ledger, 10);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ environment: runtime.environment, exitCode: code, status, counts, cycle: cycle ? summarize(cycle) : null, failures })}\n`,
    );
    return;
  }
  const lines = [`${runtime.environment}: ${status.message}`];
  const d = cycle?.drain;
  if (cycle)
    lines.push(
      `Planned ${cycle.plan.enqueued} new export(s) in ${cycle.plan.mode} mode${cycle.released ? `; released ${cycle.released} held at cutover` : ''}.`,
    );
  if (d)
    lines.push(
      `Sent: ${d.posted} created, ${d.linked} linked to what QuickBooks already had, ${d.skipped} with nothing to post, ${d.failed} failed, ${d.retried} to retry.`,
    );
  if (cycle?.skipped) lines.push(`Not sent: ${cycle.skipped}`);
  if (d?.stopped) lines.push(`Stopped: ${d.stopped.message}${d.stopped.fix ? ` ${d.stopped.fix}` : ''}`);
  lines.push(`Ledger: ${counts.posted} posted, ${counts.queued} queued, ${counts.failed} failed, ${counts.held} held.`);
  lines.push(...failedExportLines(failures));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function summarize(cycle: CycleResult) {
  const d = cycle.drain;
  return {
    reason: cycle.reason,
    plan: cycle.plan,
    released: cycle.released,
    skipped: cycle.skipped,
    drain: d
      ? { posted: d.posted, linked: d.linked, skipped: d.skipped, failed: d.failed, retried: d.retried, deferred: d.deferred, stopped: d.stopped }
      : null,
  };
}
