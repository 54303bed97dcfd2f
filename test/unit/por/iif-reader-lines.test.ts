/**
 * The reader finds lines with indexOf and slices out only the columns it uses: line numbers must still count
 * CRLF, LF and lone CR alike, fields past the wanted ones and short rows must read as before, and reading
 * bytes already in memory must give what reading the file gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIifBytes, readIifFile, readIifText } from '../../../main/core/por/iif';
import { MAX_INPUT_BYTES } from '../../../main/core/por/input-text';
import type { GlJournal } from '../../../main/core/por/model';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

describe('IIF reader lines and fields', () => {
  it('counts CRLF, LF and lone CR as line ends, so problems name the right line', () => {
    const text =
      '!TRNS\tDATE\tACCNT\tAMOUNT\r\n!SPL\tDATE\tACCNT\tAMOUNT\r!ENDTRNS\n\r\n' +
      'TRNS\t03/14/2026\tA\t1.00\rSPL\t03/14/2026\tB\t-1.00\r\nENDTRNS\n' +
      'TRNS\t03/14/2026\tA\t2.00\nSPL\t03/14/2026\t\t-2.00\r\nENDTRNS\r' +
      'SPL\t03/14/2026\tB\t-1.00';
    const r = readIifText(text, 'PR260314');
    expect(r.documents.map((d) => d.source.line)).toEqual([5]);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [9, 'ACCNT'],
      [11, null],
    ]);
    expect(r.problems[0]!.message).toBe('MISSING MANDATORY FIELD ACCNT: the row names no account; the transaction on line 8 was not imported');
    expect(r.problems[1]!.message).toBe('SPL row outside a transaction (no TRNS row before it); it was ignored');
  });

  it('reads wanted columns wherever they are, ignores the rest, and treats missing trailing fields as empty', () => {
    const text =
      '!TRNS\tTRNSID\tX1\tX2\tAMOUNT\tX3\tACCNT\tX4\tDATE\tMEMO\tX5\n!SPL\tAMOUNT\tACCNT\tMEMO\n' +
      'TRNS\t1\ta\tb\t 5.00 \tc\t 1020-01 \td\t03/14/2026\n' + // no MEMO field at all
      'SPL\t-5.00\t4000\t" quoted\tmemo "\tand\tmore\tfields\n' +
      'ENDTRNS\n';
    const r = readIifText(text, 'PR260314');
    expect(r.problems).toEqual([]);
    const j = r.documents[0] as GlJournal;
    expect(j.memo).toBeNull();
    expect(j.lines).toEqual([
      { account: '1020-01', amount: 500, className: null, memo: null, name: null },
      { account: '4000', amount: -500, className: null, memo: 'quoted\tmemo', name: null },
    ]);
  });

  it('reads a field that repeats (the reader reuses the text it held last) exactly as a field met once', () => {
    // The same rows block after block, with the repeated values spaced, quoted or changed in between.
    const head = '!TRNS\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n!SPL\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n!ENDTRNS\n';
    const blocks = [
      [
        'TRNS\t03/14/2026\t1020-01\tStore 1:A\t3.00\tEOD\t',
        'SPL\t03/14/2026\t4000\tStore 1:A\t-1.00\tLine\tCust',
        'SPL\t03/14/2026\t4100\tStore 1:A\t-2.00\t\tCust',
      ],
      [
        'TRNS\t03/14/2026\t1020-01 \t Store 1:A\t3.00\tEOD \t',
        'SPL\t 03/14/2026\t4000\tStore 1:A \t-1.00\t Line\tCust ',
        'SPL\t03/14/2026\t4100\tStore 1:A\t-2.00\t\t',
      ],
      [
        'TRNS\t03/14/2026\t1020-01\t"Store 1:A"\t3.00\tEOD\t',
        'SPL\t03/14/2026\t4000\tStore 1:A\t-1.00\tLine\tCust',
        'SPL\t03/14/2026\t4100\tStore 1:AB\t-2.00\tLin\tCus',
      ],
      [
        'TRNS\t03/15/2026\t1020-01\tStore 1:A\t3.00\tEOD\t',
        'SPL\t03/15/2026\t4000\tStore 1:A\t-1.00\tLine\tCust',
        'SPL\t03/15/2026\t4100\t\t-2.00\tLine\tCust',
      ],
      [
        'TRNS\t03/15/2026\t1020-01\tStore 1:A\t3.00\tEOD\t',
        'SPL\t03/15/2026\t4000\tStore 1:A\t-1.00\tLine\tCust',
        'SPL\t03/15/2026\t4100\tStore 1:A\t-2.00\tLine\tCust',
      ],
    ];
    const together = readIifText(head + blocks.map((b) => `${b.join('\n')}\nENDTRNS\n`).join(''), 'PR260314');
    expect(together.problems).toEqual([]);
    const alone = blocks.map((b) => readIifText(`${head}${b.join('\n')}\nENDTRNS\n`, 'PR260314').documents[0] as GlJournal);
    const read = together.documents as GlJournal[];
    expect(read.map((d) => [d.businessDate, d.className, d.memo, d.lines])).toEqual(alone.map((d) => [d.businessDate, d.className, d.memo, d.lines]));
    expect(read[1]!.lines[0]).toEqual({ account: '1020-01', amount: 300, className: 'Store 1:A', memo: 'EOD', name: null });
    expect(read[2]!.lines[2]).toEqual({ account: '4100', amount: -200, className: 'Store 1:AB', memo: 'Lin', name: 'Cus' });
    expect(read[3]!.lines[2]!.className).toBeNull();
  });

  it('gives from bytes in memory what it gives from the file, for every fixture', async () => {
    for (const dir of ['good', 'bad']) {
      for (const name of readdirSync(join(FIXTURES, dir)).filter((n) => n !== 'expected.json')) {
        const path = join(FIXTURES, dir, name);
        expect(readIifBytes(readFileSync(path), name)).toEqual(await readIifFile(path));
      }
    }
  });

  it('refuses bytes over the size limit the way it refuses such a file', () => {
    const big = { length: MAX_INPUT_BYTES + 1 } as unknown as Uint8Array; // only the length is looked at first
    expect(readIifBytes(big, 'PR260314').fileProblem?.message).toBe(`the file is too large (${MAX_INPUT_BYTES + 1} bytes; the limit is ${MAX_INPUT_BYTES})`);
  });
});
