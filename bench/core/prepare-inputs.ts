/**
 * The backlog as POR leaves it: the practice store written to a folder, one GL export (IIF) or one
 * document feed (JSON Lines) per day. Generated once per benchmark run, outside the measured process.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writePracticeFiles, type PracticeSummary } from '../../main/core/por/practice';

export interface BacklogShape {
  stores: number;
  days: number;
}

export interface PreparedInputs {
  dir: string;
  files: string[];
  summary: PracticeSummary;
  ms: number;
}

export const BENCH_SEED = 20260314;
export const BENCH_START_DATE = '2025-01-06';

export async function prepareInputs(dir: string, format: 'iif' | 'feed', shape: BacklogShape): Promise<PreparedInputs> {
  const t = performance.now();
  const { summary } = await writePracticeFiles(dir, {
    seed: BENCH_SEED,
    stores: shape.stores,
    startDate: BENCH_START_DATE,
    days: shape.days,
    formats: [format],
  });
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
  return { dir, files, summary, ms: performance.now() - t };
}
