/**
 * GL journals take a hand-written canonical-JSON path (big imports hash thousands of them). Ledgers store the
 * hash, so it must be exactly the text canonicalJson gives: pinned values from before the fast path, and a
 * property test against canonicalJson for journals of every shape, including ones the fast path must refuse.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, documentContent, documentContentHash, documentContentJson, glJournalJsonParts } from '../../../main/core/por/document-identity';
import { readIifText } from '../../../main/core/por/iif';
import type { GlJournal, PorDocument, PorStoreDayClosed } from '../../../main/core/por/model';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const contentOf = (doc: object): unknown => {
  const { source: _s, revision: _r, ...content } = doc as Record<string, unknown>;
  return content;
};

/** The shape the IIF reader builds: line members in sorted order. */
function journal(over: Partial<GlJournal> = {}): GlJournal {
  return {
    type: 'glJournal',
    id: 'gl:1:2026-03-14:1',
    store: 1,
    businessDate: '2026-03-14',
    revision: 1,
    source: { kind: 'iif', file: 'PR260314', line: 4 },
    docNumber: 'PR260314',
    memo: 'POR EOD store 1',
    className: 'Store 1:Burbank',
    period: 'daily',
    lines: [
      { account: '1020-01', amount: 108000, className: 'Store 1:Burbank', memo: 'POR EOD store 1', name: null },
      { account: '4000-01', amount: -100000, className: 'Store 1:Burbank', memo: 'Rental "tent" revenue\t€', name: null },
      { account: '2200', amount: -8000, className: null, memo: null, name: 'Acme Builders' },
    ],
    ...over,
  };
}

describe('document content hash of GL journals', () => {
  it('keeps the hashes ledgers already store (computed by the generic canonical JSON)', () => {
    expect(glJournalJsonParts(journal())).not.toBeNull();
    expect(documentContentHash(journal())).toBe('59be098eb7172caf1888165b56fa63724f508fa8f2155e75a552239b5e7e1cb4');
    expect(documentContentHash(journal({ store: null }))).toBe('d301fd57d9896769a2c9405c3e7625aeb67ff20e36a4931bd6dbdc393a3c81d3');
    const closed: PorStoreDayClosed = {
      type: 'storeDayClosed',
      id: 'close-1',
      store: 1,
      businessDate: '2026-03-14',
      revision: 1,
      source: { kind: 'feed', file: 'a.jsonl', line: 3 },
      eodCompletedAt: '2026-03-14T21:00:00Z',
    };
    expect(documentContentHash(closed)).toBe('b3a168443768d652d37745aa0c5e3c55ca03ff81bb88327d724ea8ea6a77c43e');
  });

  it('takes the fast path for what the IIF reader builds, with the same text as canonicalJson', () => {
    const r = readIifText(
      '!TRNS\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\tDOCNUM\n!SPL\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n' +
        'TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t10.00\t"say ""hi"""\t\tPR260314\nSPL\t03/14/2026\t4000-01\t\t-10.00\t\tJosé\nENDTRNS\n',
      'PR260314',
    );
    const doc = r.documents[0] as GlJournal;
    const parts = glJournalJsonParts(doc);
    expect(parts).not.toBeNull();
    expect(parts!.head + parts!.tail).toBe(canonicalJson(contentOf(doc)));
    expect(documentContent(doc)).toEqual({ hash: sha256(canonicalJson(contentOf(doc))), json: canonicalJson(contentOf(doc)), parts });
  });

  it('leaves journals of any other shape to the generic path', () => {
    const lines = journal().lines;
    const odd: GlJournal[] = [
      { ...journal(), extra: 1 } as GlJournal,
      journal({ memo: undefined as unknown as string }),
      journal({ store: Number.NaN }),
      journal({ lines: [{ className: null, account: 'A', amount: 0, memo: null, name: null }] }), // members out of order
      journal({ lines: [{ ...lines[0]!, extra: true } as unknown as GlJournal['lines'][number]] }),
      journal({ lines: [{ ...lines[0]!, name: undefined as unknown as null }] }),
      journal({ lines: [{ ...lines[0]!, amount: '1' as unknown as number }] }),
      journal({ lines: new Array(2) as GlJournal['lines'] }),
      Object.assign(Object.create({ inherited: true }) as object, journal()) as GlJournal,
    ];
    for (const doc of odd) {
      expect(glJournalJsonParts(doc)).toBeNull();
      const { source: _s, revision: _r, ...content } = doc;
      if (Number.isNaN(doc.store)) expect(() => documentContentJson(doc)).toThrow(/non-finite/);
      else expect(documentContentJson(doc)).toBe(canonicalJson(content));
    }
  });

  it('hashes every journal exactly as sha256(canonicalJson(content)), fast path or not (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '"', '\\', '\t\n', '\u2028', '\ud800', 'é€𝄞', '\u0000'));
    const textOrNull = fc.option(text, { nil: null });
    const amount = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.constant(-0));
    const line = fc.record({ account: text, amount, className: textOrNull, memo: textOrNull, name: textOrNull });
    const doc = fc
      .record({
        id: text,
        store: fc.option(fc.integer({ min: 0, max: 9999 }), { nil: null }),
        businessDate: text,
        revision: fc.integer({ min: 1, max: 9 }),
        docNumber: textOrNull,
        memo: textOrNull,
        className: textOrNull,
        period: fc.constantFrom('daily', 'monthly'),
        lines: fc.array(line, { maxLength: 6 }),
        shuffle: fc.boolean(),
        dropSource: fc.boolean(),
      })
      .map(({ shuffle, dropSource, lines, ...d }): GlJournal => {
        const base = { type: 'glJournal', ...d, source: { kind: 'iif', file: 'f', line: 1 }, lines } as Record<string, unknown>;
        if (dropSource) delete base.source;
        // Same members, another insertion order: only the generic path may take it, with the same result.
        const order = (o: Record<string, unknown>): Record<string, unknown> => (shuffle ? Object.fromEntries(Object.entries(o).reverse()) : o);
        return order({ ...base, lines: lines.map((l) => order(l)) }) as unknown as GlJournal;
      });
    fc.assert(
      fc.property(doc, (d) => {
        const expected = canonicalJson(contentOf(d));
        expect(documentContentJson(d)).toBe(expected);
        expect(documentContentHash(d as PorDocument)).toBe(sha256(expected));
      }),
      { numRuns: 400 },
    );
  });
});
