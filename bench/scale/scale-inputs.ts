/**
 * A chain's year as POR leaves it, at a chosen size: the practice store (20 stores) written as one document
 * feed file per day. The practice store makes about 11 documents per store-day; a bigger chain is the same
 * year laid over itself `layers` times (ids and numbers made unique per layer), so a million documents is
 * one year of 20 busy stores, as the issue describes, not thirteen years of quiet ones. Generated outside
 * the measured process.
 */
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFeed } from '../../main/core/por/feed/feed-writer';
import { feedFileName, generatePracticeStore, type FeedDocument } from '../../main/core/por/practice';

export const SCALE_STORES = 20;
export const SCALE_START_DATE = '2025-01-06';
const SEED = 20260315;
/** Documents the practice store makes per store-day (measured: 1,067 for 20 stores x 5 days). */
const DOCS_PER_STORE_DAY = 10.7;

export interface ScaleShape {
  days: number;
  layers: number;
}

/** Days and layers for about `documents` documents: up to a year of days, then layers. */
export function scaleShape(documents: number): ScaleShape {
  const perDay = SCALE_STORES * DOCS_PER_STORE_DAY;
  const layers = Math.max(1, Math.ceil(documents / (perDay * 365)));
  const days = Math.max(2, Math.min(365, Math.round(documents / (perDay * layers))));
  return { days, layers };
}

/** Layer k > 0: every id and number the documents refer to each other by gets "-k" (unique, still linked). */
function relabel(doc: FeedDocument, k: number): FeedDocument {
  if (k === 0) return doc;
  const s = (v: string) => `${v}-${k}`;
  const out = { ...doc, id: s(doc.id) } as FeedDocument;
  switch (out.type) {
    case 'invoice':
      out.invoiceNumber = s(out.invoiceNumber);
      break;
    case 'payment':
      out.paymentId = s(out.paymentId);
      out.appliedTo = out.appliedTo.map((a) => ({ ...a, invoiceNumber: s(a.invoiceNumber) }));
      break;
    case 'creditMemo':
      out.creditMemoNumber = s(out.creditMemoNumber);
      if (out.invoiceNumber) out.invoiceNumber = s(out.invoiceNumber);
      break;
    case 'eodBatch':
      out.batchNumber = s(out.batchNumber);
      break;
    default:
      break;
  }
  return out;
}

export interface ScaleInputs {
  dir: string;
  files: string[];
  documents: number;
  shape: ScaleShape;
  ms: number;
}

/** `shape`: other days and layers than `documents` gives (bench/store-day-cold.ts: a month at a year's density). */
export function writeScaleInputs(dir: string, documents: number, shape: ScaleShape = scaleShape(documents)): ScaleInputs {
  const t = performance.now();
  mkdirSync(dir, { recursive: true });
  let count = 0;
  // One year is generated; further layers are that year relabelled (generating each anew took minutes per
  // layer on a loaded machine and measures nothing of ours).
  const data = generatePracticeStore({ seed: SEED, stores: SCALE_STORES, startDate: SCALE_START_DATE, days: shape.days });
  for (const day of data.days) {
    if (day.feed.length === 0) continue;
    const parts: string[] = [];
    for (let k = 0; k < shape.layers; k++) parts.push(writeFeed(day.feed.map((d) => relabel(d, k))));
    appendFileSync(join(dir, feedFileName(day.date)), parts.join(''));
    count += day.feed.length * shape.layers;
  }
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
  return { dir, files, documents: count, shape, ms: performance.now() - t };
}
