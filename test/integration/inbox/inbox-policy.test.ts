/**
 * The inbox is a write path into QuickBooks, so it is a folder of its own (never home, Documents, Desktop,
 * a drive root, a link, or someone's folder of other files), links in it are refused by lstat and never
 * followed, and only POR's file names are read; everything else is moved to rejected/ with a reason file
 * and shown as an arrival, never silently.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, parse } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInboxWatcher, type InboxWatcher } from '../../../main/core/inbox';
import { readForImport } from '../../../main/core/inbox/import-files';
import { INBOX_MARKER, inboxFolderProblem, inboxNameProblem, prepareInboxFolder } from '../../../main/core/inbox/inbox-policy';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';
import { iifBlock, iifFile } from './inbox-test-files';

const SECRET = 'TOP-SECRET-PAYROLL-4242';

describe('inbox folder policy', () => {
  it('refuses home, Documents, Desktop, Downloads, a drive root, a folder above home, a link and a folder of other files', () => {
    const tmp = makeTempDir();
    try {
      const home = join(tmp.path, 'home');
      mkdirSync(join(home, 'Documents'), { recursive: true });
      expect(inboxFolderProblem(home, home)).toMatch(/is your home folder/);
      expect(inboxFolderProblem(tmp.path, home)).toMatch(/is your home folder \(or holds it\)/);
      expect(inboxFolderProblem(join(home, 'Documents'), home)).toMatch(/is your Documents folder/);
      expect(inboxFolderProblem(join(home, 'Desktop'), home)).toMatch(/is your Desktop folder/);
      expect(inboxFolderProblem(join(home, 'Downloads') + '/', home)).toMatch(/is your Downloads folder/);
      expect(inboxFolderProblem(parse(tmp.path).root, home)).toMatch(/root of a drive/);

      const theirs = join(home, 'Documents', 'Accounts');
      mkdirSync(theirs);
      writeFileSync(join(theirs, 'Budget 2026.xlsx'), 'x');
      expect(inboxFolderProblem(theirs, home)).toMatch(/already holds other files \("Budget 2026.xlsx"\)/);
      expect(() => prepareInboxFolder(theirs, home)).toThrow(/already holds other files/);
      expect(readdirSync(theirs)).toEqual(['Budget 2026.xlsx']); // untouched

      const link = join(home, 'Documents', 'linked-inbox');
      symlinkSync(theirs, link);
      expect(inboxFolderProblem(link, home)).toMatch(/is a link to another folder/);

      // Accepted: a new folder (created and marked), an empty one, one with only POR files.
      const fresh = join(home, 'Documents', 'POR QBO Companion', 'inbox');
      expect(inboxFolderProblem(fresh, home)).toBeNull();
      prepareInboxFolder(fresh, home);
      expect(readdirSync(fresh).sort()).toEqual([INBOX_MARKER, 'processed', 'rejected']);
      const porOnly = join(home, 'por-drop');
      mkdirSync(porOnly);
      writeFileSync(join(porOnly, 'PR260314.iif'), 'x');
      writeFileSync(join(porOnly, 'POR-feed-20260314.jsonl'), 'x');
      expect(inboxFolderProblem(porOnly, home)).toBeNull();
      // Once marked as ours, files that are not POR's no longer make it someone else's folder.
      writeFileSync(join(fresh, 'stray.docx'), 'x');
      expect(inboxFolderProblem(fresh, home)).toBeNull();
    } finally {
      tmp.remove();
    }
  });

  it('accepts only the names POR writes (liberal where POR.md says names vary)', () => {
    for (const ok of [
      'PR260314',
      'PR260314.iif',
      'PR260314 (2).iif',
      'pr260314_regenerated.IIF',
      'PR2603MONTHLYONLY.iif',
      'POR-feed-20260314.jsonl',
      'feed.NDJSON',
    ]) {
      expect(inboxNameProblem(ok), ok).toBeNull();
    }
    for (const bad of ['Budget.xlsx', 'PR261399.iif', 'notes.txt', 'PR2603.iif', 'report.json', 'PR260314.lnk'.replace('PR260314', 'shortcut')]) {
      expect(inboxNameProblem(bad), bad).toMatch(/is not a file name Point of Rental produces/);
    }
  });
});

describe('inbox watcher: links and foreign names', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  let watcher: InboxWatcher | null = null;
  let inbox: string;
  beforeEach(() => {
    tmp = makeTempDir();
    inbox = join(tmp.path, 'inbox');
    ledger = openLedger(join(tmp.path, 'data'), 'practice', { actor: 'watcher' });
  });
  afterEach(async () => {
    await watcher?.close();
    watcher = null;
    ledger.close();
    tmp.remove();
  });

  it('a link is moved aside unread (its target never copied anywhere); a foreign name goes to rejected/ with a reason; POR files are imported', async () => {
    const secret = join(tmp.path, 'secret.txt');
    writeFileSync(secret, `${SECRET}\n`);
    const secretIif = join(tmp.path, 'PR260301.iif');
    writeFileSync(secretIif, iifFile(iifBlock(1, '03/01/2026', '999.00')));
    mkdirSync(inbox, { recursive: true });
    symlinkSync(secret, join(inbox, 'PR260313.iif'));
    symlinkSync(secretIif, join(inbox, 'PR260312.iif'));
    writeFileSync(join(inbox, 'PR260314.iif'), iifFile(iifBlock(1, '03/14/2026', '1000.00')));
    const refused: string[] = [];
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 30, onRefused: (e) => refused.push(e.reason) });
    await watcher.ready;
    writeFileSync(join(inbox, 'Budget.xlsx'), `${SECRET}\n`);
    await watcher.scan();
    for (let i = 0; i < 200 && readdirSync(join(inbox, 'rejected')).length < 6; i++) await new Promise((r) => setTimeout(r, 25));
    await watcher.idle();

    const rejected = readdirSync(join(inbox, 'rejected')).sort();
    expect(rejected).toEqual(['Budget.xlsx', 'Budget.xlsx.reason.txt', 'PR260312.iif', 'PR260312.iif.reason.txt', 'PR260313.iif', 'PR260313.iif.reason.txt']);
    // The links themselves were moved (still links); their targets are where they were, untouched.
    expect(lstatSync(join(inbox, 'rejected', 'PR260313.iif')).isSymbolicLink()).toBe(true);
    expect(readFileSync(secret, 'utf8')).toBe(`${SECRET}\n`);
    expect(readFileSync(join(inbox, 'rejected', 'PR260313.iif.reason.txt'), 'utf8')).toMatch(/is a link \(shortcut\).*never followed/);
    expect(readFileSync(join(inbox, 'rejected', 'Budget.xlsx.reason.txt'), 'utf8')).toMatch(/not a file name Point of Rental produces/);
    expect(refused).toHaveLength(3);

    // Nothing read from the link targets: no document of 03/01, no quarantined text, no secret anywhere.
    expect(ledger.documents.counts().active).toBe(1);
    expect(existsSync(join(inbox, 'processed', 'PR260314.iif'))).toBe(true);
    const quarantined = JSON.stringify(ledger.quarantine.list({}, { limit: 100 }).rows);
    expect(quarantined).not.toContain(SECRET);
    expect(quarantined).not.toContain('999.00');
    const arrivals = ledger.files.arrivals(10);
    expect(
      arrivals
        .filter((a) => a.status === 'refused')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['Budget.xlsx', 'PR260312.iif', 'PR260313.iif']);
  });

  it('a link named on the command line is refused, not followed', async () => {
    const secret = join(tmp.path, 'PR260301.iif');
    writeFileSync(secret, iifFile(iifBlock(1, '03/01/2026', '999.00')));
    const link = join(tmp.path, 'PR260302.iif');
    symlinkSync(secret, link);
    const read = await readForImport(link);
    expect(read.unreadable).toMatch(/is a link \(shortcut\) to another file; links are never followed/);
    expect(read.bytes).toBeNull();
  });

  it("a folder that is not the inbox's own is not watched: every file in it stays where it is", async () => {
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'Letter to the bank.docx'), 'x');
    writeFileSync(join(inbox, 'PR260314.iif'), iifFile(iifBlock(1, '03/14/2026', '1000.00')));
    const errors: string[] = [];
    watcher = startInboxWatcher({ inboxDir: inbox, ledger: () => ledger, stabilityMs: 30, onError: (e) => errors.push(e.message) });
    await watcher.ready;
    await watcher.scan();
    await watcher.idle();
    expect(errors[0]).toMatch(/already holds other files \("Letter to the bank.docx"\)/);
    expect(readdirSync(inbox).sort()).toEqual(['Letter to the bank.docx', 'PR260314.iif']);
    expect(ledger.documents.counts().active).toBe(0);
  });
});

describe('choosing the inbox through the app core', () => {
  it('settings:set refuses the home folder and Documents with the reason; a folder of its own is taken', async () => {
    const { startTestCore } = await import('../../unit/app/app-test-core');
    const { homedir } = await import('node:os');
    const t = await startTestCore('practice');
    try {
      await expect(t.call('settings:set', { inboxDir: homedir() })).rejects.toMatchObject({
        code: 'inbox-folder',
        message: expect.stringMatching(/home folder/),
      });
      await expect(t.call('settings:set', { inboxDir: join(homedir(), 'Documents') })).rejects.toMatchObject({ code: 'inbox-folder' });
      const own = join(t.dir, 'my-inbox');
      expect((await t.call('settings:set', { inboxDir: own })).inboxDir).toBe(own);
    } finally {
      await t.close();
    }
  });
});
