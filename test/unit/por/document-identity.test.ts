import { describe, expect, it } from 'vitest';
import { canonicalJson, documentContentHash, documentKey } from '../../../main/core/por/document-identity';
import type { PorStoreDayClosed } from '../../../main/core/por/model';

const closed = (over: Partial<PorStoreDayClosed> = {}): PorStoreDayClosed => ({
  type: 'storeDayClosed',
  id: 'close-1',
  store: 1,
  businessDate: '2026-03-14',
  revision: 1,
  source: { kind: 'feed', file: 'a.jsonl', line: 3 },
  eodCompletedAt: '2026-03-14T21:00:00Z',
  ...over,
});

describe('document identity', () => {
  it('keys by type and id', () => {
    expect(documentKey(closed())).toBe('storeDayClosed:close-1');
  });

  it('hashes content only: not where it was read from, not the revision label, not key order', () => {
    const h = documentContentHash(closed());
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(documentContentHash(closed({ source: { kind: 'iif', file: 'b', line: 9 }, revision: 2 }))).toBe(h);
    const reordered = Object.fromEntries(Object.entries(closed()).reverse()) as unknown as PorStoreDayClosed;
    expect(documentContentHash(reordered)).toBe(h);
    expect(documentContentHash(closed({ eodCompletedAt: '2026-03-14T21:00:01Z' }))).not.toBe(h);
    expect(documentContentHash(closed({ store: 2 }))).not.toBe(h);
  });

  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: [{ z: 1, a: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[{"a":null,"z":1}]}');
  });
});
