/**
 * Peak memory while importing a 1 GB POR document feed file: the file is generated on the fly in a temp
 * folder (the practice store's feed lines repeated with fresh ids), imported through importFiles() into a
 * fresh ledger (streamed, recorded in chunks), then deleted. Prints the process's RSS high-water mark
 * (getrusage maxrss, and RSS sampled every 20 ms), the RSS before the import, the documents, the time and
 * the longest stretch the event loop was held.
 *
 *   npx tsx bench/large-file-import.ts [--mb 1024] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../main/core/inbox';
import { openLedger } from '../main/core/ledger';
import { writeLargeFeed } from '../test/helpers/large-feed';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '1024' }, json: { type: 'boolean', default: false } } });
const dir = mkdtempSync(join(tmpdir(), 'porqbo-large-bench-'));
const MB = 1024 * 1024;
try {
  const path = join(dir, 'POR-feed-large.jsonl');
  const genStart = performance.now();
  const written = await writeLargeFeed(path, Number(values.mb) * MB);
  const genMs = performance.now() - genStart;
  const ledger = openLedger(join(dir, 'data'), 'practice', { actor: 'bench' });
  const before = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = before;
  let last = performance.now();
  let maxGap = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  // Progress on stderr (a run cut short still says how far it got and the peak so far).
  const progress = setInterval(() => {
    const docs = ledger.documents.counts().active;
    process.stderr.write(
      `${((performance.now() - start) / 1000).toFixed(0)} s: ${docs.toLocaleString('en-US')} documents recorded, peak RSS so far ${Math.round(Math.max(sampled, process.resourceUsage().maxRSS * 1024) / MB)} MB\n`,
    );
  }, 60_000);
  const report = await importFiles(ledger, [path]);
  const ms = performance.now() - start;
  clearInterval(sampler);
  clearInterval(progress);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const file = report.files[0]!;
  ledger.close();
  const result = {
    fileBytes: written.bytes,
    documents: written.documents,
    generatedMs: Math.round(genMs),
    outcome: file.outcome,
    accepted: file.counts.accepted,
    rejected: file.counts.rejected,
    importMs: Math.round(ms),
    docsPerSecond: Math.round(file.counts.accepted / (ms / 1000)),
    rssBeforeMb: Math.round(before / MB),
    peakRssMb: Math.round(Math.max(maxRss, sampled) / MB),
    maxRssBeforeImportMb: Math.round(maxRssBefore / MB),
    longestEventLoopGapMs: Math.round(maxGap),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `1 GB feed import: ${(result.fileBytes / MB).toFixed(0)} MB, ${result.documents.toLocaleString('en-US')} documents, ${result.outcome} ` +
        `(${result.accepted.toLocaleString('en-US')} accepted, ${result.rejected} refused) in ${(result.importMs / 1000).toFixed(1)} s = ${result.docsPerSecond.toLocaleString('en-US')} docs/s\n` +
        `peak RSS ${result.peakRssMb} MB (RSS before the import ${result.rssBeforeMb} MB; high-water mark before it ${result.maxRssBeforeImportMb} MB); ` +
        `longest event-loop gap ${result.longestEventLoopGapMs} ms\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
