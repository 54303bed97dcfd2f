/**
 * "Replace in QuickBooks" in real Chromium against the real core and the practice QuickBooks simulator:
 * a GL export day is posted, POR writes the day again with other amounts, the regenerated day shows in
 * POR data and on its row in Exports, the dialog shows old vs new, and one confirmation undoes the old
 * journal and posts the new one: QuickBooks then holds exactly one journal for the day, with the new amount.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/server';
import { makeTempDir } from '../helpers/temp-dir';
import { seriousAxeViolations } from './helpers/axe';
import { SCREENSHOT_DIR, ensureRendererBuilt, launchChromium } from './helpers/chromium';

// Today: the practice company seeds the last weeks of POR days, and Exports lists the days up to the latest.
const DAY = new Date().toISOString().slice(0, 10);
const US = `${DAY.slice(5, 7)}/${DAY.slice(8, 10)}/${DAY.slice(0, 4)}`;
const PR = `PR${DAY.slice(2, 4)}${DAY.slice(5, 7)}${DAY.slice(8, 10)}`;

const gl = (amount: string) =>
  [
    '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!ENDTRNS',
    `TRNS\t\tGENERAL JOURNAL\t${US}\t1020-01\tStore 1:Burbank\t${amount}\t${PR}\tPOR EOD store 1`,
    `SPL\t\tGENERAL JOURNAL\t${US}\t4000-01\tStore 1:Burbank\t-${amount}\t${PR}\tRental revenue`,
    'ENDTRNS',
  ].join('\r\n') + '\r\n';

describe('Replace in QuickBooks, the whole path', () => {
  let harness: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const dir = makeTempDir();
  const inbox = join(dir.path, 'inbox');
  const pageErrors: string[] = [];

  const journalsOfDay = async () => {
    const sim = (await harness.core.practiceSimulator())!;
    return sim
      .list('JournalEntry')
      .filter((j) => (j as { TxnDate?: string }).TxnDate === DAY)
      .map((j) => (j as { TotalAmt?: number }).TotalAmt);
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    harness = await startHarness({ dataDir: dir.path });
    const h = harness.core.handlers;
    // The setup a person makes in the wizard, through the same handlers.
    await h['connection:practice']({});
    await h['stores:update']({ store: 1, className: 'Store 1:Burbank', exportFormat: 'API-QBO' });
    await h['stores:create-classes']({ stores: [1] }).catch(() => undefined); // already there in the practice company
    await h['mode:set']({ mode: 'batch' });
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, PR), gl('1000.00'));
    await h['inbox:scan']({});
    await h['mapping:automap']({});
    await h['exports:post']({ scope: { kind: 'storeDay', store: 1, date: DAY }, confirmed: true });
    const deadline = Date.now() + 15_000;
    while ((await h['exports:days']({ from: DAY, to: DAY })).days.find((d) => d.store === 1)?.state !== 'posted') {
      if (Date.now() > deadline) throw new Error('the first export never posted');
      await new Promise((r) => setTimeout(r, 100));
    }
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await harness?.close();
    dir.remove();
  });

  it('shows the regenerated day, old vs new, and replaces it in one step, exactly once', async () => {
    expect(await journalsOfDay()).toEqual([1000]);
    writeFileSync(join(inbox, `${PR} (2)`), gl('1250.00'));

    await page.goto(`${harness.url}#/inbox`);
    await page.getByRole('heading', { level: 1, name: 'POR data' }).waitFor();
    await page.getByRole('button', { name: 'Import new files now' }).click();
    const revisions = page.getByRole('region', { name: 'Regenerated or revised POR data' });
    await revisions.getByText(/POR wrote the GL export again \(revision 2\) with different content than revision 1, which QuickBooks has/).waitFor();
    await page.getByRole('cell', { name: /Imported \(nothing new\); 1 regenerated entry differs/ }).waitFor();

    // The day's row in Exports offers the same action.
    await page.goto(`${harness.url}#/exports`);
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    await page.getByRole('radio', { name: 'Date range' }).check();
    await page.getByLabel('To', { exact: true }).fill(DAY);
    await page.getByRole('button', { name: /^Replace in QuickBooks… store 1 on / }).waitFor();

    await page.goto(`${harness.url}#/inbox`);
    await revisions.getByRole('button', { name: 'Replace in QuickBooks…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace in QuickBooks' });
    await dialog.getByRole('heading', { name: 'In QuickBooks now, undone ($1,000.00)' }).waitFor();
    await dialog.getByRole('heading', { name: 'Posted instead, revision 2 ($1,250.00)' }).waitFor();
    await page.waitForTimeout(150);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'replace-in-quickbooks.png'), fullPage: true });

    await dialog.getByRole('button', { name: 'Undo the old entry and post the new one' }).click();
    await dialog.getByText('Replaced in QuickBooks: 1 old entry undone, 1 new entry posted.').waitFor();
    expect(await journalsOfDay()).toEqual([1250]);
    // Nothing but the replaced day went out: the practice days waiting in the ledger were not sent.
    expect((await harness.core.practiceSimulator())!.list('JournalEntry')).toHaveLength(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'replace-in-quickbooks-done.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await revisions.waitFor({ state: 'detached' });

    // Nothing is left to replace: asked again through the contract, it refuses and QuickBooks is untouched.
    await expect(harness.core.handlers['revision:replace']({ key: `glJournal:gl:1:${DAY}:1`, confirmed: true })).rejects.toThrow(
      /Nothing waits to be replaced/,
    );
    expect(await journalsOfDay()).toEqual([1250]);
    const history = await harness.core.handlers['history:list']({ offset: 0, limit: 10 } as never);
    expect(
      history.rows
        .filter((r) => r.entity === 'JournalEntry')
        .map((r) => r.status)
        .sort(),
    ).toEqual(['posted', 'undone']);
    expect(pageErrors).toEqual([]);
  });
});
