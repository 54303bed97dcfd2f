/**
 * The outbox's fast paths must answer exactly as the plain queries they replace: claims with kinds
 * (one walk of outbox_queued_by_kind per kind, merged) take the same jobs as one `kind IN (...)`
 * query; a transition returns the job as a fresh read would; a page of jobs carries the covered
 * documents a per-row read would; a payload parsed on first read is ordinary data.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPath, openLedger, type Ledger, type OutboxJob } from '../../../main/core/ledger';
import { migrate } from '../../../main/core/ledger/migrate';
import { MIGRATIONS } from '../../../main/core/ledger/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

const KINDS = ['Class', 'Customer', 'Item', 'JournalEntry', 'Invoice'] as const;
const START = new Date('2026-03-15T08:00:00.000Z');

/** One job: its kind, minutes until due (negative: due already), its state, how many documents it covers. */
const jobSpec = fc.record({
  kind: fc.nat({ max: KINDS.length - 1 }),
  dueIn: fc.integer({ min: -3, max: 3 }),
  state: fc.constantFrom('queued', 'queued', 'queued', 'held', 'inFlight', 'posted', 'failed'),
  docs: fc.nat({ max: 3 }),
});

/** The claim query as it was before the index: every kind at once, oldest first. */
function referenceClaim(file: string, now: string, kinds: readonly string[], limit: number): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const kindSql = kinds.length ? `AND kind IN (${kinds.map(() => '?').join(',')})` : '';
    return db
      .prepare(`SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ${kindSql} ORDER BY id LIMIT ?`)
      .pluck()
      .all(now, ...kinds, limit) as number[];
  } finally {
    db.close();
  }
}

function setStatuses(file: string, ids: number[], status: string): void {
  if (ids.length === 0) return;
  const db = new Database(file);
  try {
    const update = db.prepare('UPDATE outbox SET status = ? WHERE id = ?');
    db.transaction(() => ids.forEach((id) => update.run(status, id)))();
  } finally {
    db.close();
  }
}

describe('outbox claim by kind', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    tmp = makeTempDir();
  });
  afterAll(() => tmp.remove());

  it('takes exactly the jobs one kind IN (...) query would, oldest first, for random queues (property)', () => {
    let n = 0;
    const kindsArb = fc.uniqueArray(fc.constantFrom(...KINDS), { maxLength: KINDS.length });
    fc.assert(
      fc.property(fc.array(jobSpec, { maxLength: 30 }), kindsArb, fc.integer({ min: 1, max: 12 }), (specs, kinds, limit) => {
        n++;
        const clock = START;
        const ledger = openLedger(`${tmp.path}/p-${n}`, 'practice', { now: () => clock, owner: 'test-host:1' });
        try {
          const ids = specs.map(
            (s, i) =>
              ledger.outbox.enqueue({
                idempotencyKey: `k:${i}`,
                kind: KINDS[s.kind]!,
                payload: { i, lines: [{ amount: i * 100 }] },
                documentKeys: Array.from({ length: s.docs }, (_, d) => `doc:${(i * 7 + d * 3) % 10}:${d}`),
                notBefore: new Date(START.getTime() + s.dueIn * 60_000),
                holdReason: s.state === 'held' ? 'cutover' : null,
              }).job.id,
          );
          for (const state of ['inFlight', 'posted', 'failed'] as const) {
            setStatuses(
              ledger.path,
              ids.filter((_, i) => specs[i]!.state === state),
              state,
            );
          }
          const expected = referenceClaim(ledger.path, START.toISOString(), kinds, limit);
          const before = new Map(expected.map((id) => [id, ledger.outbox.get(id)!]));
          const claimed = ledger.outbox.claim({ limit, kinds, leaseMs: 60_000 });
          expect(claimed.map((j) => j.id)).toEqual(expected);
          for (const job of claimed) {
            // What the claim returns is what the ledger now holds, and only the claim's columns changed.
            expect(job).toEqual(ledger.outbox.get(job.id));
            expect(job).toEqual({
              ...before.get(job.id)!,
              status: 'inFlight',
              attempts: 1,
              leaseOwner: 'test-host:1',
              leaseUntil: '2026-03-15T08:01:00.000Z',
              updatedAt: START.toISOString(),
            });
          }
          const claimedHistory = ledger.history.query({ subjectKind: 'job', action: 'claimed' }, { limit: 1000 }).rows.reverse();
          expect(claimedHistory.map((h) => h.subjectKey)).toEqual(expected.map((id) => `job:${id}`));
          // Nothing claimed twice: a second claim of everything takes only what is left.
          const rest = referenceClaim(ledger.path, START.toISOString(), kinds, 1000);
          expect(ledger.outbox.claim({ limit: 1000, kinds }).map((j) => j.id)).toEqual(rest);
        } finally {
          ledger.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('walks the partial index of queued jobs instead of every queued row', () => {
    const ledger = openLedger(`${tmp.path}/plan`, 'practice');
    ledger.close();
    const db = new Database(ledgerPath(`${tmp.path}/plan`, 'practice'), { readonly: true });
    try {
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE status = 'queued' AND kind = ? AND next_attempt_at <= ? ORDER BY id LIMIT 30")
        .all('JournalEntry', START.toISOString()) as { detail: string }[];
      const text = plan.map((p) => p.detail).join(' | ');
      expect(text).toContain('outbox_queued_by_kind');
      expect(text).not.toContain('TEMP B-TREE');
    } finally {
      db.close();
    }
  });

  it('claims jobs whose last request may have run, and only those, through their own small index', () => {
    const ledger = openLedger(`${tmp.path}/unconfirmed`, 'practice', { now: () => START });
    try {
      const ids = ledger.transaction(() =>
        Array.from({ length: 200 }, (_, i) => ledger.outbox.enqueue({ idempotencyKey: `u:${i}`, kind: i % 2 ? 'Invoice' : 'Customer', payload: {} }).job.id),
      );
      const sent = [ids[5]!, ids[8]!, ids[9]!, ids[150]!];
      ledger.outbox.claim({ limit: 200 });
      for (const id of ids) {
        if (sent.includes(id)) {
          ledger.outbox.markSent([id]);
          ledger.outbox.fail(id, { message: 'no answer' }, START, 'unknown');
        } else ledger.outbox.fail(id, { message: 'later' }, START);
      }
      expect(ledger.outbox.claim({ limit: 30, kinds: ['Invoice'], unconfirmedOnly: true }).map((j) => j.id)).toEqual([ids[5], ids[9]]);
      expect(ledger.outbox.claim({ limit: 30, unconfirmedOnly: true }).map((j) => j.id)).toEqual([ids[8], ids[150]]);
      expect(ledger.outbox.claim({ limit: 30, unconfirmedOnly: true })).toEqual([]);
    } finally {
      ledger.close();
    }
    const db = new Database(ledgerPath(`${tmp.path}/unconfirmed`, 'practice'), { readonly: true });
    try {
      const plan = db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT id FROM outbox INDEXED BY outbox_unconfirmed WHERE status = 'queued' AND unconfirmed_send = 1 AND next_attempt_at <= ? ORDER BY id LIMIT 30",
        )
        .all(START.toISOString()) as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toContain('outbox_unconfirmed');
    } finally {
      db.close();
    }
  });

  it('a ledger of schema 1 gets the index when opened, and its queued jobs are claimed as before', () => {
    const dataDir = `${tmp.path}/old`;
    // A file as schema 1 made it: only the first migration, then jobs in it.
    const file = ledgerPath(dataDir, 'practice');
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    expect(migrate(db, file, MIGRATIONS.slice(0, 1))).toEqual([1]);
    const insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, request_id, environment, kind, payload, status, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 'practice', ?, '{}', 'queued', ?, ?, ?)`,
    );
    const t = START.toISOString();
    ['Invoice', 'Customer', 'Invoice', 'Class'].forEach((kind, i) => insert.run(`old:${i}`, `req-old-${i}`, kind, t, t, t));
    db.close();

    const ledger = openLedger(dataDir, 'practice', { now: () => START });
    try {
      const check = new Database(file, { readonly: true });
      expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'outbox_queued_by_kind'").pluck().get()).toBe(1);
      check.close();
      expect(ledger.outbox.claim({ limit: 5, kinds: ['Class', 'Customer', 'Item'] }).map((j) => j.idempotencyKey)).toEqual(['old:1', 'old:3']);
      expect(ledger.outbox.claim({ limit: 5, kinds: ['Invoice'] }).map((j) => j.idempotencyKey)).toEqual(['old:0', 'old:2']);
    } finally {
      ledger.close();
    }
  });
});

describe('outbox jobs as returned equal a fresh read', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let clock: Date;
  beforeEach(() => {
    tmp = makeTempDir();
    clock = START;
    ledger = openLedger(tmp.path, 'sandbox', { now: () => clock, owner: 'test-host:1' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  const enqueue = (key: string, docs: string[] = ['doc:b', 'doc:a', 'doc:c'], kind = 'JournalEntry') =>
    ledger.outbox.enqueue({
      idempotencyKey: key,
      kind,
      payload: { key, Line: [{ Amount: '1.00' }] },
      documentKeys: docs,
      amountCents: 100,
      store: 2,
      businessDate: '2026-03-14',
    }).job;
  const fresh = (job: OutboxJob) => ledger.outbox.get(job.id);

  it('after every transition', () => {
    const a = enqueue('a');
    const b = enqueue('b');
    const c = enqueue('c', []);
    expect(a).toEqual(fresh(a));
    expect(a.documentKeys).toEqual(['doc:a', 'doc:b', 'doc:c']);
    const claimed = ledger.outbox.claim({ limit: 3, kinds: ['JournalEntry'] });
    expect(claimed).toEqual(claimed.map(fresh));
    expect(claimed[2]!.documentKeys).toEqual([]);
    clock = new Date(START.getTime() + 1000);
    const steps: (() => OutboxJob)[] = [
      () => ledger.outbox.complete(a.id, { qboId: '17', syncToken: '0', docNumber: 'PR-1' }),
      () => ledger.outbox.markUndone(a.id, { how: 'void', syncToken: '1' }),
      () => ledger.outbox.fail(b.id, { message: 'Throttled', qboCode: '003001', intuitTid: 'tid', fix: null }, new Date(START.getTime() + 60_000)),
      () => ledger.outbox.hold(b.id, 'cutover'),
      () => ledger.outbox.release(b.id),
      () => ledger.outbox.fail(c.id, { message: 'Mapping', fix: 'Map it' }),
      () => ledger.outbox.revisePayload(c.id, { key: 'c', revised: true }, 250),
      () => ledger.outbox.cancel(c.id, 'not wanted'),
      () => ledger.outbox.retry(enqueueFailed('d').id),
    ];
    for (const step of steps) {
      const returned = step();
      expect(returned).toEqual(fresh(returned));
    }
    expect(ledger.outbox.list({}, { limit: 10 }).rows).toEqual([...ledger.outbox.list({}, { limit: 10 }).rows.map((j) => fresh(j))]);
    expect(ledger.outbox.jobsForDocument('doc:a')).toEqual([a.id, b.id].map((id) => ledger.outbox.get(id)));
  });

  it("inside a caller's transaction: a refused change leaves nothing behind, and the caller's rollback takes back claims and completions", () => {
    const a = enqueue('a');
    const b = enqueue('b');
    const historyCount = () => ledger.history.query({ subjectKind: 'job' }, { limit: 1 }).total;
    const before = historyCount();
    ledger.transaction(() => {
      const [claimed] = ledger.outbox.claim({ limit: 1, kinds: ['JournalEntry'] });
      expect(claimed!.id).toBe(a.id);
      expect(() => ledger.outbox.complete(a.id + 1000, { qboId: '1' })).toThrow(/No export job/);
      expect(() => ledger.outbox.release(a.id)).toThrow(/is inFlight; it cannot become queued/);
      ledger.outbox.complete(a.id, { qboId: '5' });
    });
    expect(ledger.outbox.get(a.id)).toMatchObject({ status: 'posted', qboId: '5', attempts: 1 });
    expect(ledger.history.query({ subjectKind: 'job', subjectKey: `job:${a.id}` }, { limit: 10 }).rows.map((h) => h.action)).toEqual([
      'posted',
      'claimed',
      'enqueued',
    ]);
    expect(historyCount()).toBe(before + 2);

    const untouched = ledger.outbox.get(b.id);
    expect(() =>
      ledger.transaction(() => {
        ledger.outbox.claim({ limit: 1, kinds: ['JournalEntry'] });
        ledger.outbox.complete(b.id, { qboId: '6' });
        throw new Error('the caller failed');
      }),
    ).toThrow('the caller failed');
    expect(ledger.outbox.get(b.id)).toEqual(untouched);
    expect(historyCount()).toBe(before + 2);
  });

  function enqueueFailed(key: string): OutboxJob {
    const job = enqueue(key, ['doc:d'], 'Deposit');
    expect(ledger.outbox.claim({ limit: 1, kinds: ['Deposit'] }).map((j) => j.id)).toEqual([job.id]);
    return ledger.outbox.fail(job.id, { message: 'Refused' });
  }

  it('a payload read later is ordinary data: copied, cloned, serialised, assigned, and never shared between reads', () => {
    const job = enqueue('p');
    const again = ledger.outbox.get(job.id)!;
    expect(Object.keys(job)).toContain('payload');
    expect(JSON.parse(JSON.stringify(job)).payload).toEqual({ key: 'p', Line: [{ Amount: '1.00' }] });
    expect(structuredClone(job)).toEqual(job);
    expect({ ...job }.payload).toEqual({ key: 'p', Line: [{ Amount: '1.00' }] });
    (job.payload as { key: string }).key = 'changed';
    expect((job.payload as { key: string }).key).toBe('changed');
    expect((again.payload as { key: string }).key).toBe('p');
    expect((ledger.outbox.get(job.id)!.payload as { key: string }).key).toBe('p');
    again.payload = { replaced: true };
    expect(again.payload).toEqual({ replaced: true });
    const frozen = Object.freeze(ledger.outbox.get(job.id)!);
    expect(frozen.payload).toEqual({ key: 'p', Line: [{ Amount: '1.00' }] });
  });
});
