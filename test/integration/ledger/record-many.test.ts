/**
 * recordMany (one transaction for a whole file) must decide exactly as record() one document at a time:
 * same outcomes, same rows, same history, for random batches that repeat keys, revise, regenerate,
 * conflict and duplicate, over a ledger that already holds some of them.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import type { PorDocument } from '../../../main/core/por/model';
import { makeTempDir } from '../../helpers/temp-dir';
import { dayClosed, glJournal, invoice, withSource } from './ledger-test-docs';

/** A small pool: few keys, several contents and revisions per key, IIF and feed sources. */
const POOL: PorDocument[] = [
  glJournal(),
  glJournal({ amount: 120_000 }),
  glJournal({ amount: 130_000 }),
  withSource(glJournal(), 'copy', 9),
  glJournal({ id: 'PR260314-2-1', store: 2 }),
  glJournal({ id: 'PR260314-2-1', store: 2, amount: 5_000 }),
  invoice(),
  invoice({ total: 30_000 }),
  invoice({ revision: 2, total: 31_000 }),
  invoice({ revision: 3, total: 32_000 }),
  invoice({ revision: 2, total: 31_000, contractNumber: 'C-1' }),
  withSource(invoice({ revision: 2, total: 31_000 }), 'later.jsonl', 4),
  dayClosed(1, '2026-03-14'),
  { ...dayClosed(1, '2026-03-14'), revision: 2, eodCompletedAt: '2026-03-14T23:59:00Z' },
];

interface Snapshot {
  documents: unknown[];
  history: unknown[];
  accounts: unknown[];
  counts: unknown[];
}

function snapshot(ledger: Ledger): Snapshot {
  const db = new Database(ledger.path, { readonly: true });
  try {
    return {
      documents: db.prepare('SELECT key, revision, content_hash, status, payload, postings FROM documents ORDER BY row_id').all(),
      history: db
        .prepare('SELECT at, actor, subject_key, action, from_status, to_status, store, business_date, detail FROM history WHERE subject_kind = ? ORDER BY id')
        .all('document'),
      accounts: db.prepare('SELECT * FROM por_accounts_seen ORDER BY store, account').all(),
      counts: db.prepare('SELECT status, n FROM document_status_counts ORDER BY status').all(),
    };
  } finally {
    db.close();
  }
}

describe('recordMany decides as record() does, one by one', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    tmp = makeTempDir();
  });
  afterAll(() => tmp.remove());

  it('for random batches over a ledger that already holds some of the keys (property)', () => {
    let n = 0;
    const batch = fc.array(fc.nat({ max: POOL.length - 1 }), { maxLength: 12 });
    fc.assert(
      fc.property(batch, batch, (earlier, now) => {
        n++;
        const at = new Date('2026-03-15T08:00:00Z');
        const one = openLedger(`${tmp.path}/one-${n}`, 'practice', { now: () => at });
        const many = openLedger(`${tmp.path}/many-${n}`, 'practice', { now: () => at });
        try {
          for (const i of earlier) {
            one.documents.record(POOL[i]!);
            many.documents.record(POOL[i]!);
          }
          const docs = now.map((i) => POOL[i]!);
          const expected = docs.map((d) => one.documents.record(d));
          expect(many.documents.recordMany(docs)).toEqual(expected);
          expect(snapshot(many)).toEqual(snapshot(one));
        } finally {
          one.close();
          many.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('into a fresh ledger (no key looked up): duplicates and a regenerated block within one batch, counts kept', () => {
    const at = new Date('2026-03-15T08:00:00Z');
    const one = openLedger(`${tmp.path}/fresh-one`, 'practice', { now: () => at });
    const many = openLedger(`${tmp.path}/fresh-many`, 'practice', { now: () => at });
    try {
      const docs = [
        glJournal(),
        glJournal({ id: 'PR260314-2-1', store: 2 }),
        withSource(glJournal(), 'copy', 9), // the same content again: duplicate
        glJournal({ amount: 120_000 }), // regenerated: waits for a decision
        glJournal({ amount: 130_000 }), // regenerated again: the earlier one is moot
        invoice(),
        invoice({ revision: 2, total: 31_000 }),
        invoice({ revision: 2, total: 32_000 }), // same revision, other content: conflict
        invoice(), // older than the active one, same content as revision 1: duplicate
      ];
      const expected = docs.map((d) => one.documents.record(d));
      const outcomes = many.documents.recordMany(docs);
      expect(outcomes).toEqual(expected);
      expect(outcomes.map((o) => o.outcome)).toEqual([
        'accepted',
        'accepted',
        'duplicate',
        'pendingDecision',
        'pendingDecision',
        'accepted',
        'revised',
        'conflict',
        'duplicate',
      ]);
      expect(snapshot(many)).toEqual(snapshot(one));
      expect(many.documents.counts()).toEqual({ active: 3, superseded: 1, pendingDecision: 1, ignored: 1 });
      // The same batch again over what is now there: every key found by the one query, nothing new.
      expect(many.documents.recordMany(docs)).toEqual(docs.map((d) => one.documents.record(d)));
      expect(snapshot(many)).toEqual(snapshot(one));
    } finally {
      one.close();
      many.close();
    }
  });

  it('rolls back whole, status counts included, when a document fails part-way', () => {
    const many = openLedger(`${tmp.path}/rollback`, 'practice');
    try {
      const broken = { ...glJournal({ id: 'PR260314-3-1', store: 3 }), source: undefined } as unknown as PorDocument; // no source: the insert throws
      expect(() => many.documents.recordMany([glJournal(), broken])).toThrow();
      expect(many.documents.counts()).toEqual({ active: 0, superseded: 0, pendingDecision: 0, ignored: 0 });
      expect(many.documents.recordMany([glJournal()]).map((o) => o.outcome)).toEqual(['accepted']);
      expect(many.documents.counts().active).toBe(1);
    } finally {
      many.close();
    }
  });
});
