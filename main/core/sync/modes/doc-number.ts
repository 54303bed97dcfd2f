/**
 * QBO document numbers hold at most 21 characters. We never cut a number silently: two long POR numbers
 * sharing their first 21 characters would collide, and the engine treats a duplicate number (6140) as a
 * possible earlier success, so a collision could link the wrong transaction. A longer number keeps its
 * first 16 characters, then `~` and 4 characters of a hash of the whole number: still readable, still
 * unique, and the full number goes into the private note.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../por/model';

export const MAX_DOC_NUMBER = 21;
/** QBO's limit on PrivateNote and line Description. */
export const MAX_NOTE = 4000;

export interface FittedDocNumber {
  docNumber: string;
  /** Null when the number fits; otherwise a plain sentence for the job's notes. */
  note: string | null;
}

export function fitDocNumber(wanted: string, what = 'Document number'): FittedDocNumber {
  if (wanted.length <= MAX_DOC_NUMBER) return { docNumber: wanted, note: null };
  const docNumber = `${wanted.slice(0, MAX_DOC_NUMBER - 5)}~${shortHash(wanted, 4)}`;
  return {
    docNumber,
    note: `${what} "${wanted}" is longer than the ${MAX_DOC_NUMBER} characters QuickBooks allows; it is sent as "${docNumber}" and the full number is in the private note.`,
  };
}

/** Lower-case base-36 hash prefix: stable across runs and machines. */
export function shortHash(text: string, length: number): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return BigInt(`0x${hex.slice(0, 24)}`)
    .toString(36)
    .padStart(length, '0')
    .slice(0, length);
}

/** `2026-03-14` -> `260314`, as in POR's PRyymmdd file names. */
export function yymmdd(date: IsoDate): string {
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}

export function clip(text: string, max = MAX_NOTE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
