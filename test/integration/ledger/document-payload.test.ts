/**
 * The stored form of documents on the import fast path: a GL journal as the IIF reader builds it is stored from
 * its canonical JSON (not serialised twice), and must come back exactly as recorded, revision and all; its
 * postings and accounts-seen rows must be what the generic path writes. Also: new ledgers use 8 KB pages,
 * an existing ledger keeps its own, and its stored hashes still match (duplicates are still found).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentPostings, ledgerPath, openLedger, type Ledger } from '../../../main/core/ledger';
import { LEDGER_PAGE_SIZE } from '../../../main/core/ledger/ledger';
import { documentContentHash, glJournalJsonParts } from '../../../main/core/por/document-identity';
import { readIifText } from '../../../main/core/por/iif';
import type { GlJournal } from '../../../main/core/por/model';
import { makeTempDir } from '../../helpers/temp-dir';
import { glJournal } from './ledger-test-docs';

const IIF = '!TRNS\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\tDOCNUM\n!SPL\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO\tNAME\n';
function readJournals(body: string): GlJournal[] {
  const r = readIifText(IIF + body, 'PR260314.iif');
  expect(r.problems).toEqual([]);
  return r.documents as GlJournal[];
}

interface RawRow {
  payload: string;
  postings: string;
  content_hash: string;
  revision: number;
}

describe('ledger: stored form of imported GL journals', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let raw: Database.Database;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'practice', { actor: 'test' });
    raw = new Database(ledger.path, { readonly: true });
  });
  afterEach(() => {
    raw.close();
    ledger.close();
    tmp.remove();
  });
  const rowsOf = (key: string): RawRow[] =>
    raw.prepare('SELECT payload, postings, content_hash, revision FROM documents WHERE key = ? ORDER BY revision').all(key) as RawRow[];

  it('stores a reader-built journal from its canonical JSON and gives it back exactly, revision included', () => {
    const [doc] = readJournals(
      'TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t10.00\t"say ""hi"""\t\tPR260314\n' +
        'SPL\t03/14/2026\t4000-01\t\t-7.50\t\tJosé €\nSPL\t03/14/2026\t2200\tStore 1:Burbank\t-2.50\tTax\t\nENDTRNS\n',
    );
    expect(glJournalJsonParts(doc!)).not.toBeNull(); // this test is about the fast path
    expect(ledger.documents.recordMany([doc!])).toEqual([{ outcome: 'accepted', key: `glJournal:${doc!.id}`, revision: 1 }]);

    const [row] = rowsOf(`glJournal:${doc!.id}`);
    expect(JSON.parse(row!.payload)).toEqual(doc);
    expect(row!.content_hash).toBe(documentContentHash(doc!));
    expect(JSON.parse(row!.postings)).toEqual(documentPostings(doc!).map((p) => [p.account, p.amount]));
    expect(ledger.documents.get(`glJournal:${doc!.id}`)?.document).toEqual(doc);
    expect(raw.prepare('SELECT store, account, required FROM por_accounts_seen ORDER BY account').all()).toEqual([
      { store: 1, account: '1020-01', required: 0 },
      { store: 1, account: '2200', required: 0 },
      { store: 1, account: '4000-01', required: 0 },
    ]);

    // A regeneration with other amounts: revision 2 waits for a decision; its stored JSON says revision 2.
    const [regenerated] = readJournals(
      'TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t11.00\t"say ""hi"""\t\tPR260314\n' +
        'SPL\t03/14/2026\t4000-01\t\t-8.50\t\tJosé €\nSPL\t03/14/2026\t2200\tStore 1:Burbank\t-2.50\tTax\t\nENDTRNS\n',
    );
    expect(ledger.documents.recordMany([regenerated!, doc!])).toEqual([
      { outcome: 'pendingDecision', key: `glJournal:${doc!.id}`, revision: 2, activeRevision: 1 },
      { outcome: 'duplicate', key: `glJournal:${doc!.id}`, revision: 1, status: 'active' },
    ]);
    const rows = rowsOf(`glJournal:${doc!.id}`);
    expect(rows.map((r) => [r.revision, JSON.parse(r.payload).revision])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(JSON.parse(rows[1]!.payload)).toEqual({ ...regenerated, revision: 2 });
    expect(ledger.documents.revisions(`glJournal:${doc!.id}`)[1]!.document).toEqual({ ...regenerated, revision: 2 });
  });

  it('stores a journal of another shape the generic way, to the same effect', () => {
    const doc = glJournal(); // lines with members in another order: not the fast path
    expect(glJournalJsonParts(doc)).toBeNull();
    ledger.documents.recordMany([doc]);
    const [row] = rowsOf('glJournal:PR260314-1-1');
    expect(JSON.parse(row!.payload)).toEqual(doc);
    expect(JSON.parse(row!.postings)).toEqual(documentPostings(doc).map((p) => [p.account, p.amount]));
  });

  it('zero-amount lines count as accounts seen but not as postings, on both paths', () => {
    const fast = { ...readJournals('TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t1.00\nSPL\t03/14/2026\t4000-01\t\t-1.00\nENDTRNS\n')[0]! };
    fast.lines = [...fast.lines, { account: '9999', amount: 0, className: null, memo: null, name: null }];
    expect(glJournalJsonParts(fast)).not.toBeNull();
    ledger.documents.recordMany([fast]);
    expect(JSON.parse(rowsOf(`glJournal:${fast.id}`)[0]!.postings)).toEqual([
      ['1020-01', 100],
      ['4000-01', -100],
    ]);
    expect(raw.prepare('SELECT account FROM por_accounts_seen ORDER BY account').pluck().all()).toEqual(['1020-01', '4000-01', '9999']);
  });
});

describe('ledger page size', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('creates new ledgers with 8 KB pages; an existing ledger keeps its pages and still finds duplicates', () => {
    const fresh = openLedger(tmp.path, 'practice');
    fresh.close();
    const check = new Database(ledgerPath(tmp.path, 'practice'), { readonly: true });
    expect(check.pragma('page_size', { simple: true })).toBe(LEDGER_PAGE_SIZE);
    check.close();

    // A ledger made before: 4 KB pages, WAL, documents hashed then.
    const file = ledgerPath(tmp.path, 'sandbox');
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const [doc] = readJournals('TRNS\t03/14/2026\t1020-01\tStore 1:Burbank\t1.00\nSPL\t03/14/2026\t4000-01\t\t-1.00\nENDTRNS\n');
    let ledger = openLedger(tmp.path, 'sandbox');
    expect(ledger.documents.record(doc!).outcome).toBe('accepted');
    ledger.close();
    ledger = openLedger(tmp.path, 'sandbox');
    try {
      expect(ledger.documents.recordMany([doc!])[0]!.outcome).toBe('duplicate');
      const db = new Database(file, { readonly: true });
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      db.close();
    } finally {
      ledger.close();
    }
  });
});
