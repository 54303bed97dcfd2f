/**
 * The readers on their own, no ledger, no network: POR's GL export (IIF) parsed from text and from a
 * file (read + decode + parse), and the document feed (JSON Lines) parsed from text. Median of several
 * runs after a warm-up, so one GC pause does not decide the figure. Also a 100,000-line IIF file
 * imported into a fresh ledger through the inbox pipeline (read, hash, parse, record every journal), median
 * of several runs each on a fresh ledger, and the same journals imported again (all duplicates): the
 * import benchmark of bench/import-iif.ts, folded in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFeedText } from '../../main/core/por/feed';
import { readIifFile, readIifText } from '../../main/core/por/iif';
import { benchImportIif } from '../import-iif';
import { makeIif } from './iif-text';

export interface LocalPipelineInput {
  workDir: string;
  iifLines: number;
  /** Feed files to parse (the real-time backlog's). */
  feedFiles: readonly string[];
  runs: number;
  /** Runs of the ledger import (each on a fresh ledger, after one warm-up run). */
  importRuns: number;
}

export interface ReaderRate {
  lines: number;
  documents: number;
  medianMs: number;
  linesPerSecond: number;
  documentsPerSecond: number;
}

export interface LocalPipelineResult {
  iifText: ReaderRate;
  iifFile: ReaderRate;
  iifImport: ReaderRate & { medianCpuMs: number };
  /** The same journals again in other bytes: every one recognised as a duplicate. */
  iifReimport: ReaderRate & { medianCpuMs: number };
  feedText: ReaderRate;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(3, runs); i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

function readerRate(lines: number, documents: number, ms: number): ReaderRate {
  return {
    lines,
    documents,
    medianMs: Math.round(ms * 10) / 10,
    linesPerSecond: Math.round((lines / Math.max(ms, 0.001)) * 1000),
    documentsPerSecond: Math.round((documents / Math.max(ms, 0.001)) * 1000),
  };
}

export async function runLocalPipeline(input: LocalPipelineInput): Promise<LocalPipelineResult> {
  const { text, lines, blocks } = makeIif(input.iifLines);
  const path = join(input.workDir, 'PR260314.iif');
  writeFileSync(path, `\uFEFF${text}`);

  const check = (r: { documents: unknown[]; problems: unknown[] }, n: number) => {
    if (r.documents.length !== n || r.problems.length > 0) throw new Error('benchmark input did not read cleanly');
  };
  const iifText = await timeRuns(input.runs, () => check(readIifText(text, 'PR260314.iif'), blocks));
  const iifFile = await timeRuns(input.runs, async () => check(await readIifFile(path), blocks));

  const imported = await benchImportIif({ lines: input.iifLines, runs: input.importRuns });

  const feed = input.feedFiles.map((f) => readFileSync(f, 'utf8')).join('');
  const feedLines = feed.split('\n').filter((l) => l.length > 0).length;
  const feedMs = await timeRuns(input.runs, () => check(readFeedText(feed, 'POR-feed-all.jsonl'), feedLines));

  return {
    iifText: readerRate(lines, blocks, iifText),
    iifFile: readerRate(lines, blocks, iifFile),
    iifImport: { ...readerRate(imported.lines, imported.journals, imported.firstImport.medianMs), medianCpuMs: imported.firstImport.medianCpuMs },
    iifReimport: { ...readerRate(imported.lines, imported.journals, imported.reimport.medianMs), medianCpuMs: imported.reimport.medianCpuMs },
    feedText: readerRate(feedLines, feedLines, feedMs),
  };
}
