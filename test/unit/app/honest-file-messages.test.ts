/**
 * What happened to each file is told the same way everywhere, from one source (arrivalOf): the inbox
 * view lists every arrival (a duplicate names the file it repeats), the dashboard says "nothing was
 * recorded" for a file refused whole and "the rest was kept" only when it was, and the preview of a day
 * with refused input says so before anything is posted. Real app core, real SQLite, real inbox folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedFile, feedInvoice, iifBlock, iifFile } from '../../integration/inbox/inbox-test-files';
import { startTestCore, type TestCore } from './app-test-core';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('honest messages about POR files', () => {
  it('inbox view, dashboard and preview say what happened to each file', async () => {
    t = await startTestCore('practice', { watchInbox: true });
    const inbox = join(t.dir, 'inbox');
    mkdirSync(inbox, { recursive: true });
    const good = iifFile(iifBlock(1, '03/14/2026', '1000.00'));
    writeFileSync(join(inbox, 'PR260314'), good);
    writeFileSync(join(inbox, 'PR260315'), 'not an export at all\r\n');
    writeFileSync(join(inbox, 'feed.jsonl'), feedFile(feedInvoice('INV-1'), feedInvoice('INV-2', { total: '9.99' })));
    await t.call('inbox:scan', {});
    writeFileSync(join(inbox, 'PR260314 (copy)'), good);
    const view = await t.call('inbox:scan', {});

    const byName = Object.fromEntries(view.files.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['PR260314', 'PR260314 (copy)', 'PR260315', 'feed.jsonl']);
    expect(byName['PR260314 (copy)']).toMatchObject({
      status: 'duplicate',
      summary: 'Duplicate of PR260314: the same content was imported before; nothing new was recorded.',
      fix: null,
    });
    expect(byName.PR260315).toMatchObject({ status: 'refused', outcome: 'rejected' });
    expect(byName.PR260315!.summary).toMatch(/^Refused: nothing from this file was recorded\. /);
    expect(byName['feed.jsonl']).toMatchObject({
      status: 'partlyRecorded',
      summary: 'Partly recorded: 1 new document; 1 problem kept part of it out (reconciliation shows what is missing).',
    });
    expect(byName.PR260314).toMatchObject({ status: 'imported', summary: 'Imported: 1 new document.' });
    expect(view.problems.find((p) => p.file === 'feed.jsonl')!.fix).toMatch(/whoever provides the feed/);

    const dashboard = await t.call('dashboard:get', {});
    const refusedWhole = dashboard.problems.find((p) => p.title === 'POR file refused: PR260315')!;
    expect(refusedWhole.error.fix).toMatch(/^Nothing from this file was recorded\. Export the day again from Point of Rental/);
    expect(refusedWhole.error.fix).not.toMatch(/rest of the file was kept/);
    const partly = dashboard.problems.find((p) => p.title === 'Part of a POR file refused: feed.jsonl')!;
    expect(partly.error.fix).toMatch(/The rest of the file was kept\.$/);

    // The preview of the refused file's day says so before anything is posted; the other day does not.
    const refusedDay = await t.call('exports:preview', { scope: { kind: 'range', from: '2026-03-15', to: '2026-03-15', store: null } });
    expect(refusedDay.refusedInput).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^POR produced for 2026-03-15 what is not in this preview: PR260315: /) }),
    ]);
    const fineDay = await t.call('exports:preview', { scope: { kind: 'storeDay', store: 1, date: '2026-03-14' } });
    expect(fineDay.refusedInput.filter((r) => !r.message.includes('could not be read'))).toEqual([]);
  });
});

describe('the reconciliation screen never says match while POR data is missing', () => {
  it('a GL export refused whole shows on its day, and the view does not match', async () => {
    t = await startTestCore('practice', { watchInbox: true });
    await t.call('connection:practice', {});
    const inbox = join(t.dir, 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'PR260314'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0, 1, 2, 0, 0]));
    await t.call('inbox:scan', {});
    const view = await t.call('reconcile:get', { from: '2026-03-14', to: '2026-03-14', store: null });
    expect(view.match).toBe(false);
    expect(view.refusedElsewhere).toEqual([expect.stringMatching(/^2026-03-14: POR produced it; it never reached QuickBooks: PR260314: not a text file/)]);
    // Outside its day the refusal does not count.
    const other = await t.call('reconcile:get', { from: '2026-03-15', to: '2026-03-15', store: null });
    expect(other.refusedElsewhere).toEqual([]);
  });
});
