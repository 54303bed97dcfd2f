/**
 * How long importing a 100,000-line POR GL export (IIF) takes, end to end through the inbox pipeline:
 * importFiles() reads and hashes the file, parses it, records every journal in a fresh real SQLite ledger
 * (WAL, synchronous=FULL) with its history row, and commits. Each run gets a fresh ledger and a file of
 * new content; one warm-up run is not counted. Prints the median (and min, max, CPU time) of the runs and
 * lines per second, then the same for re-importing the same journals in other bytes (all duplicates).
 *
 *   npx tsx bench/import-iif.ts [--runs 7] [--lines 100000] [--json] [--in-place]
 *
 * `benchImportIif()` is exported for `npm run bench` to fold in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importFiles } from '../main/core/inbox';
import { openLedger } from '../main/core/ledger';
import { useIifPrepareWorker } from '../main/core/inbox/iif-preparation';
import { sourceIifPrepareWorker } from '../test/harness/core-worker-source';

export interface ImportIifOptions {
  /** Lines per file (default 100,000). */
  lines?: number;
  /** Measured runs (default 7), after one warm-up run. */
  runs?: number;
  /** Read the file on the importing thread, as when the preparing thread cannot start (default false). */
  inPlace?: boolean;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time of the process (user + system) during a run: less disturbed by other load than wall time. */
  medianCpuMs: number;
  linesPerSecond: number;
  runsMs: number[];
}

export interface ImportIifResult {
  lines: number;
  journals: number;
  bytes: number;
  /** A new file into a fresh ledger: every journal accepted. */
  firstImport: Timing;
  /** The same journals again in other bytes (so not a duplicate file): every journal a duplicate. */
  reimport: Timing;
}

function cents(c: number): string {
  return `${c < 0 ? '-' : ''}${Math.trunc(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
}

/**
 * A POR-style GL export: blocks of 1 TRNS + 8 SPL rows + ENDTRNS, balanced, 9 stores, every day of the
 * year, a quoted class with doubled quotes in every fifth block, CRLF. `variant` changes the amounts.
 */
export function makeGlExport(targetLines: number, variant: number): { text: string; lines: number; blocks: number } {
  const out = [
    '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!ENDTRNS',
  ];
  let blocks = 0;
  while (out.length + 10 <= targetLines) {
    const store = (blocks % 9) + 1;
    const day = (Math.floor(blocks / 9) % 28) + 1;
    const month = (Math.floor(blocks / (9 * 28)) % 12) + 1;
    const year = 26 + Math.floor(blocks / (9 * 28 * 12));
    const date = `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/20${year}`;
    const cls = blocks % 5 === 0 ? `"Store ${store}:City ""${store}"""` : `Store ${store}:City`;
    const amounts = Array.from({ length: 8 }, (_, i) => -((blocks * 37 + i * 1013 + variant) % 100_000) - 1);
    const total = -amounts.reduce((a, b) => a + b, 0);
    const doc = `PR${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    out.push(`TRNS\t\tGENERAL JOURNAL\t${date}\t1020-0${store}\t\t${cls}\t${cents(total)}\t${doc}\tPOR EOD store ${store}`);
    amounts.forEach((a, i) => {
      out.push(`SPL\t\tGENERAL JOURNAL\t${date}\t${4000 + i * 100}\tCustomer ${i}\t${cls}\t${cents(a)}\t${doc}\tLine ${i}`);
    });
    out.push('ENDTRNS');
    blocks++;
  }
  return { text: `${out.join('\r\n')}\r\n`, lines: out.length, blocks };
}

function timing(lines: number, wall: number[], cpu: number[]): Timing {
  const sorted = [...wall].sort((a, b) => a - b);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const m = median(wall);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    medianMs: round(m),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    medianCpuMs: round(median(cpu)),
    linesPerSecond: Math.round((lines / m) * 1000),
    runsMs: wall.map(round),
  };
}

export async function benchImportIif(options: ImportIifOptions = {}): Promise<ImportIifResult> {
  const targetLines = options.lines ?? 100_000;
  const runs = Math.max(1, options.runs ?? 7);
  // The app reads a big GL export on a thread of its own (built beside its bundle; built from source here).
  useIifPrepareWorker(options.inPlace ? null : await sourceIifPrepareWorker());
  const dir = mkdtempSync(join(tmpdir(), 'porqbo-bench-import-'));
  const first = { wall: [] as number[], cpu: [] as number[] };
  const again = { wall: [] as number[], cpu: [] as number[] };
  let shape = { lines: 0, blocks: 0, bytes: 0 };
  try {
    for (let run = 0; run <= runs; run++) {
      const { text, lines, blocks } = makeGlExport(targetLines, run);
      shape = { lines, blocks, bytes: Buffer.byteLength(text) };
      const path = join(dir, `PR2603${String(run + 10)}.iif`);
      writeFileSync(path, text);
      const copy = join(dir, `PR2603${String(run + 10)} (copy).iif`);
      writeFileSync(copy, `${text}\r\n`); // other bytes, same journals
      const ledger = openLedger(join(dir, `data-${run}`), 'practice', { actor: 'bench' });
      try {
        for (const [file, into, outcome] of [
          [path, first, 'accepted'],
          [copy, again, 'duplicate'],
        ] as const) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const report = await importFiles(ledger, [file], { maxIifBytes: 256 * 1024 * 1024 }); // 1M lines is ~80 MB
          const ms = performance.now() - t0;
          const c = process.cpuUsage(c0);
          if (report.totals[outcome] !== blocks || report.totals.rejected !== 0) {
            throw new Error(`benchmark import: expected ${blocks} ${outcome}, got ${JSON.stringify(report.totals)}`);
          }
          if (run > 0) {
            into.wall.push(ms);
            into.cpu.push((c.user + c.system) / 1000);
          }
        }
      } finally {
        ledger.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    lines: shape.lines,
    journals: shape.blocks,
    bytes: shape.bytes,
    firstImport: timing(shape.lines, first.wall, first.cpu),
    reimport: timing(shape.lines, again.wall, again.cpu),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, lines: { type: 'string' }, json: { type: 'boolean' }, 'in-place': { type: 'boolean' } },
  });
  const result = await benchImportIif({
    inPlace: values['in-place'] === true,
    ...(values.runs ? { runs: Number(values.runs) } : {}),
    ...(values.lines ? { lines: Number(values.lines) } : {}),
  });
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const show = (label: string, t: Timing) =>
    console.log(
      `${label}: median ${t.medianMs} ms (min ${t.minMs}, max ${t.maxMs}; CPU ${t.medianCpuMs} ms) = ` +
        `${t.linesPerSecond.toLocaleString('en-US')} lines/s   runs: ${t.runsMs.join(' ')}`,
    );
  console.log(
    `IIF import: ${result.lines.toLocaleString('en-US')} lines, ${result.journals.toLocaleString('en-US')} journals, ` +
      `${(result.bytes / 1e6).toFixed(1)} MB, ${result.firstImport.runsMs.length} runs`,
  );
  show('first import (all accepted)  ', result.firstImport);
  show('same journals again (all dup)', result.reimport);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
}
