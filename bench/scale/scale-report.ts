/** The --scale section of bench/results.md: each size's figures against the targets, and growth. */
import type { ScaleResults, ScaleSizeResult } from './scale';

export const SCALE_START = '<!-- bench:scale:start -->';
export const SCALE_END = '<!-- bench:scale:end -->';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const cpuParen = (x: number | undefined) => (x === undefined ? '' : ` (CPU time ${x})`);
const cpuExp = (x: number | undefined) => (x === undefined ? '' : `; on CPU time ${x}`);
const ms = (x: number) => (x >= 100 ? n(x) : x.toFixed(1));

function verdict(value: number, limit: number): string {
  return value <= limit
    ? `**${ms(value)}** (target <= ${n(limit)}: met)`
    : `**${ms(value)}** (target <= ${n(limit)}: missed by ${ms(value - limit)}, x${(value / limit).toFixed(1)})`;
}

export function renderScale(r: ScaleResults, meta: { machine: string; at: string; load: string }): string {
  const lines: string[] = [];
  lines.push(`## Scale (--scale): a 20-store chain's year, 10x twice`);
  lines.push('');
  lines.push(
    `${meta.machine}. Run ${meta.at}; ${meta.load}. Real-time mode; the practice store's feed (about 11 documents per store-day) ` +
      `for up to a year of days, laid over itself in layers (ids and numbers made unique per layer) above about 78,000 documents, so 1M documents is one busy year. ` +
      `Each size in a fresh process running the built core under the core worker's heap bounds (main/core/host/core-heap.ts): import (importFiles), plan (planStep, enqueuing every job), drain a sample of ${n(r.drainSample)} creates ` +
      `against the simulator at QBO's limits x${r.factor} (the whole backlog would take hours at QBO's pace), core ready, then each screen query 30 times and a one-year reconciliation once (first) and 10 times more.`,
  );
  lines.push('');
  const head = ['', ...r.sizes.map((s) => `${n(s.documents)} docs`)];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`|${head.map(() => '---').join('|')}|`);
  const row = (label: string, f: (s: ScaleSizeResult) => string) => lines.push(`| ${label} | ${r.sizes.map(f).join(' | ')} |`);
  row('Shape (days x layers; files)', (s) => `${s.shape.days} x ${s.shape.layers}; ${s.feedFiles}`);
  row('Export jobs planned', (s) => n(s.jobs));
  row('Import (ms; CPU ms)', (s) => `${n(s.importMs)}; ${n(s.importCpuMs)} (${n(s.documents / (s.importMs / 1000))} docs/s)`);
  row('Plan (ms; CPU ms)', (s) => `${n(s.planMs)}; ${n(s.planCpuMs)} (${n(s.documents / (s.planMs / 1000))} docs/s)`);
  row(
    'Drain sample: creates; CPU ms per create; docs/min (unscaled)',
    (s) => `${n(s.drain.created)}; ${s.drain.cpuMsPerDoc.toFixed(2)}; ${n(s.drain.docsPerMinute)}`,
  );
  row('Peak RSS MB (after import / plan / drain / queries)', (s) => `${s.rssMb.import} / ${s.rssMb.plan} / ${s.rssMb.drain} / **${s.rssMb.queries}**`);
  row('Ledger file MB', (s) => n(s.ledgerMb));
  row('Core ready ms (open + status reads, median of 5)', (s) => ms(s.readyMs));
  row('History page p95 ms (newest 100; p50)', (s) => `${ms(s.queries.historyPage.p95)} (${ms(s.queries.historyPage.p50)})`);
  row('History filtered p95 ms (status+store+30 days)', (s) => ms(s.queries.historyFiltered.p95));
  row('History text search p95 ms', (s) => ms(s.queries.historyText.p95));
  row('Store-day list p95 ms (30 days, all stores)', (s) => ms(s.queries.storeDays.p95));
  row('Dashboard p95 ms (its ledger reads)', (s) => ms(s.queries.dashboard.p95));
  row('One-year reconciliation p95 ms (10 runs; POR side from the ledger, QBO side read from the simulator)', (s) => ms(s.queries.reconcileYear.p95));
  row('The same, QuickBooks read beforehand: our part, p95 ms', (s) => (s.queries.reconcileOurs ? ms(s.queries.reconcileOurs.p95) : 'not measured'));
  row('First one-year reconciliation ms (plans the POR side of every day once)', (s) =>
    s.reconcileColdMs === undefined ? 'not measured' : ms(s.reconcileColdMs),
  );
  lines.push('');
  lines.push('Growth exponents (log cost ratio / log documents ratio; 1 = linear):');
  lines.push('');
  for (const g of r.growth) {
    lines.push(
      `- ${n(g.from)} -> ${n(g.to)}: import ${g.importExp}${cpuParen(g.importCpuExp)}, plan ${g.planExp}${cpuParen(g.planCpuExp)}, peak RSS ${g.rssExp}, drain CPU per create ${g.drainCpuExp}`,
    );
  }
  const big = r.sizes.find((s) => s.target === 1_000_000) ?? r.sizes[r.sizes.length - 1]!;
  const hundred = r.sizes.find((s) => s.target === 100_000);
  lines.push('');
  lines.push('Against the targets:');
  lines.push('');
  if (hundred) lines.push(`- Peak RSS at ${n(hundred.documents)} documents: ${verdict(hundred.rssMb.queries, 250)} MB`);
  if (big.target === 1_000_000) {
    lines.push(`- Peak RSS at ${n(big.documents)} documents: ${verdict(big.rssMb.queries, 400)} MB`);
    lines.push(`- History page p95: ${verdict(big.queries.historyPage.p95, 50)} ms; dashboard p95: ${verdict(big.queries.dashboard.p95, 50)} ms`);
    // Not named by the targets, but screens all the same: held to the same 50 ms.
    lines.push(
      `- History text search p95: ${verdict(big.queries.historyText.p95, 50)} ms; store-day list p95: ${verdict(big.queries.storeDays.p95, 50)} ms (screens, held to the same 50 ms)`,
    );
    lines.push(
      `- One-year reconciliation of 20 stores: ${verdict(big.queries.reconcileYear.p95, 500)} ms with QuickBooks read from the simulator` +
        (big.queries.reconcileOurs ? `; our part (QuickBooks' answer read beforehand) ${verdict(big.queries.reconcileOurs.p95, 500)} ms` : '') +
        (big.reconcileColdMs !== undefined ? `; the first one after the plan (every day planned once): ${ms(big.reconcileColdMs)} ms` : ''),
    );
    lines.push(`- Core ready: ${verdict(big.readyMs, 1500)} ms`);
  }
  if (r.iifMillion) {
    const i = r.iifMillion;
    const runs = i.runsMs && i.runsMs.length > 1 ? `median of ${i.runsMs.length} runs: ${i.runsMs.map((x) => n(Math.round(x))).join(', ')} ms; ` : '';
    lines.push(`- ${n(i.lines)} IIF lines (${n(i.journals)} GL blocks) imported into a fresh ledger: ${verdict(i.ms, 5000)} ms (${runs}CPU ${n(i.cpuMs)} ms)`);
  }
  for (const g of r.growth)
    lines.push(
      `- Import exponent ${n(g.from)} -> ${n(g.to)}: ${g.importExp <= 1.1 ? 'met' : 'missed'} (${g.importExp} vs <= 1.1${cpuExp(g.importCpuExp)}); plan ${g.planExp <= 1.1 ? 'met' : 'missed'} (${g.planExp}${cpuExp(g.planCpuExp)})`,
    );
  return lines.join('\n');
}

/** Puts the section into results.md between its markers (appended the first time), the rest untouched. */
export function withScaleSection(markdown: string, section: string): string {
  const block = `${SCALE_START}\n${section}\n${SCALE_END}`;
  const a = markdown.indexOf(SCALE_START);
  const b = markdown.indexOf(SCALE_END);
  if (a >= 0 && b > a) return `${markdown.slice(0, a)}${block}${markdown.slice(b + SCALE_END.length)}`;
  return `${markdown.trimEnd()}\n\n${block}\n`;
}

/** The scale section of an existing results.md (kept when the default benchmark rewrites the file). */
export function scaleSectionOf(markdown: string): string | null {
  const a = markdown.indexOf(SCALE_START);
  const b = markdown.indexOf(SCALE_END);
  return a >= 0 && b > a ? markdown.slice(a, b + SCALE_END.length) : null;
}
