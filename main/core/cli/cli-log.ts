/**
 * The CLI's log: the same rotating, scrubbed file as the app's (`<data folder>/logs/por-qbo.log`),
 * lines marked `"src":"cli"`. One per data folder per process.
 */
import { openFileLog, type FileLog } from '../log/file-log';

const logs = new Map<string, FileLog>();

export function cliLog(dataDir: string): FileLog {
  let log = logs.get(dataDir);
  if (!log) {
    log = openFileLog(dataDir, { source: 'cli' });
    logs.set(dataDir, log);
  }
  return log;
}
