import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reasonWithoutName, startInboxWatcher, type InboxFileEvent, type InboxWatcher } from '../../../main/core/inbox';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { readFeedFile } from '../../../main/core/por/feed';
import { readIifFile } from '../../../main/core/por/iif';
import { makeTempDir } from '../../helpers/temp-dir';
import { feedFile, feedInvoice, iifBlock, iifFile } from './inbox-test-files';

/** Resolves with the next n file events (bounded: rejects after 15 s so a broken watcher fails, not hangs). */
function collector() {
  const events: InboxFileEvent[] = [];
  let waiters: { n: number; resolve: () => void }[] = [];
  const push = (e: InboxFileEvent) => {
    events.push(e);
    waiters = waiters.filter((w) => (events.length >= w.n ? (w.resolve(), false) : true));
  };
  const waitFor = (n: number) =>
    new Promise<InboxFileEvent[]>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`only ${events.length} of ${n} inbox events arrived`)), 15_000);
      const done = () => {
        clearTimeout(t);
        resolve(events);
      };
      if (events.length >= n) done();
      else waiters.push({ n, resolve: done });
    });
  return { events, push, waitFor };
}

describe('inbox watcher', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let watcher: InboxWatcher | null;
  let inbox: string;
  beforeEach(() => {
    tmp = makeTempDir();
    inbox = join(tmp.path, 'inbox');
    ledger = openLedger(join(tmp.path, 'data'), 'practice', { actor: 'watcher' });
    watcher = null;
  });
  afterEach(async () => {
    await watcher?.close();
    ledger.close();
    tmp.remove();
  });

  it('imports files already there and new ones; accepted go to processed/, refused to rejected/ with a reason file', async () => {
    const c = collector();
    // Present before the watcher starts.
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'PR260314'), iifFile(iifBlock(1, '03/14/2026', '1000.00')));
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 50, scanIntervalMs: 60_000, onFile: c.push });
    await watcher.ready;
    await c.waitFor(1);

    writeFileSync(join(inbox, 'feed.jsonl'), feedFile(feedInvoice('INV-1'), '{"type":"invoice","id":', feedInvoice('INV-2')));
    writeFileSync(join(inbox, 'PR260315'), 'not an export at all\r\n');
    writeFileSync(join(inbox, 'notes.reason.txt'), 'ignored');
    const events = await c.waitFor(3);

    const byName = Object.fromEntries(events.map((e) => [e.file.name, e]));
    expect(byName.PR260314!.file.outcome).toBe('accepted');
    expect(byName.PR260314!.movedTo).toBe(join(inbox, 'processed', 'PR260314'));
    expect(byName['feed.jsonl']!.file).toMatchObject({ outcome: 'accepted', counts: { accepted: 2, rejected: 1 } });
    expect(byName['feed.jsonl']!.movedTo).toBe(join(inbox, 'processed', 'feed.jsonl'));
    expect(byName.PR260315!.file.outcome).toBe('rejected');
    expect(byName.PR260315!.movedTo).toBe(join(inbox, 'rejected', 'PR260315'));
    const reason = readFileSync(join(inbox, 'rejected', 'PR260315.reason.txt'), 'utf8');
    expect(reason).toContain(`Refused: nothing from this file was recorded. ${reasonWithoutName(byName.PR260315!.file)}`);
    expect(reason).toContain('What to do: Nothing from this file was recorded. Export the day again from Point of Rental');
    // Partly recorded: processed, with a reason file that says so (never "nothing was recorded").
    expect(byName['feed.jsonl']!.reasonPath).toBe(join(inbox, 'processed', 'feed.jsonl.reason.txt'));
    const partly = readFileSync(join(inbox, 'processed', 'feed.jsonl.reason.txt'), 'utf8');
    expect(partly).toContain('Partly recorded: 2 new documents; 1 problem kept part of it out');
    expect(partly).toMatch(/feed.jsonl, line 2: the line is not valid JSON/);
    expect(partly).toContain('send this message to whoever provides the feed');
    expect(partly).not.toContain('nothing from this file was recorded');

    expect(readdirSync(inbox).sort()).toEqual(['.por-qbo-inbox', 'notes.reason.txt', 'processed', 'rejected']);
    expect(readdirSync(join(inbox, 'processed')).sort()).toEqual(['PR260314', 'feed.jsonl', 'feed.jsonl.reason.txt']);
    expect(ledger.documents.counts().active).toBe(3);
    expect(ledger.quarantine.list({ file: 'feed.jsonl' }).rows[0]).toMatchObject({ line: 2 });
  });

  it('the same file dropped twice goes to processed/ under a free name and changes nothing', async () => {
    const c = collector();
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 50, scanIntervalMs: 60_000, onFile: c.push });
    await watcher.ready;
    const text = iifFile(iifBlock(3, '03/14/2026', '75.00'));
    writeFileSync(join(inbox, 'PR260314'), text);
    await c.waitFor(1);
    writeFileSync(join(inbox, 'PR260314'), text);
    const [, second] = await c.waitFor(2);
    expect(second!.file.outcome).toBe('duplicateFile');
    expect(second!.movedTo).toBe(join(inbox, 'processed', 'PR260314 (2)'));
    expect(ledger.documents.counts().active).toBe(1);
  });

  it('a duplicate is recorded as an arrival that names the file it repeats; every arrival says what happened', async () => {
    const c = collector();
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 50, scanIntervalMs: 60_000, onFile: c.push });
    await watcher.ready;
    const text = iifFile(iifBlock(3, '03/14/2026', '75.00'));
    writeFileSync(join(inbox, 'PR260314'), text);
    await c.waitFor(1);
    writeFileSync(join(inbox, 'PR260314 copy.iif'), text);
    await c.waitFor(2);
    writeFileSync(join(inbox, 'PR260314 regenerated.iif'), iifFile(iifBlock(3, '03/14/2026', '80.00')));
    await c.waitFor(3);
    expect(ledger.files.arrivals().map((a) => [a.name, a.status, a.duplicateOf, a.summary])).toEqual([
      [
        'PR260314 regenerated.iif',
        'revisionPending',
        null,
        'Imported (nothing new); 1 regenerated entry differs from what the app has and waits for your decision.',
      ],
      ['PR260314 copy.iif', 'duplicate', 'PR260314', 'Duplicate of PR260314: the same content was imported before; nothing new was recorded.'],
      ['PR260314', 'imported', null, 'Imported: 1 new document.'],
    ]);
  });

  it('50 files dropped at once are read side by side, recorded in the order they settled, with no fixed wait per file', async () => {
    const c = collector();
    const stabilityMs = 300;
    // A reader that takes 100 ms and counts how many run at once.
    let active = 0;
    let most = 0;
    const slowIif = async (path: string) => {
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 100));
      active--;
      return readIifFile(path);
    };
    watcher = startInboxWatcher({
      inboxDir: inbox,
      ledger: () => ledger,
      stabilityMs,
      scanIntervalMs: 60_000,
      onFile: c.push,
      readers: { iif: slowIif, feed: readFeedFile },
    });
    await watcher.ready;
    for (let i = 0; i < 50; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      writeFileSync(join(inbox, `PR2603${day}-${i}.iif`), iifFile(iifBlock(1 + (i % 8), `03/${day}/2026`, `${100 + i}.00`)));
    }
    const lastWrite = Date.now();
    await c.waitFor(50);
    const took = Date.now() - lastWrite;
    // One after the other, 50 reads of 100 ms would take 5 s on their own: side by side they take a fraction of
    // that (measured against the serial cost, not a wall-clock budget a loaded machine can miss).
    expect(most).toBeGreaterThan(4);
    expect(took).toBeLessThan(50 * 100);
    expect(c.events.every((e) => e.file.outcome === 'accepted')).toBe(true);
    expect(ledger.documents.counts().active).toBe(50);
    expect(readdirSync(join(inbox, 'processed'))).toHaveLength(50);
  });

  it('a file that has been quiet longer than the stability period is read at once, not after another wait', async () => {
    const c = collector();
    mkdirSync(inbox, { recursive: true });
    const path = join(inbox, 'PR260314');
    writeFileSync(path, iifFile(iifBlock(1, '03/14/2026', '10.00')));
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 10_000, scanIntervalMs: 60_000, onFile: c.push });
    const started = Date.now();
    await watcher.ready;
    await c.waitFor(1);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('does not read a file while it is still growing', async () => {
    const c = collector();
    let now = 1_000_000;
    const sizes: number[] = [];
    let sizeWaiter: ((size: number) => void) | null = null;
    watcher = startInboxWatcher({
      inboxDir: inbox,
      ledger: () => ledger,
      stabilityMs: 5_000,
      scanIntervalMs: 60_000,
      now: () => now, // frozen unless the test moves it: "stable long enough" happens only when we say so
      onSettling: (_p, size) => {
        sizes.push(size);
        sizeWaiter?.(size);
      },
      onFile: c.push,
    });
    await watcher.ready;
    const seenSize = (size: number) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`size ${size} never observed (saw ${sizes.join(', ')})`)), 15_000);
        if (sizes.includes(size)) return (clearTimeout(t), resolve());
        sizeWaiter = (s) => s === size && (clearTimeout(t), resolve());
      });

    const full = iifFile(iifBlock(1, '03/14/2026', '1000.00'), iifBlock(2, '03/14/2026', '500.00'));
    const cut = full.indexOf('ENDTRNS') + 3; // inside the first block
    const path = join(inbox, 'PR260314');
    writeFileSync(path, full.slice(0, cut));
    await seenSize(Buffer.byteLength(full.slice(0, cut)));
    appendFileSync(path, full.slice(cut));
    await seenSize(Buffer.byteLength(full));
    expect(c.events).toHaveLength(0);
    expect(existsSync(path)).toBe(true);

    now += 5_000;
    const [event] = await c.waitFor(1);
    expect(event!.file).toMatchObject({ outcome: 'accepted', counts: { accepted: 2, rejected: 0 } });
  });

  it('when the import fails the file stays in the inbox and is tried again on the next scan', async () => {
    const c = collector();
    const errors: string[] = [];
    let broken = true;
    watcher = startInboxWatcher({
      inboxDir: inbox,
      ledger: () => {
        if (broken) throw new Error('ledger is busy');
        return ledger;
      },
      stabilityMs: 50,
      scanIntervalMs: 60_000,
      onFile: c.push,
      onError: (e) => errors.push(e.message),
    });
    await watcher.ready;
    writeFileSync(join(inbox, 'PR260314'), iifFile(iifBlock(1, '03/14/2026', '1000.00')));
    const deadline = Date.now() + 15_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual(['ledger is busy']);
    await watcher.idle();
    expect(existsSync(join(inbox, 'PR260314'))).toBe(true);

    broken = false;
    await watcher.scan();
    const [event] = await c.waitFor(1);
    expect(event!.file.outcome).toBe('accepted');
    expect(existsSync(join(inbox, 'processed', 'PR260314'))).toBe(true);
  });
});
