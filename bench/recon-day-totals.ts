/**
 * Reconciliation's POR side over a year, before (every day planned: planPorSideFresh) and after (kept day
 * totals: planPorSide, cold = nothing kept yet, warm = all kept), in CPU ms (process.cpuUsage) and wall ms.
 * The ledger: the practice chain (20 stores, a year of days, `layers` copies with unique ids, as
 * bench/scale/scale-inputs.ts lays it), recorded straight into a fresh ledger, set up like the scale bench
 * (stores with their class and API-QBO, the mode). QuickBooks' side is left out (it is read from QBO).
 *
 *   npx tsx bench/recon-day-totals.ts [days=365] [layers=1] [mode=realtime] [dir]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../main/core/ledger';
import type { ExportMode } from '../main/core/ledger/env-settings';
import type { PorDocument } from '../main/core/por/model';
import { generatePracticeStore, practiceStores } from '../main/core/por/practice';
import type { QboClient } from '../main/core/qbo/qbo-client';
import type { ReferenceCache } from '../main/core/qbo/reference-cache';
import { planPorSide, planPorSideFresh } from '../main/core/sync/reconcile/por-side';
import { reconcile } from '../main/core/sync/reconcile/reconcile';

const days = Number(process.argv[2] ?? 365);
const layers = Number(process.argv[3] ?? 1);
const mode = (process.argv[4] ?? 'realtime') as ExportMode;
const dir = process.argv[5] ?? mkdtempSync(join(tmpdir(), 'recon-bench-'));

/** Layer k > 0: ids and the numbers documents refer to each other by get "-k" (as scale-inputs.ts does). */
function relabel(doc: PorDocument, k: number): PorDocument {
  if (k === 0) return doc;
  const s = (v: string) => `${v}-${k}`;
  const out = { ...doc, id: s(doc.id) } as PorDocument;
  if (out.type === 'invoice') out.invoiceNumber = s(out.invoiceNumber);
  if (out.type === 'payment') {
    out.paymentId = s(out.paymentId);
    out.appliedTo = out.appliedTo.map((a) => ({ ...a, invoiceNumber: s(a.invoiceNumber) }));
  }
  if (out.type === 'creditMemo') {
    out.creditMemoNumber = s(out.creditMemoNumber);
    if (out.invoiceNumber) out.invoiceNumber = s(out.invoiceNumber);
  }
  if (out.type === 'eodBatch') out.batchNumber = s(out.batchNumber);
  return out;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function measure<T>(label: string, fn: () => T): T {
  const c = cpu();
  const t = performance.now();
  const out = fn();
  console.log(`${label}: cpu ${Math.round(cpu() - c)} ms, wall ${Math.round(performance.now() - t)} ms`);
  return out;
}

async function main(): Promise<void> {
  console.log(`load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const ledger = openLedger(dir, 'practice', { actor: 'bench' });
  if (ledger.documents.counts().active === 0) {
    const data = measure('generate', () => generatePracticeStore({ seed: 20260315, stores: 20, startDate: '2025-01-06', days }));
    measure('record', () => {
      for (const day of data.days) {
        const docs: PorDocument[] = [];
        for (let k = 0; k < layers; k++) for (const d of day.feed) docs.push(relabel(d, k));
        ledger.documents.recordMany(docs);
      }
    });
    ledger.transaction(() => {
      for (const s of practiceStores(20)) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
    });
  }
  ledger.settings.set('exportMode', mode);
  const documents = ledger.documents.counts().active;
  const latest = ledger.storeDays.latestBusinessDate()!;
  const from = '2025-01-06';
  console.log(`documents ${documents}, mode ${mode}, range ${from}..${latest}`);

  const fresh = measure('before: planPorSideFresh (every day planned)', () => planPorSideFresh(ledger, 'practice', from, latest));
  const cold = measure('after, cold: planPorSide (nothing kept)', () => {
    // Cold: drop what an earlier run kept.
    ledger.transaction(() => {
      for (const d of ledger.porDayTotals.activeDays('0000-01-01', null)) ledger.porDayTotals.documentWritten(d, null);
    });
    return planPorSide(ledger, 'practice', from, latest);
  });
  const warm = measure('after, warm: planPorSide (all kept)', () => planPorSide(ledger, 'practice', from, latest));
  measure('after, warm again', () => planPorSide(ledger, 'practice', from, latest));
  const norm = (s: typeof fresh) => {
    const m = new Map<string, number>();
    for (const [t, st, ms, a, c] of s.sums) m.set(`${t}|${st}|${ms}|${a}`, (m.get(`${t}|${st}|${ms}|${a}`) ?? 0) + c);
    return JSON.stringify([[...m].sort(), s.held, s.notExported]);
  };
  console.log(`same as fresh: cold ${norm(cold) === norm(fresh)}, warm ${norm(warm) === norm(fresh)}; sums rows ${warm.sums.length}`);
  const qbo = {
    client: { stats: () => ({ meteredReads: 0 }), queryAll: () => Promise.resolve([]) } as unknown as QboClient,
    references: { list: () => Promise.resolve([]) } as unknown as ReferenceCache,
  };
  for (let i = 0; i < 2; i++) {
    const c = cpu();
    const t = performance.now();
    const r = await reconcile({ ledger, environment: 'practice', ...qbo, from, to: latest });
    console.log(`whole reconcile (warm, QBO side empty): cpu ${Math.round(cpu() - c)} ms, wall ${Math.round(performance.now() - t)} ms, rows ${r.rows.length}`);
  }
  ledger.close();
  if (!process.argv[5]) rmSync(dir, { recursive: true, force: true });
}

void main();
