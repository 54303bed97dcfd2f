/**
 * What `por-qbo` says when a command fails in a way nobody planned for: which command failed and why
 * (scrubbed), what to do, and where the log is that now holds the details (stack included).
 */
import { resolveDataDir } from '../data-dir';
import { logUnknownError } from '../log/file-log';
import { scrubText } from '../log/log-scrubber';
import { cliLog } from './cli-log';

export function reportUnexpectedCliError(command: string | undefined, err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const what = command ? `por-qbo ${command}` : 'por-qbo';
  const reason = scrubText(err instanceof Error ? err.message : String(err));
  let where: string;
  try {
    const log = cliLog(resolveDataDir());
    logUnknownError(log, 'cli.failed', err, { command: command ?? null });
    where = `the details are in the log: ${log.path}`;
  } catch (logErr) {
    where = `the log could not be written either (${(logErr as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  write(`${what} failed: ${reason}\nThis was not expected. Run the command again; if it fails again, ${where}\n`);
}
