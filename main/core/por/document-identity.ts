/**
 * Identity of a POR document for the ledger: the key says WHICH document (type + stable POR id); the content
 * hash says WHAT it says. Same key and same hash = the same document read again (a no-op); same key and a
 * different hash = a regenerated or revised document.
 */
import { hash } from 'node:crypto';
import type { GlJournal, GlLine, PorDocument } from './model';

export function documentKey(doc: Pick<PorDocument, 'type' | 'id'>): string {
  return `${doc.type}:${doc.id}`;
}

/**
 * sha256 (hex) of the canonical JSON of the content. `source` (which file/line it came from) and `revision`
 * (a label, not content) are left out so the same entry re-read from a renamed or moved file hashes the same.
 * Ledgers store this hash: it must never change for the same content (a test pins known values).
 */
export function documentContentHash(doc: PorDocument): string {
  return documentContent(doc).hash;
}

/** canonicalJson of the document without `source` and `revision`: the text documentContentHash hashes. */
export function documentContentJson(doc: PorDocument): string {
  const parts = doc.type === 'glJournal' ? glJournalJsonParts(doc) : null;
  if (parts) return parts.head + parts.tail;
  const { source: _source, revision: _revision, ...content } = doc;
  return canonicalJson(content);
}

/** Canonical JSON of a GL journal's content, cut where `revision` and `source` sort in. */
export interface JsonParts {
  head: string;
  tail: string;
}

export interface DocumentContent {
  hash: string;
  /** The canonical text hashed (flat: it was just hashed). */
  json: string;
  /** For a plain GL journal: its canonical text in two parts (see glJournalJsonParts); otherwise null. */
  parts: JsonParts | null;
}

/**
 * The content hash, and for GL journals (a big import is thousands of them) the canonical text it was
 * taken from: those take a hand-written path that yields the very same text as canonicalJson without
 * sorting keys, and the ledger builds the stored JSON from it instead of serialising the document again.
 */
export function documentContent(doc: PorDocument): DocumentContent {
  const parts = doc.type === 'glJournal' ? glJournalJsonParts(doc) : null;
  const json = parts ? parts.head + parts.tail : documentContentJson(doc);
  return { hash: hash('sha256', json, 'hex'), json, parts };
}

/** JSON with object keys sorted at every level and undefined members dropped: stable across key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * canonicalJson of a GL journal's content, split where `revision` and `source` would sort in (between
 * `period` and `store`), so the ledger can also build the stored JSON of the whole document from it.
 * Null when the object is not exactly a plain GlJournal (an extra, missing or undefined member, a value of
 * another type): then only the generic path is sure to give the canonical text.
 */
export function glJournalJsonParts(doc: GlJournal): JsonParts | null {
  if (!isPlain(doc)) return null;
  let n = 0;
  for (const k in doc) {
    if (!JOURNAL_KEYS.has(k)) return null;
    n++;
  }
  const hasRevision = doc.revision !== undefined;
  const hasSource = doc.source !== undefined;
  if (n !== 9 + (hasRevision ? 1 : 0) + (hasSource ? 1 : 0)) return null;
  const { businessDate, className, docNumber, id, lines, memo, period, store } = doc;
  if (typeof businessDate !== 'string' || typeof id !== 'string' || typeof period !== 'string') return null;
  if (!isTextOrNull(className) || !isTextOrNull(docNumber) || !isTextOrNull(memo)) return null;
  if (store !== null && !(typeof store === 'number' && Number.isFinite(store))) return null;
  if (!Array.isArray(lines) || Object.getPrototypeOf(lines) !== Array.prototype || !linesInCanonicalShape(lines)) return null;
  return {
    // JSON.stringify keeps insertion order, which linesInCanonicalShape checked is the sorted one.
    head:
      `{"businessDate":${JSON.stringify(businessDate)},"className":${textJson(className)},"docNumber":${textJson(docNumber)},` +
      `"id":${JSON.stringify(id)},"lines":${JSON.stringify(lines)},"memo":${textJson(memo)},"period":${JSON.stringify(period)},`,
    tail: `"store":${store === null ? 'null' : JSON.stringify(store)},"type":"glJournal"}`,
  };
}

const JOURNAL_KEYS = new Set(['type', 'id', 'store', 'businessDate', 'revision', 'source', 'docNumber', 'memo', 'className', 'period', 'lines']);
/** GlLine members in sorted order: how the IIF reader builds them. */
const LINE_KEYS = ['account', 'amount', 'className', 'memo', 'name'];

/** Every line a plain object with exactly the GlLine members, in sorted order, of the right types. */
function linesInCanonicalShape(lines: readonly GlLine[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!isPlain(line)) return false; // also a hole in the array
    let n = 0;
    for (const k in line) {
      if (k !== LINE_KEYS[n]) return false;
      n++;
    }
    if (n !== LINE_KEYS.length) return false;
    const { account, amount, className, memo, name } = line!;
    if (typeof account !== 'string' || typeof amount !== 'number' || !Number.isFinite(amount)) return false;
    if (!isTextOrNull(className) || !isTextOrNull(memo) || !isTextOrNull(name)) return false;
  }
  return true;
}

/** A plain object: own enumerable members are exactly what for..in sees. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isTextOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function textJson(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}
