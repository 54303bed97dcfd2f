/**
 * History text search through the trigram index (migration 009) finds exactly what the column-by-column
 * LIKE search it replaced found: same jobs, same order, same totals, also after the searched columns change.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPath, openLedger, type Ledger } from '../../../main/core/ledger';
import { historySearchSql, parseHistorySearch } from '../../../main/core/ledger/history-search';
import { migrate } from '../../../main/core/ledger/migrate';
import { MIGRATIONS } from '../../../main/core/ledger/migrations';
import type { HistorySearchQuery } from '../../../main/core/ledger/read-models/history-search';
import { SHORT_TEXT_WINDOW } from '../../../main/core/ledger/read-models/history-search';
import { makeTempDir } from '../../helpers/temp-dir';
import { queryHistory } from '../../../main/core/app/views/history-view';

const STORES = [
  { store: 1, name: 'Burbank' },
  { store: 2, name: 'Glendale' },
];

/** The search as it was before the index (schema 7): every searched column LIKE '%text%', a full scan. */
function searchAsBefore(db: Database.Database, q: Omit<HistorySearchQuery, 'offset' | 'limit'>): { ids: number[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, v: string | number | undefined) => v !== undefined && (where.push(clause), params.push(v));
  add('status = ?', q.status);
  add('kind = ?', q.kind);
  add('store = ?', q.store);
  add('business_date >= ?', q.dateFrom);
  add('business_date <= ?', q.dateTo);
  const cols = [
    'idempotency_key',
    'kind',
    "coalesce(qbo_doc_number, '')",
    "coalesce(qbo_id, '')",
    "coalesce(last_error_message, '')",
    "coalesce(last_error_code, '')",
    "coalesce(last_error_tid, '')",
    "coalesce(json_extract(payload, '$.job.payload.docNumber'), '')",
    "coalesce(json_extract(payload, '$.job.payload.customer.name'), '')",
  ];
  const like = `%${q.text!.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const extra = historySearchSql(parseHistorySearch(q.text!, q.stores ?? []));
  where.push(`(${cols.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')} OR CAST(id AS TEXT) = ?${extra ? ` OR ${extra.sql}` : ''})`);
  params.push(...cols.map(() => like), q.text!, ...(extra?.params ?? []));
  const ids = db
    .prepare(`SELECT id FROM outbox WHERE ${where.join(' AND ')} ORDER BY id DESC`)
    .pluck()
    .all(...params) as number[];
  return { ids, total: ids.length };
}

function searchNow(ledger: Ledger, q: Omit<HistorySearchQuery, 'offset' | 'limit'>, limit = 5000): { ids: number[]; total: number } {
  const page = ledger.historySearch.page({ ...q, offset: 0, limit });
  return { ids: page.jobs.map((j) => j.id), total: page.total };
}

const NAMES = ['Acme Builders', 'ACME rentals 100%', 'under_score Ltd', 'Back\\slash Co', 'Émile Crème', 'Quote "Q" Inc'];

function fill(ledger: Ledger, n: number): void {
  ledger.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const kind = i % 5 === 0 ? 'Customer' : i % 3 === 0 ? 'Invoice' : 'JournalEntry';
      const day = `${i % 2 ? 2025 : 2026}-${i % 4 ? '11' : '03'}-${String((i % 28) + 1).padStart(2, '0')}`;
      ledger.outbox.enqueue({
        idempotencyKey: `practice/realtime/${kind}/s${(i % 2) + 1}/${day}/invoice:inv-${7000 + i}/h${i}`,
        kind,
        payload: { job: { payload: { docNumber: i % 7 === 0 ? i * 11 : `INV-${7000 + i}`, customer: { name: NAMES[i % NAMES.length] } } } },
        amountCents: 433_900 + (i % 10),
        store: (i % 2) + 1,
        businessDate: day,
      });
    }
  });
}

const TEXTS = [
  'inv-7012',
  'INV-70',
  'acme',
  'ACME RENTALS',
  '100%',
  '0%',
  '%',
  'r_s',
  'der_sc',
  '_',
  'k\\s',
  '\\',
  'émile',
  'ÉMILE',
  'crème',
  '"q"',
  'quote "',
  'in',
  'x',
  '7',
  '12',
  '154',
  '13',
  'Burbank',
  'glend',
  'Store 2',
  'Nov 3',
  'Nov 30',
  'Mar 5',
  '2026-03-05',
  '11/05',
  '$4,339.03',
  '4339.05',
  'journalentry',
  'customer',
  'nothing-like-this',
  'h1',
  's1/',
];

describe('history text search through the trigram index', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let raw: Database.Database;
  let clock: Date;
  beforeEach(() => {
    tmp = makeTempDir();
    clock = new Date('2026-03-15T08:00:00.000Z');
    ledger = openLedger(tmp.path, 'practice', { now: () => clock, owner: 'test-host:1' });
    raw = new Database(ledgerPath(tmp.path, 'practice'), { readonly: true });
  });
  afterEach(() => {
    raw.close();
    ledger.close();
    tmp.remove();
  });

  it('finds the same jobs, in the same order, with the same totals as the LIKE scan: substrings, case, escapes, names, days, amounts, ids', () => {
    fill(ledger, 2400);
    for (const text of TEXTS) {
      for (const filter of [{}, { store: 2 }, { kind: 'Invoice' }, { dateFrom: '2025-11-01', dateTo: '2025-11-30' }, { status: 'queued' as const }]) {
        const q = { text, stores: STORES, ...filter };
        expect({ text, filter, ...searchNow(ledger, q) }).toEqual({ text, filter, ...searchAsBefore(raw, q) });
      }
    }
    // Pages of a broad search walk the same ids.
    const all = searchAsBefore(raw, { text: 'inv', stores: STORES });
    const pages = Array.from({ length: 25 }, (_, i) => i * 100).flatMap((offset) =>
      ledger.historySearch.page({ text: 'inv', stores: STORES, offset, limit: 100 }).jobs.map((j) => j.id),
    );
    expect(pages).toEqual(all.ids);
  });

  it('follows a job whose error changes on a retry, then clears on success (and its QBO Id and DocNumber become searchable)', () => {
    fill(ledger, 3);
    const [job] = ledger.outbox.claim({ limit: 1 });
    ledger.outbox.fail(job!.id, { message: 'Stale object error: alpha', qboCode: '5010', intuitTid: 'tid-aaa' }, new Date(clock.getTime() + 1000));
    expect(searchNow(ledger, { text: 'stale object' }).ids).toEqual([job!.id]);
    expect(searchNow(ledger, { text: 'TID-AAA' }).ids).toEqual([job!.id]);
    expect(searchNow(ledger, { text: '5010' }).ids).toEqual([job!.id]);
    clock = new Date(clock.getTime() + 2000);
    const [again] = ledger.outbox.claim({ limit: 1 });
    expect(again!.id).toBe(job!.id);
    ledger.outbox.fail(job!.id, { message: 'Business validation: beta', qboCode: '6000' });
    expect(searchNow(ledger, { text: 'stale object' }).ids).toEqual([]);
    expect(searchNow(ledger, { text: 'tid-aaa' }).ids).toEqual([]);
    expect(searchNow(ledger, { text: 'validation: b' }).ids).toEqual([job!.id]);
    ledger.outbox.retry(job!.id);
    ledger.outbox.claim({ limit: 1 });
    ledger.outbox.complete(job!.id, { qboId: 'QB-98765', docNumber: 'DOC-5555' });
    expect(searchNow(ledger, { text: 'validation' }).ids).toEqual([]);
    expect(searchNow(ledger, { text: 'qb-987' }).ids).toEqual([job!.id]);
    expect(searchNow(ledger, { text: 'doc-555' }).ids).toEqual([job!.id]);
    // A revised payload is searched by its new DocNumber only.
    const other = ledger.outbox.list({ status: 'queued' }).rows[0]!;
    ledger.outbox.revisePayload(other.id, { job: { payload: { docNumber: 'NEW-DOC-42', customer: { name: 'Zed' } } } });
    expect(searchNow(ledger, { text: 'new-doc-4' }).ids).toEqual([other.id]);
    // Its customer's name was that of NAMES[id % 6] before: no longer found by it.
    expect(searchNow(ledger, { text: NAMES[other.id % NAMES.length]! }).ids).not.toContain(other.id);
    expect(searchNow(ledger, { text: 'zed' }).ids).toEqual([other.id]);
    for (const text of ['validation', 'qb-987', 'new-doc', 'zed', 'stale']) expect(searchNow(ledger, { text })).toEqual(searchAsBefore(raw, { text }));
  });

  it('a text under 3 characters looks at the newest jobs of the filter (and says so when there are more)', () => {
    fill(ledger, 40);
    expect(ledger.historySearch.page({ text: 'h1', offset: 0, limit: 100 }).searchedNewest).toBeUndefined();
    ledger.transaction(() => {
      for (let i = 0; i < SHORT_TEXT_WINDOW; i++) ledger.outbox.enqueue({ idempotencyKey: `bulk/${i}`, kind: 'Class', payload: {} });
    });
    const page = ledger.historySearch.page({ text: 'h1', offset: 0, limit: 100 });
    expect(page.searchedNewest).toBe(SHORT_TEXT_WINDOW);
    expect(page.total).toBe(0); // the h1.. keys are older than the window
    // The history screen is told, so it can say it looked only at the newest.
    expect(queryHistory(ledger, { text: 'h1', offset: 0, limit: 100 }).searchedNewest).toBe(SHORT_TEXT_WINDOW);
    expect(queryHistory(ledger, { text: 'h12', offset: 0, limit: 100 }).searchedNewest).toBeUndefined();
    expect(ledger.historySearch.page({ text: 'h1', kind: 'Invoice', offset: 0, limit: 100 }).total).toBe(
      searchAsBefore(raw, { text: 'h1', kind: 'Invoice' }).total,
    );
    expect(ledger.historySearch.page({ text: 'h12', offset: 0, limit: 100 }).total).toBe(searchAsBefore(raw, { text: 'h12' }).total);
  });
});

describe('a ledger of schema 7 opened by this version', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('gets the search index and the store-day summary of what it already holds', () => {
    const file = ledgerPath(tmp.path, 'practice');
    mkdirSync(dirname(file), { recursive: true });
    // The file as schema 7 made it, filled by hand (this version's writers keep the new tables).
    const db = new Database(file);
    migrate(
      db,
      file,
      MIGRATIONS.filter((m) => m.version <= 7),
    );
    db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('environment', 'practice'), ('ledgerId', 'old-ledger')").run();
    const job = db.prepare(
      `INSERT INTO outbox (idempotency_key, request_id, environment, kind, payload, status, next_attempt_at, last_error_message, amount_cents, store, business_date, created_at, updated_at)
       VALUES (?, ?, 'practice', 'JournalEntry', ?, ?, 't', ?, ?, ?, ?, 't', 't')`,
    );
    job.run(
      'je/s1/2026-03-14/a',
      'r1',
      JSON.stringify({ job: { payload: { docNumber: 'PR260314', customer: { name: 'Acme' } } } }),
      'posted',
      null,
      1000,
      1,
      '2026-03-14',
    );
    job.run('je/s2/2026-03-14/b', 'r2', '{}', 'failed', 'Account 4000-02 is not mapped', 2000, 2, '2026-03-14');
    const doc = db.prepare(
      `INSERT INTO documents (key, type, doc_id, store, business_date, revision, content_hash, source_kind, payload, postings, received_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'feed', '{}', ?, 't', ?)`,
    );
    doc.run('invoice:1', 'invoice', '1', 1, '2026-03-14', 1, 'h1', '[["1200",500],["4000",-500]]', 'active');
    doc.run('invoice:1', 'invoice', '1', 1, '2026-03-14', 2, 'h2', '[["1200",900],["4000",-900]]', 'superseded');
    doc.run('deposit:2', 'deposit', '2', 1, '2026-03-14', 1, 'h3', '[["1010",300],["1200",-300]]', 'active');
    doc.run('close:1', 'storeDayClosed', 'c1', 1, '2026-03-14', 1, 'h4', '[]', 'active');
    doc.run('invoice:3', 'invoice', '3', 2, '2026-03-15', 1, 'h5', '[["1200",700],["4000",-700]]', 'active');
    doc.run('invoice:4', 'invoice', '4', null, '2026-03-15', 1, 'h6', '[["1200",800]]', 'active');
    db.close();

    const ledger = openLedger(tmp.path, 'practice');
    try {
      expect(ledger.storeDays.list({ dateFrom: '2026-03-01', dateTo: '2026-03-31' })).toEqual([
        { store: 2, date: '2026-03-15', documents: 1, closed: false, state: 'not-exported', amountCents: 700 },
        { store: 1, date: '2026-03-14', documents: 3, closed: true, state: 'posted', amountCents: 500 },
      ]);
      expect(searchNow(ledger, { text: 'not mapped' }).ids).toEqual([2]);
      expect(searchNow(ledger, { text: 'pr2603' }).ids).toEqual([1]);
      expect(searchNow(ledger, { text: 'acme' }).ids).toEqual([1]);
      expect(searchNow(ledger, { text: '2026-03-14' }).total).toBe(2);
    } finally {
      ledger.close();
    }
  });
});
