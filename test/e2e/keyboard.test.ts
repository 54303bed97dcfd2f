/**
 * Keyboard only, in real Chromium: skip link, the main navigation, focus landing on each screen's heading,
 * a visible focus ring, the environment switch (arrows, Escape), and the whole setup wizard done without a mouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { makeTempDir } from '../helpers/temp-dir';
import { ensureRendererBuilt, launchChromium } from './helpers/chromium';

describe('full keyboard use', () => {
  let harness: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const dir = makeTempDir();

  beforeAll(async () => {
    ensureRendererBuilt();
    harness = await startHarness({ dataDir: dir.path });
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await harness?.close();
    dir.remove();
  });

  /** What has focus, as "tag: accessible text". */
  const focused = () =>
    page.evaluate(
      `(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + ': ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60) : ''; })()`,
    ) as Promise<string>;
  const outline = () =>
    page.evaluate(`getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth`) as Promise<string>;

  it('starts with a skip link, then the environment band, then the navigation; every stop shows a focus ring', async () => {
    await page.goto(`${harness.url}#/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('band-sync').waitFor();
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('a: Skip to content');
    await expect(page.getByRole('link', { name: 'Skip to content' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('button: Hide menu');
    await expect(outline()).resolves.toMatch(/^solid [2-9]/);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('a: Automatic sync off');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('button: Switch environment…');
    await expect(outline()).resolves.toMatch(/^solid [2-9]/);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('a: Dashboard');
    await expect(outline()).resolves.toMatch(/^solid [2-9]/);
  });

  it('opens a screen from the navigation with Enter and lands on its heading', async () => {
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // Setup, Exports, History
    await expect(focused()).resolves.toBe('a: History');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await page.locator('h1:focus').waitFor();
    await expect(focused()).resolves.toBe('h1: History');
  });

  it('switches environment with the keyboard only, and Escape cancels without switching', async () => {
    await page.getByRole('button', { name: 'Switch environment…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Switch environment' }).waitFor();
    await page.getByRole('radio', { name: /Practice/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Sandbox/ }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(harness.core.settings.get('environment')).toBe('practice');
  });

  /** Keyboard only: Tab until the control named `name` has focus (no programmatic focus). */
  async function tabTo(name: RegExp, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (name.test(await focused())) return;
    }
    throw new Error(`Tab never reached ${name} (last: ${await focused()})`);
  }
  const press = async (name: RegExp) => {
    await tabTo(name);
    await page.keyboard.press('Enter');
  };
  const stepHeading = (text: string | RegExp) => page.getByRole('heading', { level: 2, name: text }).waitFor();

  it('completes the whole setup wizard with the keyboard only, finishing with automatic sync turned on after its preview', async () => {
    await page.goto(`${harness.url}#/setup/environment`);
    await stepHeading('Which company are you setting up?');
    await press(/^button: Continue in Practice$/);
    await stepHeading('Connect to QuickBooks Online');
    await press(/^button: Connect to the practice company$/);
    await page.getByTestId('connected-company').waitFor();
    await press(/^button: Continue$/);
    await stepHeading('Export format per store');
    for (const store of [1, 2, 3]) {
      await tabTo(new RegExp(`^select: Export format for store ${store}$`));
      await page.keyboard.press('ArrowUp'); // Off -> API-QBO in a native select
      await page.getByText(`${store} of 3 stores on API-QBO`).first().waitFor();
    }
    await press(/^button: Continue$/);
    await stepHeading('Export mode');
    // The recommended mode is already chosen: Continue saves it.
    await press(/^button: Continue$/);
    await stepHeading('Store classes');
    await press(/^button: Check in QuickBooks$/);
    await page.getByRole('button', { name: 'Create missing classes (2)' }).waitFor();
    await press(/^button: Create missing classes \(2\)$/);
    await page.getByText('3 of 3 classes ready').first().waitFor();
    await press(/^button: Continue$/);
    await stepHeading('Account mapping');
    await press(/^button: Automap$/);
    await page.getByText(/^0 not mapped$/).waitFor();
    await press(/^button: Continue$/);
    await stepHeading('Test export');
    await press(/^button: Preview \(dry run\)$/);
    await page.getByText('Will be posted').first().waitFor();
    await press(/^button: Post 1 entry to QuickBooks$/);
    await page.getByRole('dialog', { name: 'Post to QuickBooks?' }).waitFor();
    await press(/^button: Post now$/);
    await page.getByText(/^Posted 1 to QuickBooks/).waitFor({ timeout: 30_000 });
    await press(/^button: Continue$/);
    await stepHeading('Finish setup');
    await press(/^button: Turn on automatic sync…$/);
    const dialog = page.getByRole('dialog', { name: 'Turn on automatic sync?' });
    await dialog.getByText(/entries will be posted now/).waitFor();
    await press(/^button: Turn on and post \d+ entries$/);
    await dialog.waitFor({ state: 'detached' });
    await press(/^button: Finish setup$/);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(harness.core.settings.get('syncServicesOn')).toBe(true);
    expect((await harness.core.handlers['setup:get']({})).complete).toBe(true);
  }, 120_000);
});
