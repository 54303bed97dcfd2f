/**
 * The QBO layer's log sink. Entries carry ids, codes, statuses and intuit_tid only: never a token,
 * a request body or a header, so any sink (file, console, UI) is safe.
 */
export type QboLogLevel = 'info' | 'warn' | 'error';

export interface QboLogEntry {
  level: QboLogLevel;
  event: string;
  message: string;
  [field: string]: unknown;
}

export type QboLogger = (entry: QboLogEntry) => void;

export const silentLogger: QboLogger = () => {};
