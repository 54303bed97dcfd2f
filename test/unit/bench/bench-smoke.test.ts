/**
 * The benchmark's code paths at toy size, in one process, so `npm run bench` cannot silently rot:
 * inputs, readers, the three modes through the engine, node-quickbooks, the runtime latency run and the
 * report. No timing assertions (speed is the benchmark's business, not a test's); the measure helpers
 * are checked on exact synthetic timelines.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { benchConfig } from '../../../bench/bench-config';
import { inProcessExecutor } from '../../../bench/executor';
import { ceilings, scaledLimits } from '../../../bench/measure/ceiling';
import { buckets, windowRate } from '../../../bench/measure/timeline';
import { renderMarkdown } from '../../../bench/report';
import type { StatsSample } from '../../../bench/sim/sim-handle';
import { MODES, runSuite } from '../../../bench/suite';
import { makeTempDir } from '../../helpers/temp-dir';

describe('benchmark measures', () => {
  it('ceilings follow from the limits: batches full plus single creates on the rest', () => {
    expect(ceilings()).toEqual({ strict: 3_980, batchOnly: 3_600, singles: 500 });
    expect(ceilings({ perMinute: 100, batchPerMinute: 200, concurrent: 10, windowMs: 60_000 })).toEqual({ strict: 3_000, batchOnly: 3_000, singles: 100 });
    expect(scaledLimits(10)).toEqual({ perMinute: 500, concurrent: 10, batchPerMinute: 120, windowMs: 6_000 });
    expect(() => scaledLimits(0.5)).toThrow(/factor/);
  });

  it('counts creates over whole windows from the first request, never more than had happened', () => {
    // [t, creates, requests, reads]: first request after t=100, 300 creates at t=150, 100 more at t=1150, last at t=2500.
    const samples: StatsSample[] = [
      [0, 5, 10, 0],
      [100, 5, 10, 0],
      [110, 5, 11, 0],
      [150, 305, 21, 0],
      [1_150, 405, 25, 0],
      [1_600, 500, 30, 0],
      [2_500, 600, 40, 0],
      [2_600, 600, 40, 0],
    ];
    const r = windowRate(samples, 1_000, 2)!;
    expect(r.start).toBe(100);
    expect(r.windows).toBe(2);
    // Window ends at 2100: the last sample at or before it shows 500 creates, 495 since the start.
    expect(r.creates).toBe(495);
    expect(r.perQboMinute).toBe(247.5);
    expect(r.saturated).toBe(true);
    expect(r.totalCreates).toBe(595);
    expect(buckets(samples, 100, 1_000).creates).toEqual([300, 195, 100]);
    expect(
      windowRate(
        [
          [0, 0, 0, 0],
          [10, 0, 0, 0],
        ],
        1_000,
        2,
      ),
    ).toBeNull();
  });
});

describe('benchmark suite at toy size', () => {
  const temp = makeTempDir('porqbo-bench-smoke-');
  afterAll(() => temp.remove());

  it('runs every part and reports every number', async () => {
    const config = benchConfig('toy', 60);
    const results = await runSuite(config, inProcessExecutor(), { workDir: temp.path });

    for (const mode of MODES) {
      const m = results.modes[mode];
      expect(m.drain.result.failed, `${mode}: ${m.drain.result.lastFailure}`).toBe(0);
      expect(m.drain.outbox.queued + m.drain.outbox.inFlight + m.drain.outbox.failed).toBe(0);
      expect(m.drain.creates).toBeGreaterThanOrEqual(m.plan.postings);
      expect(m.import.count).toBeGreaterThan(0);
      expect(m.enqueue.count).toBe(m.plan.postings + m.plan.ensure);
      expect(m.drain.rate?.totalCreates).toBe(m.drain.creates);
      expect(m.memory.peakRssMb).toBeGreaterThan(0);
      expect(results.summary[mode].vsPeer).toBeGreaterThan(0);
    }
    // GL exports' unnamed A/R lines go to the stores' A/R summary customers, created before the entries.
    expect(results.modes.batch.drain.byEntity.Customer).toBeGreaterThan(0);
    expect(results.modes.transaction.drain.byEntity.Invoice).toBeGreaterThan(0);
    expect(results.modes.batch.drain.byEntity.Invoice).toBeUndefined();

    // node-quickbooks pushed exactly the real-time backlog's journal entries.
    expect(results.peer.documents).toBe(results.modes.realtime.plan.postings);
    expect(results.peer.created).toBe(results.peer.documents);
    expect(results.peer.failed).toBe(0);

    // The lossy runs (field-reports, answers lost): everything posted once, QBO holding exactly the posted jobs.
    for (const mode of MODES) {
      const m = results.lossy[mode];
      expect(m.drain.outbox.queued + m.drain.outbox.inFlight + m.drain.outbox.failed, `${mode}: ${m.drain.result.lastFailure}`).toBe(0);
      expect(m.drain.duplicates).toBe(0);
      expect(m.drain.qboTransactions).toBe(m.drain.postedTransactions);
    }

    expect(results.latency.timedOut).toBe(0);
    // Inbox: every file dropped at once was imported (none refused) and timed from the last write.
    expect(results.inbox.runs).toHaveLength(config.inbox.runs);
    for (const run of results.inbox.runs) {
      expect(run.imported).toBe(config.inbox.files);
      expect(run.refused).toBe(0);
      expect(run.allImportedMs).toBeGreaterThanOrEqual(run.firstImportedMs);
    }
    expect(results.latency.latenciesMs).toHaveLength(config.latency.samples);
    expect(results.local.iifText.documents).toBeGreaterThan(0);
    expect(results.local.iifImport.documents).toBe(results.local.iifText.documents);
    expect(results.local.iifReimport.documents).toBe(results.local.iifText.documents);
    expect(results.local.feedText.documents).toBe(results.modes.realtime.import.count);

    const md = renderMarkdown(results);
    for (const row of [
      'Drain, batch mode',
      'Drain, batch mode, 5% of write answers lost, field-reports',
      'Drain, real-time mode',
      'Drain, transaction mode',
      'Ours / node-quickbooks',
      'Metered reads per document',
      'IIF reader',
      'Peak memory',
      'Real-time latency',
      'Inbox latency',
    ]) {
      expect(md).toContain(`| ${row}`);
    }
    expect(md).not.toContain('NaN');
  }, 120_000); // a toy run of every part: under a loaded CI (the profile matrix beside it) it has taken over 30 s
});
