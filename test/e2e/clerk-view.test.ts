/**
 * The clerk's view (issue 16), in real Chromium against the real core and the practice QuickBooks
 * simulator: nothing posts, hides or goes missing without the person seeing it. One test per numbered
 * point of the issue (15, headless credentials, lives in the CLI's own tests). Screens are pictured at
 * 1280 px and at 1024 px with 200 % zoom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { makeTempDir } from '../helpers/temp-dir';
import { seriousAxeViolations, type AxeIssue } from './helpers/axe';
import { DOCS_SCREENSHOT_DIR, ensureRendererBuilt, launchChromium } from './helpers/chromium';

describe("the clerk's view: nothing posts, hides or goes missing unseen", () => {
  let harness: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const dir = makeTempDir();
  const pageErrors: string[] = [];
  const axe: Record<string, AxeIssue[]> = {};
  const h = () => harness.core.handlers;
  const postedEntries = async () => (await h()['history:list']({ offset: 0, limit: 1, status: 'posted', entity: 'JournalEntry' })).total;

  beforeAll(async () => {
    ensureRendererBuilt();
    harness = await startHarness({ dataDir: dir.path });
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  });
  afterAll(async () => {
    await closeBrowser?.();
    await harness?.close();
    dir.remove();
  });

  async function capture(name: string, on: Page = page) {
    await on.waitForTimeout(150);
    axe[name] = await seriousAxeViolations(on);
    await on.screenshot({ path: join(DOCS_SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  it('8: the export mode step preselects the recommended mode; Continue saves it, no hidden second click', async () => {
    await h()['connection:practice']({});
    await page.goto(`${harness.url}#/setup/mode`);
    await page.getByRole('heading', { level: 2, name: 'Export mode' }).waitFor();
    await expect(page.getByRole('radio', { name: /Batch mode/ }).isChecked()).resolves.toBe(true);
    expect((await h()['mode:get']({})).mode).toBeNull();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Store classes' }).waitFor();
    expect((await h()['mode:get']({})).mode).toBe('batch');
    // Choosing another mode saves it at once (Transaction alone waits for its confirmation).
    await page.goto(`${harness.url}#/setup/mode`);
    await page.getByRole('radio', { name: /Real-time mode/ }).check();
    await page.getByText('Real-time mode is saved.').waitFor();
    expect((await h()['mode:get']({})).mode).toBe('realtime');
    await page.getByRole('radio', { name: /Batch mode/ }).check();
    await page.getByText('Batch mode is saved.').waitFor();
  });

  it('5: "Add store" refuses a number that exists, beside the field, and the table shows what was saved', async () => {
    const { stores } = await h()['stores:get']({});
    for (const s of stores) await h()['stores:update']({ store: s.store, exportFormat: 'API-QBO' });
    await page.goto(`${harness.url}#/setup/formats`);
    await page.getByRole('heading', { level: 2, name: 'Export format per store' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a store' });
    await form.getByLabel('Store number').fill('1');
    await form.getByLabel('Name').fill('Overwritten');
    await form.getByRole('button', { name: 'Add store' }).click();
    await form.getByText('Store 1 is already in the table above: change it there.').waitFor();
    await expect(form.getByLabel('Store number').getAttribute('aria-invalid')).resolves.toBe('true');
    // The core refuses too, whatever the screen does: nothing is overwritten.
    await expect(h()['stores:add']({ store: 1, name: 'Overwritten' })).rejects.toMatchObject({ code: 'store-exists' });
    const one = (await h()['stores:get']({})).stores.find((s) => s.store === 1)!;
    expect(one).toMatchObject({ name: 'Burbank', exportFormat: 'API-QBO' });
    await capture('30-add-store-refused');
    // A new number is added and shows at once; a name changed elsewhere shows without a reload.
    await form.getByLabel('Store number').fill('7');
    await form.getByLabel('Name').fill('Van Nuys');
    await form.getByRole('button', { name: 'Add store' }).click();
    await expect(page.getByLabel('Name of store 7').inputValue()).resolves.toBe('Van Nuys');
    await h()['stores:update']({ store: 7, exportFormat: 'off', name: 'Van Nuys West' });
    await page.getByLabel('Export format for store 7').selectOption('off');
    await expect.poll(() => page.getByLabel('Name of store 7').inputValue()).toBe('Van Nuys West');
  });

  it('1: finishing setup posts nothing; turning sync on shows count, days, environment and company first', async () => {
    await h()['stores:create-classes']({ stores: [1, 2, 3] });
    await h()['mapping:automap']({});
    // The test export: one store-day, by hand.
    const { days } = await h()['exports:days']({});
    const first = days.filter((d) => d.store === 1 && d.closed).sort((a, b) => a.date.localeCompare(b.date))[0]!;
    await h()['exports:post']({ scope: { kind: 'storeDay', store: 1, date: first.date }, confirmed: true });
    await expect.poll(postedEntries, { timeout: 15_000 }).toBe(1);

    await page.goto(`${harness.url}#/setup/done`);
    await page.getByRole('heading', { level: 2, name: 'Finish setup' }).waitFor();
    await page.getByText('Automatic sync is off.').waitFor();
    await capture('31-finish-setup-posts-nothing');
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.waitForTimeout(600); // a scheduler that started would have posted by now
    expect(await postedEntries()).toBe(1);
    expect(harness.core.settings.get('syncServicesOn')).toBe(false);
    await expect(page.getByTestId('band-sync').textContent()).resolves.toBe('Automatic sync off');

    // The one switch: what would be posted, from which day, where, before anything is.
    await page.getByRole('button', { name: 'Turn on automatic sync…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn on automatic sync?' });
    await expect(dialog.getByTestId('dialog-target').textContent()).resolves.toBe('PRACTICE · Practice Rental Co.');
    const summary = dialog.getByTestId('sync-start-summary');
    await summary.getByText(/entries will be posted now/).waitFor();
    const text = (await summary.textContent())!;
    expect(text).toMatch(/(\d+) entries will be posted now for \d+ store-days, [A-Z][a-z]{2} \d+, \d{4} – [A-Z][a-z]{2} \d+, \d{4}, debits \$[\d,]+\.\d\d/);
    expect(text).toContain('Practice Rental Co.');
    const planned = Number(/(\d+) entries will be posted now/.exec(text)![1]);
    await capture('32-turn-on-sync-preview');
    // A later start day means fewer days; Cancel sends nothing.
    const latest = days
      .map((d) => d.date)
      .sort()
      .at(-1)!;
    await dialog.getByLabel('Start from this business day').fill(latest);
    await expect.poll(async () => (await summary.textContent())!).not.toBe(text);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForTimeout(300);
    expect(await postedEntries()).toBe(1);
    expect(harness.core.settings.get('syncServicesOn')).toBe(false);

    // Days before the closing date will fail for the same reason: point 12 retries them together.
    const sim = (await harness.core.practiceSimulator())!;
    sim.knobs.closingDate = days.map((d) => d.date).sort()[2]!;
    await page.getByRole('button', { name: 'Turn on automatic sync…' }).click();
    await dialog.getByRole('button', { name: /^Turn on and post \d+ entries$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(harness.core.settings.get('syncServicesOn')).toBe(true);
    await expect(page.getByTestId('band-sync').textContent()).resolves.toBe('Automatic sync on');
    expect(planned).toBeGreaterThan(3);
  }, 90_000);

  it('12: one switch, "Sync now" says what happened, and failures with one cause are retried together', async () => {
    await page.getByText(/failed for the same reason/).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('sync-state').textContent()).resolves.toBe('Needs attention');
    await page.getByTestId('health-failed').waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/^Sync finished: /).waitFor({ timeout: 30_000 });
    await capture('33-dashboard-failures-retry-all');
    const sim = (await harness.core.practiceSimulator())!;
    sim.knobs.closingDate = null;
    await page
      .getByRole('button', { name: /^Retry all \d+$/ })
      .first()
      .click();
    const confirm = page.getByRole('dialog', { name: /^Retry \d+ entries\?$/ });
    await confirm.getByTestId('dialog-target').waitFor();
    await confirm.getByRole('button', { name: /^Retry all \d+$/ }).click();
    await page.getByText(/^All \d+ sent again: \d+ posted\.$/).waitFor({ timeout: 30_000 });
    // Settings shows the same switch, not a second one.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(page.getByTestId('sync-switch-state').textContent()).resolves.toMatch(/^Automatic sync is on\./);
    await expect(page.getByRole('checkbox', { name: /on a schedule/ }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Dashboard' }).click();
  }, 90_000);

  it('2 and 6: the dashboard is green only when QuickBooks holds what POR produced; entries counted apart from list records', async () => {
    await page.getByTestId('sync-state').filter({ hasText: 'Up to date' }).waitFor({ timeout: 30_000 });
    const entries = Number(await page.getByTestId('posted-entries').textContent());
    expect(entries).toBe(await postedEntries());
    await page.getByText(/\+ \d+ list records? \(classes, customers\)/).waitFor();
    await capture('34-dashboard-up-to-date');

    // Undo two store-days in QuickBooks: reconciliation differs, so the dashboard is not green and says what.
    const posted = (await h()['history:list']({ offset: 0, limit: 50, status: 'posted', entity: 'JournalEntry' })).rows;
    const two = posted.filter((r) => r.store === 2).slice(0, 2);
    for (const r of two) await h()['exports:undo']({ jobId: r.jobId, confirmed: true });
    await page.reload();
    await page.getByTestId('sync-state').filter({ hasText: 'Needs attention' }).waitFor();
    const missing = page.getByTestId('health-missing');
    await expect(missing.textContent()).resolves.toMatch(/^QuickBooks is missing \$[\d,]+\.\d\d from 2 store-days\./);
    await page.getByTestId('health-undone').getByText('2 entries were undone in QuickBooks and not sent again.').waitFor();
    await capture('35-dashboard-not-green-while-reconciliation-differs');
    undone = two.map((r) => ({ jobId: r.jobId, date: r.businessDate!, store: r.store! }));
  });

  let undone: { jobId: number; date: string; store: number }[] = [];

  it('7 and 3: reconciliation in words, and an undone day sent again from its row', async () => {
    await page.getByTestId('health-missing').getByRole('button', { name: 'Send them' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reconciliation' }).waitFor();
    await expect(page.getByTestId('recon-sentence').textContent()).resolves.toMatch(/^QuickBooks is missing \$[\d,]+\.\d\d from 2 store-days\.$/);
    const row = page.locator('tr.row-warn').first();
    await expect(row.textContent()).resolves.toMatch(/QuickBooks is short \$/);
    await row.getByRole('button', { name: /^Accounts/ }).click();
    await page.getByRole('columnheader', { name: 'In QuickBooks' }).waitFor();
    await page
      .getByText(/QuickBooks is missing \$[\d,]+\.\d\d (debit|credit)/)
      .first()
      .waitFor();
    await capture('36-reconciliation-in-words');
    await row.getByRole('button', { name: /^Send again…/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Send Store 2, / });
    await expect(dialog.getByTestId('dialog-target').textContent()).resolves.toBe('PRACTICE · Practice Rental Co.');
    await dialog.getByText('1 entry was undone').waitFor();
    await capture('37-send-undone-day-again');
    await dialog.getByRole('button', { name: 'Send 1 entry' }).click();
    await dialog.getByText(/^Sent again: 1 entry posted\.$/).waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(async () => page.getByTestId('recon-sentence').textContent(), { timeout: 15_000 }).toMatch(/from 1 store-day\.$/);
  }, 60_000);

  it('3: an undone range is sent again from the range preview', async () => {
    let still = undone[0]!;
    for (const u of undone) if ((await h()['history:detail']({ jobId: u.jobId })).row.status === 'undone') still = u;
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    await page.getByRole('radio', { name: 'Date range' }).check();
    const all = (await h()['exports:days']({})).days.map((d) => d.date).sort();
    await page.getByLabel('From', { exact: true }).fill(all[0]!);
    await page.getByLabel('To', { exact: true }).fill(all.at(-1)!);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByText('Undone: can be sent again').first().waitFor();
    await page.getByRole('button', { name: 'Send 1 undone again…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Send All stores, / });
    await dialog.getByTestId('dialog-target').waitFor();
    await dialog.getByRole('button', { name: 'Send 1 entry' }).click();
    await dialog.getByText(/^Sent again: 1 entry posted\.$/).waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    expect((await h()['history:list']({ offset: 0, limit: 5, status: 'undone', entity: 'JournalEntry' })).total).toBe(2); // the old rows stay as history
    const again = (await h()['history:list']({ offset: 0, limit: 100, status: 'posted', store: still.store, dateFrom: still.date, dateTo: still.date })).rows;
    expect(again.some((r) => r.entity === 'JournalEntry')).toBe(true);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('sync-state').filter({ hasText: 'Up to date' }).waitFor({ timeout: 30_000 });
  }, 60_000);

  it('6: one store-day has one amount on Exports and History', async () => {
    const jobs = (await h()['history:list']({ offset: 0, limit: 200, status: 'posted', entity: 'JournalEntry', store: 1 })).rows;
    const { days } = await h()['exports:days']({ store: 1 });
    for (const j of jobs.slice(0, 3)) {
      const sameDay = jobs.filter((x) => x.businessDate === j.businessDate).reduce((n, x) => n + x.amountCents, 0);
      expect(days.find((d) => d.date === j.businessDate)?.amountCents).toBe(sameDay);
    }
  });

  it('13: history finds a store by name, a day as people write it, and an amount', async () => {
    const rows = (await h()['history:list']({ offset: 0, limit: 200, status: 'posted', entity: 'JournalEntry' })).rows;
    const storeOne = rows.filter((r) => r.store === 1).length;
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    const search = page.getByLabel('Search');
    await search.fill('Burbank');
    // Store 1's name finds all of store 1's exports (and the class named after it).
    const byName = await h()['history:list']({ offset: 0, limit: 500, text: 'Burbank' });
    const storeOneAll = (await h()['history:list']({ offset: 0, limit: 1, store: 1 })).total;
    expect(byName.rows.filter((r) => r.store === 1).length).toBe(storeOneAll);
    expect(byName.rows.every((r) => r.store === 1 || r.store === null)).toBe(true);
    await page
      .getByTestId('history-total')
      .filter({ hasText: new RegExp(`^${byName.total} exports?$`) })
      .waitFor();
    expect(storeOne).toBeGreaterThan(0);
    const target = rows[0]!;
    const d = new Date(`${target.businessDate}T00:00:00Z`);
    const written = `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
    await search.fill(written);
    const sameDay = (await h()['history:list']({ offset: 0, limit: 1, dateFrom: target.businessDate!, dateTo: target.businessDate! })).total;
    await page
      .getByTestId('history-total')
      .filter({ hasText: new RegExp(`^${sameDay} exports?$`) })
      .waitFor();
    const amount = `$${(target.amountCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await search.fill(amount);
    await page.locator('.vgrid-row', { hasText: amount }).first().waitFor();
    await capture('38-history-search-by-day');
  });

  it('9 and 4: plain words on screen, ids behind Details, and the band stays at the top of long screens', async () => {
    for (const route of ['dashboard', 'exports', 'history', 'reconcile', 'cutover', 'setup/connect', 'settings']) {
      await page.goto(`${harness.url}#/${route}`);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(300);
      const text = (await page.locator('body').innerText()).replace(/Details for support[\s\S]*/g, '');
      expect(text, route).not.toMatch(/\brealm\b|\bledger\b|inFlight|requestId|JournalEntry\/CreditMemo|creditMemo|Code mapping/i);
    }
    await page.goto(`${harness.url}#/history`);
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 500 });
    await page.goto(`${harness.url}#/reconcile`);
    await page.getByTestId('recon-sentence').waitFor();
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(200);
    const band = await page.getByLabel('Current environment').boundingBox();
    expect(band?.y).toBe(0);
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(100);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('11: every go-live row says where to fix it, and rows that depend on production say "not applicable yet"', async () => {
    await page.goto(`${harness.url}#/cutover`);
    await page.getByRole('heading', { level: 1, name: 'Go-live checklist' }).waitFor();
    const classes = page.getByTestId('check-classes');
    await classes.getByText('Not applicable yet').waitFor();
    await expect(classes.getByText('Done', { exact: true }).count()).resolves.toBe(0);
    await page.getByTestId('check-mapping').getByText('Not applicable yet').waitFor();
    await page.getByTestId('check-syncServices').getByText('Not applicable yet').waitFor();
    await capture('39-go-live-fix-buttons');
    // Fix opens the right environment and step; Production asks for its name to be typed.
    await page
      .getByTestId('check-credentials')
      .getByRole('button', { name: /^Connect production \(in Production\)/ })
      .click();
    const sw = page.getByRole('dialog', { name: 'Switch environment' });
    await expect(sw.getByRole('radio', { name: /Production/ }).isChecked()).resolves.toBe(true);
    const go = sw.getByRole('button', { name: 'Yes, switch to Production' });
    await expect(go.isDisabled()).resolves.toBe(true);
    await sw.getByRole('textbox').fill('production');
    await capture('40-switch-to-production-typed-name');
    await go.click();
    await page.getByText('PRODUCTION', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Connect to QuickBooks Online' }).waitFor();
    expect(harness.core.settings.get('environment')).toBe('production');
  });

  it('10: the sandbox connect step has a step-by-step guide with its links, and errors beside each field', async () => {
    await page.getByRole('button', { name: 'Switch environment…' }).click();
    await page.getByRole('radio', { name: /Sandbox/ }).check();
    await page.getByRole('button', { name: 'Switch to Sandbox' }).click();
    await page.getByText('SANDBOX', { exact: true }).waitFor();
    await page.goto(`${harness.url}#/setup/connect`);
    const guide = page.getByTestId('sandbox-guide');
    await guide.getByRole('link', { name: 'OAuth 2.0 Playground' }).waitFor();
    await expect(guide.getByRole('link', { name: 'developer.intuit.com' }).getAttribute('href')).resolves.toMatch(/^https:\/\/developer\.intuit\.com\//);
    await page.getByLabel('Client ID', { exact: true }).first().fill('x');
    await page.getByLabel('Company ID (Realm ID)').fill('12ab');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText('This does not look like a whole Client ID').waitFor();
    await page.getByText('The Company ID is a number only').waitFor();
    await page.getByText('Paste the Client Secret from the same page.').waitFor();
    await expect(page.getByLabel('Company ID (Realm ID)').getAttribute('aria-invalid')).resolves.toBe('true');
    await capture('41-sandbox-connect-guide-field-errors');
  });

  it('14: at 1024 px and at 200 % zoom the layout holds: the menu collapses, tables wrap, nothing is cut', async () => {
    await h()['env:set']({ environment: 'practice', confirmed: true });
    const wide = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await wide.goto(`${harness.url}#/history`);
    await wide.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await wide.locator('.vgrid-row [role=gridcell]').first().waitFor();
    const lastHeader = await wide.getByRole('columnheader', { name: 'Updated' }).boundingBox();
    const grid = await wide.getByRole('grid').boundingBox();
    expect(lastHeader!.x + lastHeader!.width).toBeLessThanOrEqual(grid!.x + grid!.width);
    await capture('42-history-1024', wide);
    await wide.close();

    // 1024 px at 200 %: 512 CSS px, pictured at 1024 device pixels.
    const zoom = await browser.newPage({ viewport: { width: 512, height: 700 }, deviceScaleFactor: 2 });
    const overflow = () => zoom.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
    for (const [route, name, heading] of [
      ['dashboard', '43-dashboard-1024-zoom200', 'Dashboard'],
      ['setup/mode', '44-setup-mode-1024-zoom200', 'Setup'],
      ['history', '45-history-1024-zoom200', 'History'],
      ['reconcile', '46-reconciliation-1024-zoom200', 'Reconciliation'],
      ['exports', '47-exports-1024-zoom200', 'Exports'],
      ['cutover', '48-go-live-1024-zoom200', 'Go-live checklist'],
    ] as const) {
      await zoom.goto(`${harness.url}#/${route}`);
      await zoom.getByRole('heading', { level: 1, name: new RegExp(`^${heading}`) }).waitFor();
      await zoom.waitForTimeout(400);
      const wider = (await zoom.evaluate(
        `(() => { const out = []; for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect(); if (r.right > document.documentElement.clientWidth + 0.5) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right)); } return out.slice(0, 8).join(', '); })()`,
      )) as string;
      expect(await overflow(), `${route}: ${wider}`).toBeLessThanOrEqual(0);
      await expect(zoom.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false);
      await zoom.screenshot({ path: join(DOCS_SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    }
    // The menu opens on request and closes after a choice.
    await zoom.getByRole('button', { name: 'Menu' }).click();
    await zoom.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await zoom.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(zoom.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false);
    // The wizard's text keeps its width: a paragraph is far wider than one word.
    await zoom.goto(`${harness.url}#/setup/mode`);
    const para = await zoom.locator('.step > p.muted').first().boundingBox();
    expect(para!.width).toBeGreaterThan(300);
    await zoom.close();
  }, 60_000);

  it('had no page errors and no serious or critical accessibility violation', () => {
    expect(pageErrors).toEqual([]);
    const failing = Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0));
    expect(failing).toEqual({});
  });
});
