/** Store-day states and the trigger-kept counts, read from a real SQLite ledger. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUSES, openLedger, type JobStatus, type Ledger } from '../../../../main/core/ledger';
import { stateOf } from '../../../../main/core/ledger/read-models/store-day-states';
import { generatePracticeStore, practiceStores } from '../../../../main/core/por/practice';
import { planStep } from '../../../../main/core/sync/engine/plan-step';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('store-day states', () => {
  const dir = makeTempDir();
  let ledger: Ledger;
  beforeAll(() => {
    ledger = openLedger(dir.path, 'sandbox');
    const data = generatePracticeStore({ seed: 3, stores: 2, startDate: '2026-02-02', days: 4 });
    ledger.documents.recordMany(data.documents);
    ledger.transaction(() => {
      for (const s of practiceStores(2)) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
      ledger.settings.set('exportMode', 'batch');
    });
  });
  afterAll(() => {
    ledger.close();
    dir.remove();
  });

  it('lists the requested days newest first with documents, close, size and how far their postings got', () => {
    expect(ledger.storeDays.latestBusinessDate()).toBe('2026-02-05');
    const before = ledger.storeDays.list({ dateFrom: '2026-02-03', dateTo: '2026-02-05' });
    expect(before.map((d) => `${d.date}/${d.store}`)).toEqual(['2026-02-05/1', '2026-02-05/2', '2026-02-04/1', '2026-02-04/2', '2026-02-03/1', '2026-02-03/2']);
    expect(before.every((d) => d.state === 'not-exported' && d.documents > 0 && d.amountCents > 0)).toBe(true);
    planStep(ledger, { environment: 'sandbox' });
    const after = ledger.storeDays.list({ store: 2, dateFrom: '2026-02-02', dateTo: '2026-02-05' });
    expect(after.map((d) => d.store)).toEqual([2, 2, 2, 2]);
    // Closed days got their batch; the days POR closed are queued now.
    expect(after.filter((d) => d.closed).every((d) => d.state === 'queued')).toBe(true);
    const jobs = ledger.storeDays.jobsIn({ store: 2, dateFrom: '2026-02-02', dateTo: '2026-02-02' });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.store === 2 && j.businessDate === '2026-02-02' && j.kind === 'JournalEntry')).toBe(true);
  });

  it('a day is as far as the least advanced of its postings', () => {
    const s = (entries: [JobStatus, number][]) => stateOf(new Map(entries));
    expect(stateOf(undefined)).toBe('not-exported');
    expect(s([['posted', 3]])).toBe('posted');
    expect(
      s([
        ['posted', 2],
        ['queued', 1],
      ]),
    ).toBe('partial');
    expect(
      s([
        ['posted', 2],
        ['failed', 1],
      ]),
    ).toBe('failed');
    expect(
      s([
        ['held', 1],
        ['queued', 1],
      ]),
    ).toBe('held');
    expect(s([['inFlight', 1]])).toBe('queued');
    expect(s([['undone', 1]])).toBe('undone');
  });

  it('status counts kept with every write equal a count of the rows, through every transition', () => {
    const first = ledger.outbox.list({ status: 'queued' }, { limit: 3 }).rows;
    ledger.outbox.hold(first[0]!.id, 'test');
    ledger.outbox.cancel(first[1]!.id, 'test');
    const counted = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
    for (let before: number | undefined; ;) {
      const page = ledger.outbox.list({}, { limit: 1000, ...(before !== undefined ? { before } : {}) });
      for (const r of page.rows) counted[r.status]++;
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(ledger.outbox.counts()).toEqual(counted);
    expect(counted.held).toBe(1);
    expect(counted.cancelled).toBe(1);
    expect(ledger.historySearch.page({ status: 'held', offset: 0, limit: 10 }).total).toBe(1);
    expect(ledger.historySearch.page({ offset: 0, limit: 10 }).total).toBe(Object.values(counted).reduce((a, b) => a + b, 0));
    expect(ledger.documents.counts().active).toBe(ledger.documents.list({ status: 'active' }, { limit: 1 }).total);
  });
});
