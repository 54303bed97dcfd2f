/** bench/results.md: the results as a Markdown table, one line of explanation per number. */
import type { BenchResults, Mode } from './suite';

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const LABEL: Record<Mode, string> = { batch: 'batch', realtime: 'real-time', transaction: 'transaction' };

function modeLine(r: BenchResults, mode: Mode): string {
  const m = r.modes[mode];
  const s = r.summary[mode];
  const entities = Object.entries(m.drain.byEntity).filter(([k]) => ['JournalEntry', 'Invoice', 'CreditMemo', 'Customer', 'Class', 'Item'].includes(k));
  const what =
    mode === 'batch'
      ? `${fmt(m.plan.postings)} POR GL export blocks (IIF, ${r.config.gl.stores} stores x ${r.config.gl.days} days) -> one JournalEntry each`
      : `POR feed (${r.config.feed.stores} stores x ${r.config.feed.days} days, ${fmt(m.import.count)} documents) -> ${fmt(m.plan.postings)} postings + ${fmt(m.plan.ensure)} classes/customers/items`;
  const rate = m.drain.rate;
  const posting = m.drain.postingRate;
  const firstPosting = rate && posting ? (posting.start - rate.start) / r.config.limits.windowMs : null;
  return (
    `| Drain, ${LABEL[mode]} mode | **${fmt(s.docsPerMinute)} docs/min = ${fmt(s.fractionOfCeiling, 2)} of ${fmt(r.ceilings.strict)}** ` +
    `(${fmt(s.fractionOfBatchOnlyCeiling, 2)} of ${fmt(r.ceilings.batchOnly)}); from the first posting ${fmt(s.postingDocsPerMinute)} = ${fmt(s.postingFractionOfCeiling, 2)} | >= 0.9 ` +
    `| ${what}; QBO creates counted by the simulator over the first ${r.modes[mode].drain.rate?.windows ?? '?'} whole windows from our first request ` +
    `(created: ${entities.map(([k, v]) => `${fmt(v)} ${k}`).join(', ')}; ${fmt(m.drain.requests)} requests, ${fmt(m.drain.batchRequests)} of them batch, ${fmt(m.drain.throttled)} throttled, ${m.drain.result.failed} failed; ` +
    `the first posting left ${fmt(firstPosting, 2)} QBO-min after the first request; whole backlog in ${fmt(rate ? rate.wholeRunMs / r.config.limits.windowMs : null, 1)} QBO-min) |`
  );
}

function lossyLine(r: BenchResults, mode: Mode): string {
  const m = r.lossy[mode];
  const s = r.summary.lossy[mode];
  const clean = r.summary[mode];
  return (
    `| Drain, ${LABEL[mode]} mode, ${fmt(r.config.lossRate * 100)}% of write answers lost, field-reports | **${fmt(s.docsPerMinute)} docs/min = ${fmt(s.fractionOfCeiling, 2)} of ${fmt(r.ceilings.strict)}; ` +
    `${fmt(m.drain.duplicates)} duplicates; ${fmt(s.readsPerDocument, 4)} metered reads per document** (clean run: ${fmt(clean.fractionOfCeiling, 2)}, ${fmt(clean.readsPerDocument, 4)}) ` +
    `| >= 0.9; 0; <= 0.05 | the same backlog against the simulator's field-reports profile (requestid replay ignored, no duplicate-number check, TotalAmt 0, ` +
    `no Retry-After, 10 requests/s) on a line that drops the connection after ${fmt(r.config.lossRate * 100)}% of committed writes: ${fmt(m.drain.lostAnswers)} answers lost, ` +
    `${fmt(m.drain.result.linked)} found in QBO and linked; QBO holds ${fmt(m.drain.qboTransactions)} transactions for ${fmt(m.drain.postedTransactions)} posted jobs; ${m.drain.result.failed} failed |`
  );
}

export function renderMarkdown(r: BenchResults): string {
  const c = r.config;
  const modes: Mode[] = ['batch', 'realtime', 'transaction'];
  const per = (f: (m: Mode) => string): string => modes.map((m) => `${LABEL[m]} ${f(m)}`).join(' / ');
  const l = r.local;
  const rt = r.modes.realtime;
  const lines = [
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${fmt(r.machine.ramGb, 1)} GB RAM, Node ${r.machine.node} (${r.machine.os}). ` +
      `Run ${r.generatedAt}, ${fmt(r.totalMs / 1000)} s in all (${r.where === 'processes' ? 'simulator and each measured task in their own processes' : 'in one process'}); ` +
      `load average ${fmt(r.machine.loadAtStart, 2)} at the start, ${fmt(r.machine.loadAtEnd, 2)} at the end (anything above the core count means other work shared the CPU).`,
    '',
    `QBO's limits (${c.limits.perMinute} requests/min, ${c.limits.concurrent} in flight, ${c.limits.batchPerMinute} batch requests/min of up to 30 items) ` +
      `run ${c.timeFactor}x faster for everyone: windowMs = 60,000 / ${c.timeFactor} = ${fmt(c.limits.windowMs)} ms; rates are per unscaled QBO minute (one window). ` +
      `Simulator latency ${c.simLatencyMs} ms per request (${fmt(c.simLatencyMs * c.timeFactor)} ms in unscaled time). ` +
      `Ceiling = ${c.limits.batchPerMinute} batches x 30 + (${c.limits.perMinute} - ${c.limits.batchPerMinute}) single creates = ${fmt(r.ceilings.strict)} docs/min ` +
      `(batch only: min(${c.limits.perMinute}, ${c.limits.batchPerMinute}) x 30 = ${fmt(r.ceilings.batchOnly)}; one create per request: ${r.ceilings.singles}).`,
    '',
    '| What | Measured | Target | What the number is |',
    '|---|---|---|---|',
    ...modes.map((m) => modeLine(r, m)),
    ...modes.map((m) => lossyLine(r, m)),
    `| node-quickbooks, same simulator and limits | ${fmt(r.summary.peerDocsPerMinute)} docs/min = ${fmt(r.summary.peerFractionOfItsCeiling, 2)} of its ${r.ceilings.singles} | | ` +
      `the real-time backlog's ${fmt(r.peer.documents)} JournalEntry bodies, qbo.createJournalEntry(body, cb) as its README shows, ${c.peer.concurrency} at a time, same call again after ${c.peer.retryWaitMs} ms on 429 ` +
      `(${fmt(r.peer.created)} created, ${fmt(r.peer.throttled)} calls throttled, ${r.peer.failed} failed; ${r.peer.rate?.windows ?? '?'} whole windows) |`,
    `| Ours / node-quickbooks | **${per((m) => fmt(r.summary[m].vsPeer, 2))}** | >= 6 | our docs/min in each mode divided by node-quickbooks' docs/min, same run |`,
    `| Metered reads per document | **${per((m) => fmt(r.summary[m].readsPerDocument, 4))}** | <= 0.02 | reads and queries the simulator metered during the drain / documents created; the warm-up before it (connect, reference lists) took ${per((m) => String(r.modes[m].drain.meteredReadsWarmup))} |`,
    `| IIF reader | ${fmt(l.iifText.lines)} lines in ${fmt(l.iifText.medianMs, 1)} ms = ${fmt(l.iifText.linesPerSecond)} lines/s; from the file ${fmt(l.iifFile.medianMs, 1)} ms | 100,000 lines well under 1 s | readIifText on a ${fmt(l.iifText.lines)}-line GL export (${fmt(l.iifText.documents)} journals), median of ${c.local.runs}; from the file = read + decode + parse |`,
    `| IIF import into the ledger | ${fmt(l.iifImport.lines)} lines in ${fmt(l.iifImport.medianMs)} ms = ${fmt(l.iifImport.linesPerSecond)} lines/s (CPU ${fmt(l.iifImport.medianCpuMs)} ms); ` +
      `again, all duplicates, ${fmt(l.iifReimport.medianMs)} ms; the batch backlog's ${fmt(r.modes.batch.import.files)} daily files ${fmt(r.modes.batch.import.linesPerSecond)} lines/s | | ` +
      `a GL export through importFiles (read, hash, parse, record ${fmt(l.iifImport.documents)} journals in one SQLite transaction), median of ${c.local.importRuns} runs on fresh ledgers ` +
      `(bench/import-iif.ts); then ${fmt(r.modes.batch.import.lines)} lines in ${fmt(r.modes.batch.import.files)} files, one transaction each |`,
    `| Feed reader / import | parse ${fmt(l.feedText.documentsPerSecond)} docs/s; import ${fmt(rt.import.perSecond)} docs/s | | readFeedText on the ${fmt(l.feedText.documents)}-line real-time feed; importFiles of its ${fmt(rt.import.files)} daily files into a fresh ledger |`,
    `| Outbox enqueue | ${per((m) => `${fmt(r.modes[m].enqueue.perSecond)}/s`)} | | export jobs written to the outbox (one transaction, each with its history row and covered documents) |`,
    `| Payload building | planExports ${per((m) => `${fmt(r.modes[m].plan.planExports.perSecond)} docs/s`)}; resolvePayload ${per((m) => `${fmt(r.modes[m].resolve.perSecond)}/s`)} | | POR documents planned into export jobs per second (pure planner), and jobs turned into exact QBO bodies per second |`,
    `| Peak memory of the core | ${per((m) => `${fmt(r.modes[m].memory.peakRssMb)} MB RSS / ${fmt(r.modes[m].memory.peakHeapUsedMb)} MB heap`)} | | ` +
      `the measured process (import, plan and drain of that backlog; the simulator runs elsewhere): RSS high-water mark and sampled V8 heap; ` +
      `heap peak by phase ${per((m) =>
        Object.entries(r.modes[m].memory.phases)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', '),
      )} MB; the process starts at ${per((m) => `${fmt(r.modes[m].memory.baselineRssMb)}`)} MB RSS |`,
    `| Real-time latency | **median ${fmt(r.latency.medianMs)} ms, p95 ${fmt(r.latency.p95Ms)} ms** (${r.latency.samples - r.latency.timedOut} of ${r.latency.samples}) | | a one-invoice feed file handed to the runtime (runtime.importFiles) until QBO answered its create; simulator latency ${r.latency.simLatencyMs} ms; the runtime's scheduler first waits its trigger debounce for more files; ${fmt(r.latency.historyDocuments)} documents of history in the ledger |`,
    `| Inbox latency | **all ${fmt(r.inbox.files)} imported ${fmt(r.inbox.medianAllImportedMs)} ms after the last write** (median of ${r.inbox.runs.length}; slowest ${fmt(r.inbox.maxAllImportedMs)} ms; first file ${fmt(r.inbox.runs[0]?.firstImportedMs)} ms) | <= 3,000 ms | ` +
      `${fmt(r.inbox.files)} daily GL export files (IIF) written into the watched inbox back to back; the watcher (product defaults: a file is read once it has been quiet ${fmt(r.inbox.stabilityMs)} ms, 8 read side by side, recorded one at a time) imports each into a fresh ledger and moves it to processed/ |`,
    `| Engine CPU per document | ${per((m) => `${fmt(r.summary[m].cpuMsPerDocument, 2)} ms`)} | | CPU of the core process during the drain / documents created; at this time factor the ceiling asks ${per((m) => `${fmt(r.summary[m].cpuDemandAtScaledCeiling, 2)}`)} cores of it (above 1: the factor, not QBO, limits) |`,
    '',
    'Drain shape, documents created per half window from the first request:',
    '',
    ...modes.map((m) => `- ${LABEL[m]}: ${r.modes[m].drain.shape?.creates.join(', ') ?? 'n/a'}`),
    `- node-quickbooks: ${r.peer.rate ? fmt(r.peer.rate.perQboMinute / 2) : 'n/a'} per half window on average`,
    '',
  ];
  return lines.join('\n');
}
