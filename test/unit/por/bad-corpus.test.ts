import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeedFile } from '../../../main/core/por/feed';
import { readIifFile } from '../../../main/core/por/iif';
import type { InputProblem } from '../../../main/core/por/model';

const BAD = join(import.meta.dirname, '../../fixtures/bad');

interface Expected {
  why: string;
  documents: number;
  ids: string[];
  fileProblem: Omit<InputProblem, 'file'> | null;
  problems: Omit<InputProblem, 'file'>[];
  warnings: Omit<InputProblem, 'file'>[];
}

const manifest = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, Expected>;
// What a refused document was (for reconciliation) is tested in refused-documents.test.ts.
const strip = ({ file: _file, document: _document, ...rest }: InputProblem): Omit<InputProblem, 'file' | 'document'> => rest;

describe('bad input corpus (test/fixtures/bad/expected.json)', () => {
  it('has at least 30 malformed files, every one of them in the manifest', () => {
    const files = readdirSync(BAD)
      .filter((n) => n !== 'expected.json')
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(manifest).sort()).toEqual(files);
  });

  for (const [name, expected] of Object.entries(manifest)) {
    it(`${name}: ${expected.why}`, async () => {
      const path = join(BAD, name);
      const result = name.endsWith('.jsonl') ? await readFeedFile(path) : await readIifFile(path);
      // Every message names the file it came from.
      for (const p of [...result.problems, ...result.warnings, ...(result.fileProblem ? [result.fileProblem] : [])]) {
        expect(p.file).toBe(name);
      }
      expect({
        documents: result.documents.length,
        ids: result.documents.map((d) => d.id),
        fileProblem: result.fileProblem && strip(result.fileProblem),
        problems: result.problems.map(strip),
        warnings: result.warnings.map(strip),
      }).toEqual({
        documents: expected.documents,
        ids: expected.ids,
        fileProblem: expected.fileProblem,
        problems: expected.problems,
        warnings: expected.warnings,
      });
    });
  }

  it('keeps the good block next to a bad one intact, to the cent', async () => {
    const result = await readIifFile(join(BAD, 'PR260314-unbalanced-by-a-cent.iif'));
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({
      type: 'glJournal',
      store: 2,
      businessDate: '2026-03-14',
      className: 'Store 2:Glendale',
      lines: [
        { account: '1020-02', amount: 108000 },
        { account: '4000-02', amount: -100000 },
        { account: '2200', amount: -8000 },
      ],
    });
  });

  it('reads Windows-1252 bytes as the characters they are', async () => {
    const result = await readIifFile(join(BAD, 'PR260314-windows-1252.iif'));
    expect(result.documents[0]!.type === 'glJournal' && result.documents[0]!.memo).toBe('Café “q”');
  });
});
