/**
 * A POR document feed file of a given size, written in pieces (never held whole): the practice store's
 * feed lines repeated with fresh ids, so every line is a new valid document.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFeed } from '../../main/core/por/feed/feed-writer';
import { generatePracticeStore } from '../../main/core/por/practice';

export async function writeLargeFeed(path: string, targetBytes: number): Promise<{ documents: number; bytes: number }> {
  const data = generatePracticeStore({ seed: 7, stores: 2, startDate: '2026-01-05', days: 20 });
  const templates = writeFeed(data.days.flatMap((d) => d.feed))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    // storeDayClosed and deposits are per store-day; invoices and payments make the bulk of a real feed.
    .filter((r) => r.type === 'invoice' || r.type === 'payment' || r.type === 'creditMemo');
  const out = createWriteStream(path);
  let bytes = 0;
  let documents = 0;
  for (let round = 0; bytes < targetBytes; round++) {
    const lines: string[] = [];
    for (const t of templates) {
      lines.push(JSON.stringify({ ...t, id: `${String(t.id)}-r${round}` }));
      documents++;
    }
    const chunk = `${lines.join('\n')}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return { documents, bytes };
}
