/**
 * Identity of a POR document for the ledger: the key says WHICH document (type + stable POR id); the content
 * hash says WHAT it says. Same key and same hash = the same document read again (a no-op); same key and a
 * different hash = a regenerated or revised document.
 */
import { createHash } from 'node:crypto';
import type { PorDocument } from './model';

export function documentKey(doc: Pick<PorDocument, 'type' | 'id'>): string {
  return `${doc.type}:${doc.id}`;
}

/**
 * sha256 (hex) of the canonical JSON of the content. `source` (which file/line it came from) and `revision`
 * (a label, not content) are left out so the same entry re-read from a renamed or moved file hashes the same.
 */
export function documentContentHash(doc: PorDocument): string {
  const { source: _source, revision: _revision, ...content } = doc;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** JSON with object keys sorted at every level and undefined members dropped: stable across key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
