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
}

function snapshot(ledger: Ledger): Snapshot {
  const db = new Database(ledger.path, { readonly: true });
  try {
    return {
      documents: db.prepare('SELECT key, revision, content_hash, status, payload, postings FROM documents ORDER BY row_id').all(),
      history: db.prepare('SELECT subject_key, action, from_status, to_status, detail FROM history WHERE subject_kind = ? ORDER BY id').all('document'),
      accounts: db.prepare('SELECT * FROM por_accounts_seen ORDER BY store, account').all(),
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
});
