import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIifFile, readIifText, writeIif, parseIifFileName, parseIifDate } from '../../../main/core/por/iif';
import type { GlJournal } from '../../../main/core/por/model';
import { splitIifLine } from '../../../main/core/por/iif/iif-fields';

const GOOD = join(import.meta.dirname, '../../fixtures/good');
const journals = (docs: unknown[]): GlJournal[] => docs as GlJournal[];

describe('IIF GL export reader', () => {
  it('reads the POR.md example as one balanced journal with a stable id', async () => {
    const r = await readIifFile(join(GOOD, 'PR260314'));
    expect(r.fileProblem).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.documents).toEqual([
      {
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
          { account: '1020-01', className: 'Store 1:Burbank', amount: 108000, memo: 'POR EOD store 1', name: null },
          { account: '4000-01', className: 'Store 1:Burbank', amount: -100000, memo: 'Rental revenue', name: null },
          { account: '2200', className: 'Store 1:Burbank', amount: -8000, memo: 'Sales tax', name: null },
        ],
      },
    ]);
  });

  it('handles BOM, CRLF, list sections, columns by name, quoted fields, zero lines and several stores', async () => {
    const r = await readIifFile(join(GOOD, 'PR260315.iif'));
    expect(r.fileProblem).toBeNull();
    expect(r.problems).toEqual([]);
    const [s1, s2, s1b] = journals(r.documents);
    expect(r.documents.map((d) => d.id)).toEqual(['gl:1:2026-03-15:1', 'gl:2:2026-03-15:1', 'gl:1:2026-03-15:2']);
    expect(s1).toMatchObject({ store: 1, className: 'Store 1:Burbank', memo: 'POR EOD\tstore 1', docNumber: 'PR260315', source: { line: 10 } });
    // The -0.00 line is dropped; the quoted memo keeps its quotes; the NAME column is read; "-100" is -100.00.
    expect(s1!.lines.map((l) => [l.account, l.amount, l.memo, l.name])).toEqual([
      ['1020-01', 118800, 'POR EOD\tstore 1', null],
      ['4000-01', -100000, 'Rental "tent" revenue', null],
      ['2200', -8800, 'Sales tax', null],
      ['4200', -10000, '12" pipe cutter damage waiver', 'Acme Builders'],
    ]);
    expect(s2).toMatchObject({ store: 2, lines: [{ amount: 5425 }, { amount: -5000 }, { amount: -425 }] });
    expect(s1b).toMatchObject({
      store: 1,
      lines: [
        { account: '6000', amount: 31351 },
        { account: '1590', amount: -31351 },
      ],
    });
  });

  it('reads UTF-16 LE and BE files with a byte-order mark', async () => {
    for (const name of ['PR260316-utf16le.iif', 'PR260316-utf16be.iif']) {
      const r = await readIifFile(join(GOOD, name));
      expect(r.warnings).toEqual([]);
      expect(journals(r.documents).map((j) => [j.id, j.lines.length, j.className])).toEqual([['gl:3:2026-03-16:1', 3, 'Store 3:Pasadena']]);
    }
  });

  it('reads a monthly file with two-digit years, with ids apart from daily ones', async () => {
    const r = await readIifFile(join(GOOD, 'PR2603MONTHLYONLY.iif'));
    expect(r.warnings).toEqual([]);
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]).toMatchObject({ id: 'gl-monthly:1:2026-03-31:1', period: 'monthly', businessDate: '2026-03-31' });
  });

  it('finds the store from the class, else from agreeing -NN account suffixes, else leaves it unknown', async () => {
    const r = await readIifFile(join(GOOD, 'PR260317.iif'));
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => [d.id, d.store])).toEqual([
      ['gl:2:2026-03-17:1', 2],
      ['gl:unknown:2026-03-17:1', null],
      ['gl:unknown:2026-03-17:2', null],
      ['gl:4:2026-03-17:1', 4],
    ]);
    expect(journals(r.documents)[1]!.lines[0]!.account).toBe('Checking');
  });

  it('gives the same ids when the same file is read again or regenerated with other amounts', () => {
    const text = (amount: string): string =>
      [
        '!TRNS\tDATE\tACCNT\tCLASS\tAMOUNT',
        '!SPL\tDATE\tACCNT\tCLASS\tAMOUNT',
        '!ENDTRNS',
        `TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t${amount}`,
        `SPL\t03/14/2026\t4000-01\tStore 1:Burbank\t-${amount}`,
        'ENDTRNS',
        'TRNS\t03/14/2026\t1020-02\tStore 2:Glendale\t5.00',
        'SPL\t03/14/2026\t4000-02\tStore 2:Glendale\t-5.00',
        'ENDTRNS',
      ].join('\n');
    const a = readIifText(text('10.00'), 'PR260314');
    const b = readIifText(text('10.00'), 'PR260314 (2).iif');
    const c = readIifText(text('12.00'), 'PR260314.iif');
    expect(a.documents.map((d) => d.id)).toEqual(['gl:1:2026-03-14:1', 'gl:2:2026-03-14:1']);
    expect(b.documents.map((d) => d.id)).toEqual(a.documents.map((d) => d.id));
    expect(c.documents.map((d) => d.id)).toEqual(a.documents.map((d) => d.id));
  });

  it('names a file that is not PRyymmdd in a warning but still reads it', () => {
    const r = readIifText('!TRNS\tDATE\tACCNT\tAMOUNT\n!SPL\tACCNT\tAMOUNT\nTRNS\t1/2/2026\tA\t1\nSPL\tB\t-1\nENDTRNS\n', 'export.iif');
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]).toMatchObject({ businessDate: '2026-01-02', period: 'daily' });
    expect(r.warnings.map((w) => w.message)).toEqual(['the file name is not PRyymmdd or PRyymmMONTHLYONLY; it was read as a daily export']);
  });

  it('round-trips what the writer writes', () => {
    const first = readIifText(
      writeIif(
        journals(
          readIifText(
            '!TRNS\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n!SPL\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n' +
              'TRNS\t03/14/2026\t1020-01\t"Store 1:Burbank"\t10.00\t" lead space"\t\nSPL\t03/14/2026\t4000-01\tStore 1:Burbank\t-10.00\ttab\\there\tO\'Brien\nENDTRNS\n',
            'PR260314',
          ).documents,
        ),
      ),
      'PR260314',
    );
    const again = readIifText(writeIif(journals(first.documents)), 'PR260314');
    expect(again.documents).toEqual(first.documents);
    expect(journals(first.documents)[0]!.lines[0]!.memo).toBe('lead space');
  });
});

describe('IIF pieces', () => {
  it('splits tab-separated fields with quotes, doubled quotes and quoted tabs', () => {
    expect(splitIifLine('A\tB\t\tC').fields).toEqual(['A', 'B', '', 'C']);
    expect(splitIifLine('SPL\t"a\tb"\t"say ""hi"""\t12" pipe\t""').fields).toEqual(['SPL', 'a\tb', 'say "hi"', '12" pipe', '']);
    expect(splitIifLine('"x"y\tz').fields).toEqual(['xy', 'z']);
    expect(splitIifLine('A\t"open').unterminatedQuote).toBe(true);
    expect(splitIifLine('A\t').fields).toEqual(['A', '']);
  });

  it('parses file names', () => {
    expect(parseIifFileName('PR260314')).toEqual({ recognised: true, period: 'daily', fileDate: '2026-03-14' });
    expect(parseIifFileName('pr260314.IIF')).toEqual({ recognised: true, period: 'daily', fileDate: '2026-03-14' });
    expect(parseIifFileName('PR2602MONTHLYONLY.iif')).toEqual({ recognised: true, period: 'monthly', fileDate: '2026-02-28' });
    expect(parseIifFileName('PR260314 (2).iif').recognised).toBe(true);
    expect(parseIifFileName('PR2603141.iif').recognised).toBe(false);
    expect(parseIifFileName('PR260230.iif').recognised).toBe(false);
    expect(parseIifFileName('GL260314.iif').recognised).toBe(false);
  });

  it('parses IIF dates strictly', () => {
    expect(parseIifDate('03/14/2026')).toEqual({ ok: true, date: '2026-03-14' });
    expect(parseIifDate('3/4/26')).toEqual({ ok: true, date: '2026-03-04' });
    expect(parseIifDate('12/31/99')).toEqual({ ok: true, date: '1999-12-31' });
    expect(parseIifDate('02/29/2028')).toEqual({ ok: true, date: '2028-02-29' });
    expect(parseIifDate('02/29/2026').ok).toBe(false);
    expect(parseIifDate('03/14/026').ok).toBe(false);
    expect(parseIifDate(' 03/14/2026').ok).toBe(false);
  });
});
