/**
 * History with 100,000 exports in real Chromium: the list is virtualized and paged by the core, so the
 * page holds only the rows around the view wherever you scroll; search and filters run in the core;
 * errors show code, message, fix and intuit_tid; a posted row opens its QuickBooks sandbox address
 * through the contract (checked against the allow-list before any browser sees it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openSettings } from '../../main/core/settings/settings-store';
import { startHarness, type Harness } from '../harness/server';
import { makeTempDir } from '../helpers/temp-dir';
import { seriousAxeViolations } from './helpers/axe';
import { DOCS_SCREENSHOT_DIR, ensureRendererBuilt, launchChromium } from './helpers/chromium';
import { seedHistory, type SeededHistory } from './helpers/seed-history';

const ROWS = 100_000;

describe('history at 100,000 rows (sandbox)', () => {
  let harness: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  let seeded: SeededHistory;
  const dir = makeTempDir();
  const requests: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    seeded = seedHistory(dir.path, 'sandbox', ROWS);
    openSettings(dir.path).set('environment', 'sandbox');
    harness = await startHarness({ dataDir: dir.path });
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(15_000);
    page.on('request', (r) => {
      if (r.url().includes('/api/invoke/history:list')) requests.push(r.postData() ?? '');
    });
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await harness?.close();
    dir.remove();
  });

  const renderedRows = () => page.locator('[role="grid"] [role="row"][id^="hist-row-"]').count();

  it('shows the total, renders only what is on screen, and reaches the oldest row by keyboard', async () => {
    await page.goto(`${harness.url}#/history`);
    await page.getByTestId('history-total').filter({ hasText: '100,000 exports' }).waitFor();
    const first = await renderedRows();
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(60);
    await expect(page.locator(`#hist-row-0`).textContent()).resolves.toContain(String(ROWS));

    const grid = page.getByRole('grid', { name: /Export history/ });
    await grid.focus();
    await page.keyboard.press('End');
    await page
      .locator(`#hist-row-${ROWS - 1}`)
      .filter({ hasText: 'Journal entry' })
      .waitFor();
    await expect(grid.getAttribute('aria-activedescendant')).resolves.toBe(`hist-row-${ROWS - 1}`);
    expect(await renderedRows()).toBeLessThan(60);
    // Pages are fetched from the core as they come into view: a few hundred rows, never all of them.
    const fetched = requests.map((r) => JSON.parse(r) as { limit: number }).reduce((n, r) => n + r.limit, 0);
    expect(fetched).toBeLessThan(2_000);

    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(grid.getAttribute('aria-activedescendant')).resolves.toBe('hist-row-2');
    await page.screenshot({ path: join(DOCS_SCREENSHOT_DIR, '21-history-100k-rows.png') });
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
  });

  it('filters in the core and explains an error with code, message, fix and intuit_tid', async () => {
    await page.getByLabel('Status').selectOption('failed');
    await page
      .getByTestId('history-total')
      .filter({ hasText: `${seeded.failed} exports` })
      .waitFor();
    await page.getByLabel('Search').fill(seeded.failedDoc);
    await page
      .getByTestId('history-total')
      .filter({ hasText: /^1 export$/ })
      .waitFor();
    await page.locator('#hist-row-0').filter({ hasText: seeded.failedDoc }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/the books are closed through 2022-12-31/).waitFor();
    await dialog.getByText(/Close the books and move the closing date/).waitFor();
    // The ids support asks for sit behind Details, in words.
    await dialog.getByText('Details for support').click();
    await dialog.getByText('QuickBooks code 6210').waitFor();
    await dialog.getByText(`Intuit transaction id ${seeded.intuitTid}`).waitFor();
    await expect(dialog.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(DOCS_SCREENSHOT_DIR, '22-history-error-detail.png') });
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await dialog.getByRole('button', { name: 'Close details' }).click();
  });

  it('opens a posted row in the QuickBooks sandbox through the contract', async () => {
    await page.getByLabel('Status').selectOption('posted');
    await page.getByLabel('Search').fill('');
    await page
      .getByTestId('history-total')
      .filter({ hasText: `${(ROWS - seeded.failed).toLocaleString('en-US')} exports` })
      .waitFor();
    await page.locator('#hist-row-0').filter({ hasText: 'Posted' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Open in QuickBooks' }).click();
    await page.getByText('Opened in your browser.').waitFor();
    expect(harness.opened).toEqual([`https://app.sandbox.qbo.intuit.com/app/journal?txnId=${ROWS}`]);
  });

  it('says when a text under 3 characters was looked for only in the newest exports', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Close details' }).click();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('s7');
    const total = page.getByTestId('history-total').filter({ hasText: 'in the newest 5,000 (type 3 or more characters to search them all)' });
    await total.waitFor();
    await page.screenshot({ path: join(DOCS_SCREENSHOT_DIR, '50-history-short-search.png') });
    await page.getByLabel('Search').fill('s7/');
    await page
      .getByTestId('history-total')
      .filter({ hasText: /^[\d,]+ exports$/ })
      .waitFor();
  });
});
