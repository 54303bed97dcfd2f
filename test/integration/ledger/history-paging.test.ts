import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';

const ROWS = 100_000;

describe('history with 100,000 rows', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeAll(() => {
    tmp = makeTempDir();
    let tick = Date.parse('2026-01-01T00:00:00Z');
    ledger = openLedger(tmp.path, 'practice', { now: () => new Date((tick += 1000)) });
    ledger.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        ledger.history.record({
          subjectKind: i % 4 === 0 ? 'job' : 'document',
          subjectKey: `k${i % 5000}`,
          action: i % 10 === 0 ? 'failed' : 'posted',
          store: (i % 7) + 1,
          businessDate: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
          detail: { n: i, note: i % 1000 === 7 ? 'needle' : 'hay' },
        });
      }
    });
  });
  afterAll(() => {
    ledger.close();
    tmp.remove();
  });

  it('counts the total for a filter and pages by offset and by cursor', () => {
    expect(ledger.history.query({}, { limit: 1 }).total).toBe(ROWS);
    const filter = { store: 3, subjectKind: 'job' as const };
    const first = ledger.history.query(filter, { limit: 500 });
    const expected = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 7 === 2 && i % 4 === 0).length;
    expect(first.total).toBe(expected);
    expect(first.rows).toHaveLength(500);
    expect(first.rows.every((r) => r.store === 3 && r.subjectKind === 'job')).toBe(true);
    // Newest first.
    expect(first.rows[0]!.id).toBeGreaterThan(first.rows[1]!.id);

    const byOffset = ledger.history.query(filter, { limit: 500, offset: 500 });
    const byCursor = ledger.history.query(filter, { limit: 500, before: first.nextBefore! });
    expect(byCursor.rows.map((r) => r.id)).toEqual(byOffset.rows.map((r) => r.id));
  });

  it('walks every row exactly once by cursor', () => {
    const seen = new Set<number>();
    let before: number | undefined;
    for (let page = 0; page < 200; page++) {
      const res = ledger.history.query({}, { limit: 1000, ...(before !== undefined ? { before } : {}) });
      for (const r of res.rows) seen.add(r.id);
      if (res.nextBefore === null) break;
      before = res.nextBefore;
    }
    expect(seen.size).toBe(ROWS);
  });

  it('filters by date range, time, action and text', () => {
    const late = ledger.history.query({ dateFrom: '2026-03-27', dateTo: '2026-03-28', action: 'failed' }, { limit: 5 });
    expect(late.total).toBe(Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 10 === 0 && (i % 28) + 1 >= 27).length);
    expect(late.rows.every((r) => r.businessDate! >= '2026-03-27' && r.action === 'failed')).toBe(true);
    const needles = ledger.history.query({ text: 'needle' }, { limit: 1000 });
    expect(needles.total).toBe(100);
    expect((needles.rows[0]!.detail as { note: string }).note).toBe('needle');
    const window = ledger.history.query({ since: '2026-01-01T00:00:11.000Z', until: '2026-01-01T00:00:20.000Z' });
    expect(window.total).toBe(10);
    expect(ledger.history.query({ subjectKey: 'k42' }).total).toBe(20);
  });

  it('uses an index for the filtered count, not a full scan of the table', () => {
    const db = new Database(ledger.path, { readonly: true });
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM history WHERE store = ? AND business_date >= ?').all(3, '2026-03-01') as {
      detail: string;
    }[];
    db.close();
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX history_store_day/);
  });
});
