/**
 * The text of a document row (stored JSON, postings, source), apart from the ledger so a big GL export's rows
 * can be prepared on another thread (inbox/iif-preparation.ts) while the ledger records the ones before.
 */
import type { JsonParts } from '../por/document-identity';
import { documentPostings } from '../por/document-postings';
import type { PorDocument } from '../por/model';

/**
 * The document as stored (with its revision). A GL journal's canonical parts already hold everything but
 * `revision` and `source`, which sort in between them: the same JSON value as JSON.stringify, keys sorted.
 */
export function payloadJson(doc: PorDocument, revision: number, parts: JsonParts | null, sourceJson: string | undefined): string {
  if (parts && Number.isSafeInteger(revision)) {
    const source = sourceJson === undefined ? '' : `"source":${sourceJson},`;
    return `${parts.head}"revision":${revision},${source}${parts.tail}`;
  }
  return JSON.stringify(revision === doc.revision ? doc : { ...doc, revision });
}

/** Signed postings [[account, cents], ...] without zero amounts (`plainJournal`: checked shape); stored as JSON. */
export function postingsOf(doc: PorDocument, plainJournal: boolean): [string, number][] {
  if (plainJournal && doc.type === 'glJournal') {
    // documentPostings of a journal is its lines as they are: no objects in between.
    const postings: [string, number][] = [];
    for (const l of doc.lines) if (l.amount !== 0) postings.push([l.account, l.amount]);
    return postings;
  }
  const postings: [string, number][] = [];
  for (const p of documentPostings(doc)) if (p.amount !== 0) postings.push([p.account, p.amount]);
  return postings;
}

/**
 * A GL journal read from an IIF file, as the strings its row is written from (DocumentStore.recordPrepared):
 * what DocumentStore.insert would compute from the journal, computed beforehand (inbox/prepared-batch.ts).
 */
export interface PreparedJournal {
  key: string;
  id: string;
  store: number | null;
  businessDate: string;
  /** Content hash (documentContent). */
  hash: string;
  /** The journal's own revision (1 for every IIF block). */
  revision: number;
  /** The stored JSON at that revision. */
  payload: string;
  /** JSON of postingsOf. */
  postings: string;
  /** JSON of its source ({kind: 'iif', file, line}). */
  sourceJson: string;
  file: string | null;
  line: number | null;
}

/** The stored JSON of a prepared journal at another revision (a regenerated block): as payloadJson gives it. */
export function payloadAtRevision(p: PreparedJournal, revision: number): string {
  return revision === p.revision ? p.payload : JSON.stringify({ ...(JSON.parse(p.payload) as object), revision });
}
