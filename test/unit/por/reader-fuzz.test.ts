/**
 * Property tests: whatever bytes arrive, the readers never throw, everything they return is sound (balanced,
 * whole cents, real dates), and a good transaction surrounded by garbage still comes through intact.
 * Bounded: a fixed number of runs, small inputs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CENTS } from '../../../main/core/money';
import { readFeedText } from '../../../main/core/por/feed';
import { readIifText } from '../../../main/core/por/iif';
import { decodeInputBytes } from '../../../main/core/por/input-text';
import { isValidIsoDate } from '../../../main/core/por/iso-date';
import type { GlJournal } from '../../../main/core/por/model';
import type { ReadResult } from '../../../main/core/por/read-result';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const RUNS = 250;

function textOf(bytes: Uint8Array, name: string): string {
  const d = decodeInputBytes(bytes, name);
  return d.ok ? d.text : '';
}

function expectSound(r: ReadResult, name: string): void {
  if (r.fileProblem) expect(r.documents).toEqual([]);
  for (const p of [...r.problems, ...r.warnings, ...(r.fileProblem ? [r.fileProblem] : [])]) {
    expect(p.file).toBe(name);
    expect(p.message.length).toBeGreaterThan(0);
  }
  for (const d of r.documents) {
    expect(isValidIsoDate(d.businessDate)).toBe(true);
    expect(d.id.length).toBeGreaterThan(0);
    if (d.type === 'glJournal') {
      expect(d.lines.length).toBeGreaterThan(0);
      let sum = 0;
      for (const l of d.lines) {
        expect(Number.isSafeInteger(l.amount) && l.amount !== 0 && Math.abs(l.amount) <= MAX_CENTS).toBe(true);
        expect(l.account.length).toBeGreaterThan(0);
        sum += l.amount;
      }
      expect(sum).toBe(0);
    }
  }
}

const readIif = (bytes: Uint8Array): ReadResult => readIifText(textOf(bytes, 'PR260314.iif'), 'PR260314.iif');
const readFeed = (bytes: Uint8Array): ReadResult => readFeedText(textOf(bytes, 'f.jsonl'), 'f.jsonl');

const goodFiles = [
  ...readdirSync(join(FIXTURES, 'good')).map((n) => join(FIXTURES, 'good', n)),
  ...readdirSync(join(FIXTURES, 'bad'))
    .filter((n) => n !== 'expected.json')
    .map((n) => join(FIXTURES, 'bad', n)),
].map((p) => new Uint8Array(readFileSync(p)));

/** Random edits of a real file: flip, insert, delete bytes, duplicate or drop a slice. */
const mutated = fc
  .tuple(
    fc.constantFrom(...goodFiles),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('flip', 'insert', 'delete', 'dup', 'cut')), { minLength: 1, maxLength: 8 }),
  )
  .map(([file, edits]) => {
    let bytes = Array.from(file);
    for (const [pos, byte, op] of edits) {
      const i = bytes.length === 0 ? 0 : pos % bytes.length;
      if (op === 'flip') bytes[i] = byte;
      else if (op === 'insert') bytes.splice(i, 0, byte);
      else if (op === 'delete') bytes.splice(i, 1);
      else if (op === 'dup') bytes.splice(i, 0, ...bytes.slice(i, i + (byte % 64)));
      else bytes = bytes.slice(0, i);
    }
    return new Uint8Array(bytes);
  });

describe('readers never crash', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expectSound(readIif(bytes), 'PR260314.iif');
        expectSound(readFeed(bytes), 'f.jsonl');
      }),
      { numRuns: RUNS },
    );
  });

  it('on random mutations of real files', () => {
    fc.assert(
      fc.property(mutated, (bytes) => {
        expectSound(readIif(bytes), 'PR260314.iif');
        expectSound(readFeed(bytes), 'f.jsonl');
      }),
      { numRuns: RUNS },
    );
  });
});

// Garbage that is still text: tabs, quotes, keywords, amounts, dates, accents. Header rows (`!...`) are left
// out: a new header legitimately changes how the rows after it are read.
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'TRNS',
    'SPL',
    'ENDTRNS',
    'trns',
    '"',
    '""',
    '"a\tb"',
    '-0.00',
    '1,000.00',
    '12.345',
    '10.00',
    '-10.00',
    '02/30/2026',
    '03/14/2026',
    '13/13/13',
    'Store 1:Burbank',
    '1020-01',
    'é',
    '€',
    '“',
    '',
  ),
);
const garbageRow = fc
  .array(cell, { minLength: 1, maxLength: 9 })
  .map((cells) => cells.join('\t'))
  .filter((row) => !row.trim().startsWith('!') && !/[\r\n]/.test(row));
const garbageBlock = fc.array(garbageRow, { maxLength: 6 });

const HEADERS = [
  '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!ENDTRNS',
];
const GOOD_BLOCK = [
  'TRNS\t\tGENERAL JOURNAL\t03/14/2026\t1020-07\t"Store 7:Oxnard"\t1080.01\tPR260314\tPOR EOD store 7',
  'SPL\t\tGENERAL JOURNAL\t03/14/2026\t4000-07\tStore 7:Oxnard\t-1000.00\tPR260314\tRental revenue',
  'SPL\t\tGENERAL JOURNAL\t03/14/2026\t2200\tStore 7:Oxnard\t-80.01\tPR260314\tSales tax',
  'ENDTRNS',
];
const goodJournal = (r: ReadResult): GlJournal | undefined =>
  r.documents.find((d): d is GlJournal => d.type === 'glJournal' && d.store === 7 && d.docNumber === 'PR260314');

describe('a good transaction survives garbage around it', () => {
  it('IIF: the good block comes through intact, whatever rows come before and after it', () => {
    fc.assert(
      fc.property(garbageBlock, garbageBlock, fc.constantFrom('\r\n', '\n'), (before, after, eol) => {
        const text = [...HEADERS, ...before, ...GOOD_BLOCK, ...after].join(eol);
        const r = readIifText(text, 'PR260314.iif');
        expectSound(r, 'PR260314.iif');
        const j = goodJournal(r);
        expect(j).toBeDefined();
        expect(j).toMatchObject({ businessDate: '2026-03-14', className: 'Store 7:Oxnard', memo: 'POR EOD store 7' });
        expect(j!.lines.map((l) => [l.account, l.amount, l.memo])).toEqual([
          ['1020-07', 108001, 'POR EOD store 7'],
          ['4000-07', -100000, 'Rental revenue'],
          ['2200', -8001, 'Sales tax'],
        ]);
      }),
      { numRuns: RUNS },
    );
  });

  it('feed: the good line comes through intact among garbage lines', () => {
    const good = JSON.stringify({
      type: 'eodBatch',
      id: 'eod-7',
      store: 7,
      businessDate: '2026-03-14',
      batchNumber: '7',
      lines: [
        { account: '6000', debit: '313.51', memo: 'Depreciation', category: 'depreciation' },
        { account: '1590', credit: '313.51', memo: 'Accumulated', category: 'depreciation' },
      ],
    });
    const garbageLine = fc
      .oneof(
        fc.string({ maxLength: 40 }),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
        fc.constantFrom('{"type":"invoice"}', '{"type":"eodBatch","id":"eod-8"}', good.slice(0, 50)),
      )
      .filter((l) => !/[\r\n]/.test(l));
    fc.assert(
      fc.property(fc.array(garbageLine, { maxLength: 6 }), fc.array(garbageLine, { maxLength: 6 }), (before, after) => {
        const r = readFeedText([...before, good, ...after].join('\n'), 'f.jsonl');
        expectSound(r, 'f.jsonl');
        const eod = r.documents.find((d) => d.id === 'eod-7');
        expect(eod).toMatchObject({
          type: 'eodBatch',
          store: 7,
          lines: [
            { account: '6000', amount: 31351 },
            { account: '1590', amount: -31351 },
          ],
        });
      }),
      { numRuns: RUNS },
    );
  });
});
