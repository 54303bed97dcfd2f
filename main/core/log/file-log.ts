/**
 * The app's and the CLI's log: JSON lines in `<data folder>/logs/por-qbo.log`, scrubbed before they are
 * written (log-scrubber.ts), rotated by size (por-qbo.log.1 is the newest old file). Each line is
 * appended synchronously, so a crash cannot lose the line that explains it, and the app and the CLI
 * can share the file (each write appends to whatever file is current). The folder is 0700 and the
 * files 0600: only this user can read them.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { QboLogEntry, QboLogger } from '../qbo/qbo-log';
import { describeError, scrubLogEntry } from './log-scrubber';

export const LOG_FILE_NAME = 'por-qbo.log';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Old files kept besides the current one: por-qbo.log.1 … por-qbo.log.5. */
export const DEFAULT_KEEP = 5;

export function logDirOf(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** Where the app and the CLI write their log for this data folder. */
export function logFileOf(dataDir: string): string {
  return join(logDirOf(dataDir), LOG_FILE_NAME);
}

export interface FileLogOptions {
  /** Rotate when the current file would grow past this (default 5 MB). */
  maxBytes?: number;
  /** How many rotated files to keep (default 5). */
  keep?: number;
  /** Written on every line, so app and CLI lines can be told apart in the shared file. */
  source?: string;
  now?: () => Date;
}

/** A logger (pass it wherever a `log`/`logger` option is taken) that knows where it writes. */
export type FileLog = QboLogger & {
  readonly path: string;
  readonly dir: string;
  /** Creates the (empty) file if nothing was written yet, so it can be opened. */
  ensureFile(): void;
};

export function openFileLog(dataDir: string, options: FileLogOptions = {}): FileLog {
  const dir = logDirOf(dataDir);
  const path = logFileOf(dataDir);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = Math.max(0, options.keep ?? DEFAULT_KEEP);
  const now = options.now ?? (() => new Date());
  let reported = false;

  const prepareDir = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode applies to a new folder only (and through the umask): make sure of it.
    chmodQuietly(dir, 0o700);
  };
  prepareDir();
  if (existsSync(path)) chmodQuietly(path, 0o600);

  const append = (text: string) => {
    const bytes = Buffer.byteLength(text);
    const size = sizeOf(path);
    if (size > 0 && size + bytes > maxBytes) rotate(path, keep);
    try {
      appendFileSync(path, text, { mode: 0o600 });
    } catch (err) {
      // The folder was removed while running (a cleanup, a test): make it again once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      prepareDir();
      appendFileSync(path, text, { mode: 0o600 });
    }
  };

  const log = (entry: QboLogEntry) => {
    try {
      const line = { at: now().toISOString(), ...(options.source ? { src: options.source } : {}), ...scrubLogEntry(entry) };
      append(`${JSON.stringify(line)}\n`);
    } catch (err) {
      // Logging must never take the app down; say once on stderr that the log is not being written.
      if (!reported) {
        reported = true;
        process.stderr.write(`POR QBO Companion: cannot write the log at ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}).\n`);
      }
    }
  };
  return Object.assign(log, {
    path,
    dir,
    ensureFile: () => {
      prepareDir();
      appendFileSync(path, '', { mode: 0o600 });
    },
  });
}

/** Logs a thrown value that nobody expected: its class, scrubbed message and stack, and the fields given. */
export function logUnknownError(log: QboLogger, event: string, err: unknown, fields: Record<string, unknown> = {}): void {
  const error = describeError(err);
  log({ level: 'error', event, message: error.message, ...fields, error });
}

/** por-qbo.log.(keep-1) → .keep, …, por-qbo.log → .1; the oldest falls off. */
function rotate(path: string, keep: number): void {
  try {
    if (keep === 0) {
      unlinkSync(path);
      return;
    }
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    }
    renameSync(path, `${path}.1`);
  } catch (err) {
    // Another process (the CLI beside the app) rotated first: carry on with the new current file.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function chmodQuietly(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (or a file system without modes): the write still happens.
  }
}
