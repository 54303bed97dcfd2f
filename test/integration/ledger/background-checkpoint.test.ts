/**
 * A big write's commit leaves folding the WAL into the ledger file to another thread: the write returns
 * without copying, the other thread copies everything, ordinary writes checkpoint by themselves again
 * afterwards, and close() still leaves one complete file.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../main/core/inbox';
import { BULK_WRITE_BYTES } from '../../../main/core/inbox/import-files';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { BackgroundCheckpoint } from '../../../main/core/ledger/background-checkpoint';
import type { GlJournal } from '../../../main/core/por/model';
import { makeTempDir } from '../../helpers/temp-dir';
import { glJournal } from './ledger-test-docs';

const dirs: { remove: () => void }[] = [];
const ledgers: Ledger[] = [];
afterEach(() => {
  for (const l of ledgers.splice(0)) l.close();
  for (const d of dirs.splice(0)) d.remove();
});

function open(): Ledger {
  const dir = makeTempDir('porqbo-ckpt-');
  dirs.push(dir);
  const ledger = openLedger(dir.path, 'practice');
  ledgers.push(ledger);
  return ledger;
}

/** Journals of about 1 KB each: 10,000 of them are ~12 MB of WAL, well over the 1,000-page automatic checkpoint. */
function journals(n: number, from = 0): GlJournal[] {
  return Array.from({ length: n }, (_, i) =>
    glJournal({ id: `BULK-${from + i}`, memo: `bulk journal ${from + i} ${'x'.repeat(600)}`, amount: 10_000 + from + i }),
  );
}

async function until(done: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Active documents in the ledger file alone, without its WAL: what a checkpoint has copied into it so far
 * (the copy is opened where no WAL exists, so nothing is read from or checkpointed out of the live one).
 */
function documentsInLedgerFile(path: string): number {
  const dir = makeTempDir('porqbo-ckpt-copy-');
  dirs.push(dir);
  const copy = join(dir.path, 'ledger-file-only.sqlite');
  copyFileSync(path, copy);
  const db = new Database(copy);
  try {
    // Before any checkpoint even the schema is only in the WAL.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'documents'").get()) return 0;
    return db.prepare("SELECT count(*) FROM documents WHERE status = 'active'").pluck().get() as number;
  } finally {
    db.close();
  }
}

/** A bare WAL database with a table, for the checkpoint on its own. */
function bareDatabase(): { db: Database.Database; file: string } {
  const dir = makeTempDir('porqbo-ckpt-bare-');
  dirs.push(dir);
  const file = join(dir.path, 'bare.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  opened.push(db);
  return { db, file };
}
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function rowsInFileOnly(file: string): number {
  const dir = makeTempDir('porqbo-ckpt-copy-');
  dirs.push(dir);
  const copy = join(dir.path, 'copy.sqlite');
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 't'").get()) return 0;
    return db.prepare('SELECT count(*) FROM t').pluck().get() as number;
  } finally {
    db.close();
  }
}

function insertRows(db: Database.Database, n: number, from: number): void {
  const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(from + i, 'x'.repeat(1000));
  })();
}

describe('background WAL checkpoint after a bulk write', () => {
  it('returns without copying the WAL; another thread copies all of it', async () => {
    const ledger = open();
    const before = statSync(ledger.path).size;
    ledger.bulkTransaction(() => ledger.documents.recordMany(journals(10_000)));
    // Checked at once: a thread cannot even start this fast, so nothing copied means this thread did not copy.
    expect(ledger.checkpointRunning).toBe(true);
    expect(statSync(ledger.path).size).toBe(before);
    expect(statSync(`${ledger.path}-wal`).size).toBeGreaterThan(8 * 1024 * 1024);

    expect(documentsInLedgerFile(ledger.path)).toBe(0);

    await until(() => !ledger.checkpointRunning);
    expect(statSync(ledger.path).size).toBeGreaterThan(before + 8 * 1024 * 1024);
    expect(documentsInLedgerFile(ledger.path)).toBe(10_000);
    expect(ledger.documents.counts().active).toBe(10_000);
  });

  it('lets ordinary writes checkpoint by themselves again once it is done', async () => {
    const ledger = open();
    ledger.bulkTransaction(() => ledger.documents.recordMany(journals(10_000)));
    await until(() => !ledger.checkpointRunning);
    const before = statSync(ledger.path).size;
    ledger.transaction(() => ledger.documents.recordMany(journals(10_000, 10_000)));
    // SQLite's own checkpoint ran inside that commit, on this thread.
    expect(ledger.checkpointRunning).toBe(false);
    expect(statSync(ledger.path).size).toBeGreaterThan(before + 8 * 1024 * 1024);
  });

  it('a second bulk write during a checkpoint gets one more after it, which copies it too', async () => {
    const ledger = open();
    ledger.bulkTransaction(() => ledger.documents.recordMany(journals(10_000)));
    ledger.bulkTransaction(() => ledger.documents.recordMany(journals(10_000, 10_000)));
    await until(() => !ledger.checkpointRunning);
    expect(documentsInLedgerFile(ledger.path)).toBe(20_000);
    expect(ledger.documents.counts().active).toBe(20_000);
  });

  it('a bulk write committed while the checkpoint is asked for gets one more, and only then do automatic ones resume', async () => {
    const { db, file } = bareDatabase();
    const checkpoint = new BackgroundCheckpoint(db, file);
    try {
      checkpoint.run(() => insertRows(db, 5_000, 0));
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      checkpoint.run(() => insertRows(db, 5_000, 5_000));
      await until(() => !checkpoint.running);
      expect(checkpoint.done).toBe(2);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(rowsInFileOnly(file)).toBe(10_000);
    } finally {
      checkpoint.close();
    }
  });

  it('a thread that cannot checkpoint still answers: the connection checkpoints by itself again and close() does not wait', async () => {
    const { db, file } = bareDatabase();
    const checkpoint = new BackgroundCheckpoint(db, join(file, 'not-a-database'));
    checkpoint.run(() => insertRows(db, 2_000, 0));
    await until(() => !checkpoint.running);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpoint.run(() => insertRows(db, 10, 2_000));
    const started = Date.now();
    checkpoint.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(rowsInFileOnly(file)).toBe(0);
  });

  it('close() waits for a running checkpoint and leaves one complete file', () => {
    const dir = makeTempDir('porqbo-ckpt-');
    dirs.push(dir);
    const ledger = openLedger(dir.path, 'practice');
    ledger.bulkTransaction(() => ledger.documents.recordMany(journals(10_000)));
    ledger.close();
    expect(existsSync(`${ledger.path}-wal`) ? statSync(`${ledger.path}-wal`).size : 0).toBe(0);
    const db = new Database(ledger.path, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM documents WHERE status = 'active'").pluck().get()).toBe(10_000);
    } finally {
      db.close();
    }
  });

  it('a rolled-back bulk write leaves automatic checkpoints on', () => {
    const ledger = open();
    expect(() =>
      ledger.bulkTransaction(() => {
        ledger.documents.recordMany(journals(100));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(ledger.checkpointRunning).toBe(false);
    expect(ledger.documents.counts().active).toBe(0);
  });

  it("a rolled-back bulk write turns the connection's own checkpoints back on", () => {
    const { db, file } = bareDatabase();
    const checkpoint = new BackgroundCheckpoint(db, file);
    expect(() =>
      checkpoint.run(() => {
        insertRows(db, 10, 0);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(checkpoint.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpoint.close();
  });

  it('an import of a file over the bulk size records it in full and checkpoints in the background', async () => {
    const ledger = open();
    const dir = makeTempDir('porqbo-ckpt-file-');
    dirs.push(dir);
    const rows = ['!TRNS\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO', '!SPL\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO', '!ENDTRNS'];
    let blocks = 0;
    let bytes = 0;
    while (bytes < BULK_WRITE_BYTES + 100_000) {
      const day = String((blocks % 28) + 1).padStart(2, '0');
      const memo = `journal ${blocks} ${'m'.repeat(200)}`;
      rows.push(`TRNS\tGENERAL JOURNAL\t03/${day}/2026\t1020-01\tStore 1:Burbank\t12.34\t${memo}`);
      rows.push(`SPL\tGENERAL JOURNAL\t03/${day}/2026\t4000-01\tStore 1:Burbank\t-12.34\t${memo}`);
      rows.push('ENDTRNS');
      bytes += 2 * (memo.length + 60) + 9;
      blocks++;
    }
    const file = join(dir.path, 'PR260331.iif');
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const report = await importFiles(ledger, [file]);
    expect(report.files[0]!.reason).toBeNull();
    expect(report.totals).toMatchObject({ accepted: blocks, rejected: 0, filesAccepted: 1 });
    expect(ledger.checkpointRunning || statSync(ledger.path).size > BULK_WRITE_BYTES).toBe(true);
    await until(() => !ledger.checkpointRunning);
    expect(documentsInLedgerFile(ledger.path)).toBe(blocks);
  });
});
