/**
 * A big GL export is read on a thread of its own while the ledger records it (inbox/iif-preparation.ts).
 * What it records must be exactly what reading the file on the importing thread records: every table of the
 * ledger file is compared row by row (same clock), and the reports member by member, for a file with bad
 * blocks, a regenerated file and the same journals again, a refusal of the whole file found at its end, and
 * a thread that cannot start, fails, or stalls. Real threads, real SQLite files.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeGlExport } from '../../../bench/import-iif';
import { DEFAULT_READERS, importFiles, type ImportReport } from '../../../main/core/inbox';
import { OFF_THREAD_HASH_BYTES, readShared } from '../../../main/core/inbox/file-hash';
import { preparedReads, startIifPreparation, useIifPrepareWorker } from '../../../main/core/inbox/iif-preparation';
import { RING_SLOTS } from '../../../main/core/inbox/prepared-batch';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { readIifBytes } from '../../../main/core/por/iif/iif-reader';
import { documentContent } from '../../../main/core/por/document-identity';
import type { GlJournal } from '../../../main/core/por/model';
import { readFeedFile } from '../../../main/core/por/feed/feed-reader';
import { sourceFaultyIifPreparer, sourceIifPrepareWorker } from '../../harness/core-worker-source';
import { makeTempDir } from '../../helpers/temp-dir';
import { feedFile, feedInvoice } from './inbox-test-files';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLOCK = () => new Date('2026-03-15T10:00:00.000Z');

/** Every table of a closed ledger file, rows in rowid order (but the ledger's random id and its migration times). */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('ledger_meta', 'schema_migrations') ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
  } finally {
    db.close();
  }
}

/**
 * A GL export of about 5 MB (so it is read on the thread) with, in its middle, blocks the reader refuses
 * (unbalanced, a bad date, a stray row) or warns about (only zeros), and one with quoted non-ASCII text.
 */
function bigExport(lines = 60_000, variant = 0): string {
  const rows = makeGlExport(lines, variant).text.split('\r\n');
  const middle = rows.indexOf('ENDTRNS', Math.floor(rows.length / 2)) + 1;
  const t = (date: string, account: string, cls: string, amount: string, memo: string) =>
    `TRNS\t\tGENERAL JOURNAL\t${date}\t${account}\t\t${cls}\t${amount}\tPR260314\t${memo}`;
  const s = (date: string, account: string, cls: string, amount: string, memo: string) =>
    `SPL\t\tGENERAL JOURNAL\t${date}\t${account}\tCustomer\t${cls}\t${amount}\tPR260314\t${memo}`;
  rows.splice(
    middle,
    0,
    ...[t('03/14/2026', '1020-03', 'Store 3:A', '10.00', 'unbalanced'), s('03/14/2026', '4000', 'Store 3:A', '-9.00', 'x'), 'ENDTRNS'],
    ...[t('13/45/2026', '1020-03', 'Store 3:A', '10.00', 'bad date'), s('13/45/2026', '4000', 'Store 3:A', '-10.00', 'x'), 'ENDTRNS'],
    ...[t('03/14/2026', '1020-03', 'Store 3:A', '10.00', 'stray'), 'HELLO\tthere', s('03/14/2026', '4000', 'Store 3:A', '-10.00', 'x'), 'ENDTRNS'],
    ...[t('03/14/2026', '1020-03', 'Store 3:A', '0.00', 'zeros'), s('03/14/2026', '4000', 'Store 3:A', '0.00', 'x'), 'ENDTRNS'],
    ...[
      t('03/14/2026', '1020-03', '"Store 3:Zürich ""Nord"""', '12.34', '"Café €, déjà vu"'),
      s('03/14/2026', '4000-03', '"Store 3:Zürich ""Nord"""', '-12.34', 'naïve'),
      'ENDTRNS',
    ],
  );
  return rows.join('\r\n');
}

describe('a big GL export read on a thread of its own', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let threaded: Ledger;
  let here: Ledger;
  let worker: URL;
  const write = (name: string, text: string) => {
    const p = join(tmp.path, name);
    writeFileSync(p, text);
    return p;
  };
  /** Imports the files into both ledgers, on the thread and here; returns both reports. */
  const importBoth = async (paths: string[]): Promise<[ImportReport, ImportReport]> => {
    useIifPrepareWorker(worker);
    const a = await importFiles(threaded, paths);
    useIifPrepareWorker(null);
    const b = await importFiles(here, paths);
    useIifPrepareWorker(worker);
    return [a, b];
  };
  const expectSameLedgers = () => {
    threaded.close();
    here.close();
    const [x, y] = [dump(threaded.path), dump(here.path)];
    for (const t of Object.keys(y))
      if (JSON.stringify(x[t]) !== JSON.stringify(y[t])) {
        const xa = x[t] as unknown[];
        const ya = y[t] as unknown[];
        const i = xa.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(ya[k]));
        console.log('DIFF', t, xa.length, ya.length, i, JSON.stringify(xa[i]), '\n---\n', JSON.stringify(ya[i]));
      }
    expect(x).toEqual(y);
  };

  beforeAll(async () => {
    worker = await sourceIifPrepareWorker();
  });
  beforeEach(() => {
    tmp = makeTempDir('porqbo-threaded-');
    threaded = openLedger(join(tmp.path, 'a'), 'practice', { actor: 'test', now: CLOCK });
    here = openLedger(join(tmp.path, 'b'), 'practice', { actor: 'test', now: CLOCK });
    preparedReads.started = 0;
    preparedReads.fellBack = 0;
  });
  afterEach(() => {
    threaded.close();
    here.close();
    useIifPrepareWorker(null);
    tmp.remove();
  });

  it('records exactly what reading it here records: documents, refusals, warnings, history, accounts, report', async () => {
    const text = bigExport();
    expect(Buffer.byteLength(text)).toBeGreaterThan(OFF_THREAD_HASH_BYTES);
    const [a, b] = await importBoth([write('PR260314', text)]);
    expect(preparedReads).toEqual({ started: 1, fellBack: 0 });
    expect(a).toEqual(b);
    // 5,999 generated journals and the quoted one; refused: the unbalanced block, both rows of the bad date, the stray row's block.
    expect(a.totals).toMatchObject({ accepted: 6000, rejected: 4, filesAccepted: 1 });
    expect(a.files[0]!.warnings).toEqual([expect.stringMatching(/only zero amounts/)]);
    const quoted = threaded.documents
      .list({ store: 3, dateFrom: '2026-03-14', dateTo: '2026-03-14' }, { limit: 1000 })
      .rows.find((d) => JSON.stringify(d.document).includes('Zürich'))!;
    expect((quoted.document as GlJournal).memo).toBe('Café €, déjà vu');
    expect(threaded.quarantine.openCount()).toBe(4);
    expectSameLedgers();
  });

  it('a regenerated export and the same journals again, into ledgers that hold them: duplicates, decisions, revisions', async () => {
    const first = bigExport();
    await importBoth([write('PR260314', first)]);
    // Every 50th journal's memo changed (a regenerated block), and the same journals again in other bytes.
    let block = 0;
    const regenerated = first
      .split('\r\n')
      .map((row) => (row.startsWith('TRNS') && block++ % 50 === 0 ? `${row} (regenerated)` : row))
      .join('\r\n');
    const [a, b] = await importBoth([write('PR260314-regenerated', regenerated), write('PR260314 (copy).iif', `${first}\r\n`)]);
    expect(preparedReads).toEqual({ started: 3, fellBack: 0 });
    expect(a).toEqual(b);
    // 121 blocks changed, one of them refused either way.
    expect(a.totals).toMatchObject({ pendingDecision: 120, duplicate: 5880 + 6000, accepted: 0, rejected: 8, filesAccepted: 2 });
    // A decision made on each side gives the same rows too (revision 2 stored as the thread prepared it).
    const key = threaded.documents.pendingDecisions()[0]!.key;
    threaded.documents.decideRevision(key, 'replace');
    here.documents.decideRevision(key, 'replace');
    expect(threaded.documents.get(key)!.revision).toBe(2);
    expectSameLedgers();
  });

  it('a refusal of the whole file found at its end undoes every journal recorded before it', async () => {
    // An over-long line after all the good blocks: the file is refused whole, so nothing of it is kept.
    const text = `${bigExport()}\r\n${'x'.repeat(70_000)}\r\n`;
    const [a, b] = await importBoth([write('PR260314', text)]);
    expect(a).toEqual(b);
    expect(a.files[0]).toMatchObject({ outcome: 'rejected' });
    expect(a.files[0]!.reason).toMatch(/too long/);
    expect(threaded.documents.counts().active).toBe(0);
    expect(preparedReads.fellBack).toBe(0);
    expectSameLedgers();
  });

  it('a thread that cannot start, or fails before any batch: the file is read here, exactly as here', async () => {
    const text = bigExport();
    const scripts = {
      missing: pathToFileURL(join(tmp.path, 'no-such-worker.mjs')),
      broken: write('broken.mjs', "throw new Error('cannot load');\n"),
      failing: write(
        'failing.mjs',
        "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage('started');\n" +
          "workerData.port.postMessage({ kind: 'error', message: 'boom' });\n",
      ),
      // Says it runs, then ends without a word (and without the real thread's exit flag): the stall timer.
      silent: write('silent.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('started');\n"),
    };
    useIifPrepareWorker(null);
    const expected = await importFiles(here, [write('PR260314', text)]);
    here.close();
    for (const [name, script] of Object.entries(scripts)) {
      const ledger = openLedger(join(tmp.path, `data-${name}`), 'practice', { actor: 'test', now: CLOCK });
      useIifPrepareWorker(script, { stallMs: 300 });
      const report = await importFiles(ledger, [join(tmp.path, 'PR260314')]);
      ledger.close();
      expect(report).toEqual(expected);
      expect(dump(ledger.path)).toEqual(dump(here.path));
    }
    // Could not start: read here from the beginning. Started, then failed or went silent: read here.
    expect(preparedReads).toEqual({ started: 2, fellBack: 2 });
  });

  it('a thread that fails part-way, dies, hangs or sends a damaged batch after recording batches: rolled back, read here, nothing lost or doubled', async () => {
    const faulty = await sourceFaultyIifPreparer();
    const path = write('PR260314', bigExport());
    useIifPrepareWorker(null);
    const expected = await importFiles(here, [path]);
    here.close();
    // Died or failed: seen at once (a minute's stall timer would time the test out); hung: the stall timer.
    const faults = [
      { mode: 'throw', stallMs: 60_000 },
      { mode: 'exit', stallMs: 60_000 },
      { mode: 'hang', stallMs: 300 },
      { mode: 'damage', stallMs: 60_000 },
    ];
    for (const { mode, stallMs } of faults) {
      const ledger = openLedger(join(tmp.path, `data-${mode}`), 'practice', { actor: 'test', now: CLOCK });
      useIifPrepareWorker(faulty, { stallMs, workerData: { fault: { mode, after: 3 } } });
      const report = await importFiles(ledger, [path]);
      ledger.close();
      expect(report).toEqual(expected);
      expect(dump(ledger.path)).toEqual(dump(here.path));
    }
    expect(preparedReads).toEqual({ started: 4, fellBack: 4 });
  });

  it("files read ahead whose threads finished early: each file recorded from its own ring, never another file's", async () => {
    // Two GL exports small in journals (so each thread hands over everything and ends at once) but over 4 MB
    // (an unused column of padding), read ahead while slow feed files before them are recorded.
    const padded = (variant: number, month: string) => {
      const rows = makeGlExport(10_000, variant).text.split('\r\n');
      return rows
        .map((row) =>
          row.startsWith('TRNS') || row.startsWith('SPL') || row.startsWith('!TRNS') || row.startsWith('!SPL') ? `${row}\t${'x'.repeat(400)}` : row,
        )
        .join('\r\n')
        .replaceAll(/\t(\d\d)\//g, `\t${month}/`);
    };
    const feedDelay: Record<string, number> = { 'f0.jsonl': 600, 'f1.jsonl': 1800 };
    const readers = {
      ...DEFAULT_READERS,
      feed: async (p: string) => {
        await sleep(feedDelay[basename(p)] ?? 0);
        return readFeedFile(p);
      },
    };
    const feed = (name: string, id: string) => write(name, feedFile(feedInvoice(id)));
    const paths = [
      feed('f0.jsonl', 'INV-0'),
      feed('f1.jsonl', 'INV-1'),
      write('PR260301', padded(0, '03')),
      feed('f3.jsonl', 'INV-3'),
      feed('f4.jsonl', 'INV-4'),
      write('PR260401', padded(1, '04')),
    ];
    expect(Buffer.byteLength(padded(0, '03'))).toBeGreaterThan(OFF_THREAD_HASH_BYTES);
    useIifPrepareWorker(worker);
    const a = await importFiles(threaded, paths, { readers });
    useIifPrepareWorker(null);
    const b = await importFiles(here, paths, { readers });
    expect(preparedReads).toEqual({ started: 2, fellBack: 0 });
    expect(a).toEqual(b);
    expect(a.totals).toMatchObject({ accepted: 4 + 2 * 999, duplicate: 0 });
    expectSameLedgers();
  });

  it('the thread stays at most a ring ahead: batches read late are still the journals, in order', async () => {
    const text = bigExport(120_000);
    const path = write('PR260314', text);
    const handle = await open(path);
    const bytes = (await readShared(handle, Buffer.byteLength(text)))!;
    await handle.close();
    useIifPrepareWorker(worker);
    const preparation = (await startIifPreparation(bytes, 'PR260314'))!;
    try {
      // Far more batches than the ring holds are in the file; the thread must wait for these to be read.
      await sleep(500);
      const expected = readIifBytes(bytes, 'PR260314').documents;
      expect(expected.length / 500).toBeGreaterThan(RING_SLOTS * 2);
      const got: string[] = [];
      for (let step = preparation.next(); step.kind === 'batch'; step = preparation.next()) {
        for (const j of step.batch.journals) got.push(`${j.key} ${j.hash}`);
      }
      expect(got).toEqual(expected.map((d) => `glJournal:${d.id} ${documentContent(d).hash}`));
    } finally {
      preparation.close();
    }
  });

  it('the built script beside dist/main/core-worker.js (and dist/cli.mjs) reads on its own thread', async () => {
    const built = join(ROOT, 'dist', 'main', 'iif-prepare-worker.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first (npm test does).`);
    expect(existsSync(join(ROOT, 'dist', 'iif-prepare-worker.js'))).toBe(true);
    useIifPrepareWorker(pathToFileURL(built));
    const report = await importFiles(threaded, [write('PR260314', bigExport())]);
    expect(preparedReads).toEqual({ started: 1, fellBack: 0 });
    expect(report.totals).toMatchObject({ accepted: 6000, rejected: 4 });
  });

  it('the built CLI finds the script beside it (dist/iif-prepare-worker.js) and reads a big GL export on that thread', async () => {
    const cli = join(ROOT, 'dist', 'cli.mjs');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
    // Notes every thread the CLI starts from a file, and the first message each sends.
    const log = join(tmp.path, 'threads.log');
    const preload = write(
      'note-threads.cjs',
      `const wt = require('node:worker_threads');
const { appendFileSync } = require('node:fs');
const Real = wt.Worker;
wt.Worker = class extends Real {
  constructor(file, options) {
    super(file, options);
    if (options && options.eval) return;
    appendFileSync(${JSON.stringify(log)}, 'start ' + String(file) + '\\n');
    this.once('message', (m) => appendFileSync(${JSON.stringify(log)}, 'said ' + JSON.stringify(m) + '\\n'));
  }
};
require('node:module').syncBuiltinESMExports();
`,
    );
    const path = write('PR260314', bigExport());
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', preload, cli, 'import', path, '--env', 'practice', '--json'], {
        cwd: tmp.path,
        env: { ...process.env, PORQBO_DATA_DIR: join(tmp.path, 'cli-data') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    // Exit 1: the file's bad blocks were refused (the rest recorded).
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as ImportReport).totals).toMatchObject({ accepted: 6000, rejected: 4 });
    expect(readFileSync(log, 'utf8')).toBe(`start ${pathToFileURL(join(ROOT, 'dist', 'iif-prepare-worker.js')).href}\nsaid "started"\n`);
  });
});
