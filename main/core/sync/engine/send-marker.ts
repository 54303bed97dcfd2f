/**
 * The mark every transaction (PrivateNote) and customer (Notes) we create carries, so the engine can
 * find what an unanswered create left in QBO: DocNumbers are not ours where the company has custom
 * transaction numbers off, and requestid replay is not to be trusted (QBO.md). Per ledger and job,
 * short, and at the end of the note, where it does not get in a reader's way.
 */
import { MAX_NOTE, clip, shortHash } from '../modes/doc-number';

const CUSTOMER_NOTES_MAX = 2000;

export function sendMarker(ledgerId: string, idempotencyKey: string): string {
  return `[por-qbo ${shortHash(`${ledgerId}\n${idempotencyKey}`, 10)}]`;
}

/** `note` with the marker at its end, within QBO's length limit (the note is shortened, never the marker). */
export function withMarker(note: string | undefined, marker: string, max = MAX_NOTE): string {
  const text = (note ?? '').replace(/\s*\[por-qbo [0-9a-z]{10}\]$/, '');
  if (!text) return marker;
  return `${clip(text, max - marker.length - 1)} ${marker}`;
}

export function hasMarker(note: unknown, marker: string): boolean {
  return typeof note === 'string' && note.includes(marker);
}

export { CUSTOMER_NOTES_MAX };
