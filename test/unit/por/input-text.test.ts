import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeInputBytes, looksBinary, readInputFile } from '../../../main/core/por/input-text';
import { readIifFile } from '../../../main/core/por/iif';
import { formatProblem } from '../../../main/core/por/read-result';
import { makeTempDir } from '../../helpers/temp-dir';

describe('input decoding', () => {
  it('detects UTF-8 with and without BOM, UTF-16 LE/BE with BOM, and falls back to Windows-1252 with a warning', () => {
    const text = 'Café €5';
    const utf8 = decodeInputBytes(Buffer.from(text), 'f');
    expect(utf8).toMatchObject({ ok: true, text, encoding: 'utf-8', warning: null });
    expect(decodeInputBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'f')).toMatchObject({ text, encoding: 'utf-8' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeInputBytes(le, 'f')).toMatchObject({ text, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(decodeInputBytes(be, 'f')).toMatchObject({ text, encoding: 'utf-16be' });
    const cp1252 = decodeInputBytes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x94]), 'f.iif');
    expect(cp1252).toMatchObject({ ok: true, text: 'Café €5 “”', encoding: 'windows-1252' });
    expect(cp1252.ok && cp1252.warning?.file).toBe('f.iif');
  });

  it('tells binary junk from text', () => {
    expect(looksBinary('TRNS\t\t03/14/2026\r\n')).toBe(false);
    expect(looksBinary('abc\u0000def')).toBe(true);
    expect(looksBinary('a\u0001b')).toBe(true);
    expect(looksBinary(`${'x'.repeat(500)}\u0007`)).toBe(false);
  });

  describe('on disk', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      tmp = makeTempDir();
    });
    afterEach(() => tmp.remove());

    it('turns a missing file or a folder into a file problem, never a throw', async () => {
      const missing = await readIifFile(join(tmp.path, 'PR260314.iif'));
      expect(missing.fileProblem).toEqual({
        file: 'PR260314.iif',
        line: null,
        field: null,
        message: 'the file cannot be read: it does not exist (moved or deleted?)',
      });
      const folder = await readInputFile(tmp.path);
      expect(folder.ok).toBe(false);
    });

    it('formats a problem with file, line and field for people', async () => {
      writeFileSync(join(tmp.path, 'PR260314.iif'), '!TRNS\tDATE\tACCNT\tAMOUNT\n!SPL\tACCNT\tAMOUNT\nTRNS\t03/14/2026\t\t1.00\nSPL\tX\t-1.00\nENDTRNS\n');
      const r = await readIifFile(join(tmp.path, 'PR260314.iif'));
      expect(r.problems.map(formatProblem)).toEqual([
        'PR260314.iif, line 3, field ACCNT: MISSING MANDATORY FIELD ACCNT: the row names no account; the transaction on line 3 was not imported',
      ]);
    });
  });
});
