/**
 * Writes the error that is about to take the process down into the log. A monitor only observes:
 * Node (or Electron) still handles the crash the way it would without it.
 */
import type { QboLogger } from '../qbo/qbo-log';
import { logUnknownError } from './file-log';

export function logProcessCrashes(log: QboLogger, proc: NodeJS.Process = process): () => void {
  const monitor = (err: Error, origin: string) => logUnknownError(log, 'process.crashed', err, { origin });
  proc.on('uncaughtExceptionMonitor', monitor);
  return () => {
    proc.off('uncaughtExceptionMonitor', monitor);
  };
}
