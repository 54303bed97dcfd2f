/**
 * The store-day list reads a summary the document store keeps (migration 009); it must say exactly what
 * the documents themselves say (reconciliation's storeDays and porTotals, as the list computed it before)
 * after any mix of receipts, revisions, regenerations, decisions and failed writes.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import type { PorDocument } from '../../../main/core/por/model';
import { makeTempDir } from '../../helpers/temp-dir';
import type { LedgerContext } from '../../../main/core/ledger/ledger-context';
import { REFRESH_BATCH_DATES } from '../../../main/core/ledger/store-day-summary';
import { dayClosed, glJournal, invoice } from './ledger-test-docs';

const RANGE = { dateFrom: '2026-03-01', dateTo: '2026-03-31' };

/** The list's documents, close flag and debit amount as computed from the documents (before migration 009). */
function fromDocuments(ledger: Ledger, store?: number, range = RANGE) {
  const filter = { ...range, ...(store !== undefined ? { store } : {}) };
  const debits = new Map<string, number>();
  for (const t of ledger.reconciliation.porTotals(filter)) {
    if (t.amountCents > 0) debits.set(`${t.store}|${t.businessDate}`, (debits.get(`${t.store}|${t.businessDate}`) ?? 0) + t.amountCents);
  }
  return ledger.reconciliation
    .storeDays(filter)
    .filter((d) => d.store !== null)
    .map((d) => ({
      store: d.store!,
      date: d.businessDate,
      documents: d.documents,
      closed: d.closed,
      amountCents: debits.get(`${d.store}|${d.businessDate}`) ?? 0,
    }))
    .sort((a, b) => b.date.localeCompare(a.date) || a.store - b.store);
}

function listed(ledger: Ledger, store?: number) {
  return ledger.storeDays.list({ ...RANGE, ...(store !== undefined ? { store } : {}) }).map(({ state: _s, ...rest }) => rest);
}

/** A small deterministic random source (tests must replay). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('store-day summary', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'practice');
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('matches the documents after random receipts, feed revisions, regenerated GL blocks, decisions and rolled-back writes', () => {
    const next = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const feedRevision = new Map<string, number>();
    const docOf = (): PorDocument => {
      const store = pick([1, 2, 3]);
      const day = `2026-03-${pick(['10', '11', '12'])}`;
      const kind = pick(['journal', 'invoice', 'invoice', 'close']);
      if (kind === 'close') return dayClosed(store, day);
      const amount = pick([-5_000, 0, 1_200, 25_000, 99_999]);
      if (kind === 'journal') {
        const id = `PR-${store}-${pick(['a', 'b'])}`;
        // Same id, new amounts: a regenerated GL block (waits for a decision).
        return glJournal({
          id,
          store,
          businessDate: day,
          amount,
          lines: [
            { account: pick(['1020-01', '1200']), className: null, amount, memo: null, name: null },
            { account: pick(['4000-01', '1200']), className: null, amount: -amount, memo: null, name: null },
          ],
        } as never);
      }
      const id = `INV-${pick(['1', '2', '3', '4'])}`;
      const revision = (feedRevision.get(id) ?? 0) + pick([0, 1, 1]);
      feedRevision.set(id, Math.max(revision, feedRevision.get(id) ?? 0));
      return invoice({
        id,
        store,
        businessDate: day,
        revision: Math.max(1, revision),
        lines: [
          {
            kind: 'rental',
            description: 'x',
            quantity: '1',
            unitPrice: Math.abs(amount),
            amount: Math.abs(amount),
            taxable: false,
            account: pick(['4000-02', '4100']),
          },
        ],
      } as never);
    };
    for (let step = 0; step < 120; step++) {
      const what = next();
      if (what < 0.5) ledger.documents.record(docOf());
      else if (what < 0.75) ledger.documents.recordMany(Array.from({ length: 1 + Math.floor(next() * 6) }, docOf));
      else if (what < 0.9) {
        const pending = ledger.documents.pendingDecisions();
        if (pending.length) ledger.documents.decideRevision(pick(pending).key, next() < 0.5 ? 'replace' : 'keep');
      } else {
        // A write that fails after recording: nothing it counted may stay.
        expect(() =>
          ledger.transaction(() => {
            ledger.documents.recordMany([docOf(), docOf()]);
            throw new Error('refused');
          }),
        ).toThrow('refused');
      }
      expect(listed(ledger)).toEqual(fromDocuments(ledger));
    }
    expect(listed(ledger, 2)).toEqual(fromDocuments(ledger, 2));
    expect(ledger.documents.counts().superseded + ledger.documents.counts().ignored).toBeGreaterThan(0);
    expect(listed(ledger).some((d) => d.closed)).toBe(true);
  });

  /** Dates the ledger holds as current (read through a connection of its own). */
  function currentDates(): string[] {
    const db = new Database(ledger.path, { readonly: true });
    try {
      return db.prepare('SELECT business_date FROM store_day_dates ORDER BY business_date').pluck().all() as string[];
    } finally {
      db.close();
    }
  }

  it('a write drops only the dates it changed; the list recomputes them once and stores them as current', () => {
    ledger.documents.recordMany([glJournal({ id: 'A', businessDate: '2026-03-10' }), glJournal({ id: 'B', businessDate: '2026-03-11' })]);
    expect(currentDates()).toEqual([]);
    expect(listed(ledger)).toEqual(fromDocuments(ledger));
    expect(currentDates()).toEqual(['2026-03-10', '2026-03-11']);
    ledger.documents.record(glJournal({ id: 'C', businessDate: '2026-03-10', amount: 5_000 }));
    expect(currentDates()).toEqual(['2026-03-11']);
    expect(listed(ledger)).toEqual(fromDocuments(ledger));
    expect(listed(ledger).find((d) => d.date === '2026-03-10')).toMatchObject({ documents: 2 });
    // A duplicate changes nothing: the date stays current.
    ledger.documents.record(glJournal({ id: 'C', businessDate: '2026-03-10', amount: 5_000 }));
    expect(currentDates()).toEqual(['2026-03-10', '2026-03-11']);
  });

  it('a range of more stale dates than one write recomputes takes several writes and leaves every date current', () => {
    const dates = Array.from({ length: 2 * REFRESH_BATCH_DATES + 8 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    ledger.documents.recordMany(dates.map((date, i) => glJournal({ id: `J-${i}`, businessDate: date, amount: 1_000 + i, store: 1 + (i % 3) })));
    const range = { dateFrom: dates[0]!, dateTo: dates.at(-1)! };
    // Each write the list makes, with the dates it stored as current.
    const ctx = (ledger as unknown as { ctx: LedgerContext }).ctx;
    const write = ctx.write;
    const stored: number[] = [];
    ctx.write = <T>(fn: () => T): T =>
      write(() => {
        const before = ctx.db.prepare('SELECT count(*) FROM store_day_dates').pluck().get() as number;
        const out = fn();
        stored.push((ctx.db.prepare('SELECT count(*) FROM store_day_dates').pluck().get() as number) - before);
        return out;
      });
    let rows;
    try {
      rows = ledger.storeDays.list(range);
    } finally {
      ctx.write = write;
    }
    expect(stored).toEqual([REFRESH_BATCH_DATES, REFRESH_BATCH_DATES, 8]);
    expect(currentDates()).toEqual(dates);
    expect(rows.map((r) => r.date).sort()).toEqual(dates);
    expect(rows.map(({ state: _s, ...r }) => r)).toEqual(fromDocuments(ledger, undefined, range));
  });

  it('while another process holds the write lock, the list answers from the documents at once and stores nothing', () => {
    ledger.documents.record(glJournal({ id: 'A', businessDate: '2026-03-12' }));
    const other = new Database(ledger.path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      expect(listed(ledger)).toEqual(fromDocuments(ledger));
      expect(Date.now() - started).toBeLessThan(5_000); // not the ledger's 10 s busy wait
      expect(other.prepare('SELECT count(*) FROM store_day_dates').pluck().get()).toBe(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(listed(ledger)).toEqual(fromDocuments(ledger));
    expect(currentDates()).toEqual(['2026-03-12']);
  });

  it('inside a write, the list answers from the documents without storing a date that write may change again', () => {
    ledger.transaction(() => {
      ledger.documents.record(glJournal({ id: 'A', businessDate: '2026-03-12' }));
      expect(listed(ledger)).toEqual(fromDocuments(ledger));
      ledger.documents.record(glJournal({ id: 'B', businessDate: '2026-03-12', amount: 7_000 }));
    });
    expect(currentDates()).toEqual([]);
    expect(listed(ledger).find((d) => d.date === '2026-03-12')).toMatchObject({ documents: 2 });
    expect(listed(ledger)).toEqual(fromDocuments(ledger));
  });

  it('a ledger kept by schema 9 opens at 10 with its summary taken as current', () => {
    ledger.documents.recordMany([glJournal({ id: 'A', businessDate: '2026-03-10' }), invoice({ businessDate: '2026-03-11' })]);
    const before = listed(ledger);
    ledger.close();
    const db = new Database(ledger.path);
    db.exec('DROP TABLE store_day_dates; DELETE FROM schema_migrations WHERE version = 10; PRAGMA user_version = 9;');
    db.close();
    ledger = openLedger(tmp.path, 'practice');
    expect(currentDates()).toEqual(['2026-03-10', '2026-03-11']);
    expect(listed(ledger)).toEqual(before);
    expect(listed(ledger)).toEqual(fromDocuments(ledger));
  });
});
