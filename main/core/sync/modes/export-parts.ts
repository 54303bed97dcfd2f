/**
 * Export parts: the unit the ledger remembers as "already sent". Most documents are one part (their
 * document key). An invoice is two: the sale (revenue, tax, A/R for the total) and what was paid when the
 * contract closed (drawer debited, A/R credited). Real-time and batch send both together; transaction mode
 * sends the sale as a QBO Invoice and the paid part in the EOD batch. Keeping them apart lets a mode switch
 * mid-day never send either half twice.
 */
import { documentKey } from '../../por/document-identity';
import type { IsoDate, PorDocument, PorInvoice } from '../../por/model';

export const PAID_AT_CLOSE_SUFFIX = '#paid';

export function paidPartKey(invoice: Pick<PorInvoice, 'type' | 'id'>): string {
  return `${documentKey(invoice)}${PAID_AT_CLOSE_SUFFIX}`;
}

/** The document key a part key belongs to. */
export function documentKeyOfPart(partKey: string): string {
  return partKey.endsWith(PAID_AT_CLOSE_SUFFIX) ? partKey.slice(0, -PAID_AT_CLOSE_SUFFIX.length) : partKey;
}

export function hasPaidPart(invoice: PorInvoice): boolean {
  return invoice.paidAtClose.some((p) => p.amount !== 0);
}

/** Every part of a document that carries money (storeDayClosed has none). */
export function exportPartKeys(doc: PorDocument): string[] {
  if (doc.type === 'storeDayClosed') return [];
  if (doc.type === 'invoice' && hasPaidPart(doc)) return [documentKey(doc), paidPartKey(doc)];
  return [documentKey(doc)];
}

/** One store's business day, as a map key. */
export function storeDayKey(store: number, businessDate: IsoDate): string {
  return `${store}|${businessDate}`;
}

/** A part together with the revision it was planned (and, once posted, sent) at. */
export interface CoveredPart {
  key: string;
  revision: number;
}
