/**
 * Numbers people can find (issue: a bookkeeper searches QuickBooks for POR's number): DocNumber is POR's
 * own number wherever it fits in 21 characters. PR260314 for a day's GL entry (PR260314-1, PR260314-2
 * when several stores post that day), INV-50001 for an invoice, a revision suffix only when an earlier
 * revision was actually posted. The exactly-once marker lives in the private note, not in the number.
 */
import { documentKey } from '../../por/document-identity';
import type { GlJournal, IsoDate, PorDocument } from '../../por/model';
import { shortHash, yymmdd } from './doc-number';

/** What the planner knows beyond one document; absent (unit tests) means "one store, nothing posted before". */
export interface DocNumbering {
  /** More than one store exports: a day's entry names its store. */
  multiStore: boolean;
  /** An earlier revision of this document reached QuickBooks (and was undone): the new one needs its own number. */
  earlierRevisionPosted(documentKey: string): boolean;
  /** This store-day already has a batch in QuickBooks: a later one (a late document) needs its own number. */
  supplementaryBatch(store: number, businessDate: IsoDate): boolean;
  /** "-<store>" and/or "-<n>" when one GL file holds several stores or several blocks of one store. */
  glBlockSuffix(doc: GlJournal): string;
}

export const SINGLE_STORE: DocNumbering = {
  multiStore: false,
  earlierRevisionPosted: () => false,
  supplementaryBatch: () => false,
  glBlockSuffix: () => '',
};

/** POR's number as it is when it already reads as one (INV-50001), else with the kind in front (INV-50001 for 50001). */
export function readableNumber(porNumber: string, prefix: string): string {
  const n = porNumber.trim();
  return /^[A-Za-z]/.test(n) ? n : `${prefix}-${n}`;
}

export function revisionSuffix(numbering: DocNumbering, doc: { type: string; id: string; revision: number }): string {
  return doc.revision > 1 && numbering.earlierRevisionPosted(documentKey(doc as Pick<PorDocument, 'type' | 'id'>)) ? `-r${doc.revision}` : '';
}

/** PRyymmdd like POR's file, -store when several stores post, and a short hash only for a supplementary batch. */
export function batchNumber(numbering: DocNumbering, store: number, businessDate: IsoDate, idempotencyKey: string): string {
  const base = `PR${yymmdd(businessDate)}${numbering.multiStore ? `-${store}` : ''}`;
  return numbering.supplementaryBatch(store, businessDate) ? `${base}-${shortHash(idempotencyKey, 4)}` : base;
}

/** Per GL file and number: which stores and blocks share it, so each block gets the shortest unique suffix. */
export function glSuffixes(blocks: readonly GlJournal[], storeOf: (doc: GlJournal) => number | null): (doc: GlJournal) => string {
  const groups = new Map<string, GlJournal[]>();
  const groupKey = (d: GlJournal) => `${d.source.file ?? ''}\u0000${d.docNumber ?? yymmdd(d.businessDate)}`;
  for (const d of blocks) groups.set(groupKey(d), [...(groups.get(groupKey(d)) ?? []), d]);
  const suffix = new Map<string, string>();
  for (const group of groups.values()) {
    const stores = new Set(group.map((d) => storeOf(d)));
    for (const store of stores) {
      const mine = group.filter((d) => storeOf(d) === store).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      mine.forEach((d, i) => suffix.set(d.id, `${stores.size > 1 ? `-${store ?? 0}` : ''}${mine.length > 1 ? `-${i + 1}` : ''}`));
    }
  }
  return (doc) => suffix.get(doc.id) ?? '';
}
