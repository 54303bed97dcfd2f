import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { QboLogEntry, QboLogger } from '../qbo/qbo-log';

/** Field names that must never be logged, whatever a caller passes (defence in depth). */
const FORBIDDEN_FIELD = /token|secret|password|authorization|credential|^code$|client.?id/i;

/** Drops forbidden fields and caps long strings; what remains is ids, codes, statuses, intuit_tid. */
export function scrubLogEntry(entry: QboLogEntry): QboLogEntry {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (FORBIDDEN_FIELD.test(key)) continue;
    out[key] = typeof value === 'string' && value.length > 500 ? `${value.slice(0, 500)}…` : value;
  }
  return out as QboLogEntry;
}

/** Appends one JSON line per entry (with a timestamp) to `path`. */
export function fileLogger(path: string): QboLogger {
  mkdirSync(dirname(path), { recursive: true });
  return (entry) => {
    appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...scrubLogEntry(entry) })}\n`, { mode: 0o600 });
  };
}

/** Sends entries to several loggers (a file and the console, say). */
export function teeLogger(...loggers: QboLogger[]): QboLogger {
  return (entry) => {
    for (const logger of loggers) logger(entry);
  };
}
