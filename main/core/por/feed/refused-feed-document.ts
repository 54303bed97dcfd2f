/**
 * What can be known of a feed line that was refused: its key, store and day when those fields read, and
 * the postings of an EOD batch whose lines read (COGS, inventory, depreciation reach QuickBooks only
 * through it). Reconciliation counts them on POR's side: POR produced them even if the app refused them.
 */
import { MoneyParseError, parseCents } from '../../money';
import { documentPostings } from '../document-postings';
import { isValidIsoDate } from '../iso-date';
import type { PorDocument, RefusedDocument } from '../model';

const asText = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : null;

function cents(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  try {
    return parseCents(v);
  } catch (err) {
    if (err instanceof MoneyParseError) return null;
    throw err;
  }
}

/** From the raw JSON object of a line the schema refused. */
export function refusedFeedDocument(value: Record<string, unknown>): RefusedDocument {
  const type = typeof value.type === 'string' ? value.type : null;
  const id = asText(value.id);
  const storeText = asText(value.store);
  const store = storeText !== null && /^\d{1,9}$/.test(storeText) ? Number(storeText) : null;
  const date =
    typeof value.businessDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.businessDate) && isValidIsoDate(value.businessDate) ? value.businessDate : null;
  const postings: [string, number][] = [];
  let complete = false;
  if (type === 'eodBatch' && Array.isArray(value.lines)) {
    complete = value.lines.length > 0;
    for (const line of value.lines as unknown[]) {
      const l = (line ?? {}) as Record<string, unknown>;
      const account = asText(l.account);
      const debit = l.debit === undefined ? null : cents(l.debit);
      const credit = l.credit === undefined ? null : cents(l.credit);
      const amount = (l.debit === undefined) === (l.credit === undefined) ? null : debit !== null ? debit : credit !== null ? -credit : null;
      if (account === null || amount === null) complete = false;
      else if (amount !== 0) postings.push([account, amount]);
    }
  }
  return { key: type !== null && id !== null ? `${type}:${id}` : null, store, businessDate: date, postings, complete };
}

/** From a document that read but was refused for its content (totals that do not add up, a revision conflict). */
export function refusedParsedDocument(doc: PorDocument): RefusedDocument {
  const postings: [string, number][] = [];
  for (const p of documentPostings(doc)) if (p.amount !== 0) postings.push([p.account, p.amount]);
  return { key: `${doc.type}:${doc.id}`, store: doc.store, businessDate: doc.businessDate, postings, complete: true };
}
