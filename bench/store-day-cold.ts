/**
 * The store-day list the first time it reads a month after that month was imported: the summary is kept
 * per business date and recomputed from the documents on the first read after a change (migration 010),
 * so that read costs what the import no longer pays. A month at the density of a million documents a year
 * (20 stores, 14 layers of the practice store: ~3,000 documents a day), imported, then the month's list
 * timed cold, again warm, and cold while another connection holds the write lock (answered without storing).
 *
 *   npx tsx bench/store-day-cold.ts [--days 31] [--layers 14]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../main/core/inbox';
import { openLedger } from '../main/core/ledger';
import { writeScaleInputs } from './scale/scale-inputs';

const { values } = parseArgs({ options: { days: { type: 'string' }, layers: { type: 'string' } } });
const shape = { days: Number(values.days ?? 31), layers: Number(values.layers ?? 14) };
const dir = mkdtempSync(join(tmpdir(), 'porqbo-bench-sdcold-'));
try {
  const inputs = writeScaleInputs(join(dir, 'feed'), 0, shape);
  const ledger = openLedger(join(dir, 'data'), 'practice', { actor: 'bench' });
  const t0 = performance.now();
  await importFiles(ledger, inputs.files);
  const importMs = performance.now() - t0;
  const latest = ledger.storeDays.latestBusinessDate()!;
  const range = { dateFrom: '2000-01-01', dateTo: latest };
  const time = (fn: () => unknown) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  const cold = time(() => ledger.storeDays.list(range));
  const warm = Array.from({ length: 10 }, () => time(() => ledger.storeDays.list(range))).sort((a, b) => a - b);
  // The same month changed again (one document per date), then read while another process holds the write lock.
  ledger.close();
  const db = new Database(join(dir, 'data', 'practice', 'ledger.sqlite'));
  db.exec('DELETE FROM store_day_dates');
  db.close();
  const again = openLedger(join(dir, 'data'), 'practice', { actor: 'bench' });
  const other = new Database(join(dir, 'data', 'practice', 'ledger.sqlite'));
  other.exec('BEGIN IMMEDIATE');
  const locked = time(() => again.storeDays.list(range));
  other.exec('ROLLBACK');
  other.close();
  const rows = again.storeDays.list(range).length;
  again.close();
  console.log(
    `store-day list of ${shape.days} days (${inputs.documents.toLocaleString('en-US')} documents, ${rows} store-days, up to ${latest}; import ${Math.round(importMs)} ms):\n` +
      `  first read after the import (recomputes and stores every date): ${cold.toFixed(1)} ms\n` +
      `  then: p50 ${warm[5]!.toFixed(1)} ms, max ${warm[9]!.toFixed(1)} ms\n` +
      `  first read while another process holds the write lock (computed, not stored): ${locked.toFixed(1)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
