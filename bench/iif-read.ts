/**
 * Micro-benchmark: how fast the IIF GL export reader parses 100,000 lines. Prints lines/second for
 * readIifText (parse only) and readIifFile (read + decode + parse). Run: npx tsx bench/iif-read.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIifFile, readIifText } from '../main/core/por/iif';

const TARGET_LINES = 100_000;

/** Balanced blocks of 1 TRNS + 8 SPL rows + ENDTRNS, several stores and days, some quoted fields. */
function makeIif(targetLines: number): { text: string; lines: number; blocks: number } {
  const out = [
    '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!ENDTRNS',
  ];
  let blocks = 0;
  while (out.length + 10 <= targetLines) {
    const store = (blocks % 9) + 1;
    const day = (Math.floor(blocks / 9) % 28) + 1;
    const date = `03/${String(day).padStart(2, '0')}/2026`;
    const cls = blocks % 5 === 0 ? `"Store ${store}:City ""${store}"""` : `Store ${store}:City`;
    const amounts = Array.from({ length: 8 }, (_, i) => -((blocks * 37 + i * 1013) % 100_000) - 1);
    const total = -amounts.reduce((a, b) => a + b, 0);
    const cents = (c: number): string => `${c < 0 ? '-' : ''}${Math.trunc(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
    const doc = `PR2603${String(day).padStart(2, '0')}`;
    out.push(`TRNS\t\tGENERAL JOURNAL\t${date}\t1020-0${store}\t\t${cls}\t${cents(total)}\t${doc}\tPOR EOD store ${store}`);
    amounts.forEach((a, i) => {
      out.push(`SPL\t\tGENERAL JOURNAL\t${date}\t${4000 + i * 100}\tCustomer ${i}\t${cls}\t${cents(a)}\t${doc}\tLine ${i}`);
    });
    out.push('ENDTRNS');
    blocks++;
  }
  return { text: `${out.join('\r\n')}\r\n`, lines: out.length, blocks };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const { text, lines, blocks } = makeIif(TARGET_LINES);
const dir = mkdtempSync(join(tmpdir(), 'porqbo-bench-'));
const path = join(dir, 'PR260314.iif');
writeFileSync(path, `\uFEFF${text}`);

try {
  // Warm up the JIT, then take the median of several runs.
  for (let i = 0; i < 3; i++) readIifText(text, 'PR260314.iif');
  const parseMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const r = readIifText(text, 'PR260314.iif');
    parseMs.push(performance.now() - t0);
    if (r.documents.length !== blocks || r.problems.length > 0) throw new Error('benchmark input did not read cleanly');
  }
  const fileMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const r = await readIifFile(path);
    fileMs.push(performance.now() - t0);
    if (r.documents.length !== blocks) throw new Error('benchmark file did not read cleanly');
  }
  const p = median(parseMs);
  const f = median(fileMs);
  console.log(`IIF reader: ${lines} lines, ${blocks} transactions, ${(text.length / 1e6).toFixed(1)} MB`);
  console.log(`readIifText: median ${p.toFixed(1)} ms = ${Math.round(lines / (p / 1000)).toLocaleString('en-US')} lines/second`);
  console.log(`readIifFile: median ${f.toFixed(1)} ms = ${Math.round(lines / (f / 1000)).toLocaleString('en-US')} lines/second (read + decode + parse)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
