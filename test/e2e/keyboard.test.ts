/**
 * Keyboard only, in real Chromium: skip link, the main navigation, focus landing on each screen's heading,
 * a visible focus ring, the environment switch (arrows, Escape), and a setup step done without a mouse.
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
    page.evaluate(`(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + ': ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60) : ''; })()`) as Promise<string>;
  const outline = () => page.evaluate(`getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth`) as Promise<string>;

  it('starts with a skip link, then the environment band, then the navigation; every stop shows a focus ring', async () => {
    await page.goto(`${harness.url}#/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('a: Skip to content');
    await expect(page.getByRole('link', { name: 'Skip to content' }).isVisible()).resolves.toBe(true);
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

  it('connects the practice company in setup without a mouse', async () => {
    await page.goto(`${harness.url}#/setup/connect`);
    await page.getByRole('heading', { level: 2, name: 'Connect to QuickBooks Online' }).waitFor();
    await page.getByRole('button', { name: 'Connect to the practice company' }).focus();
    await expect(outline()).resolves.toMatch(/^solid [2-9]/);
    await page.keyboard.press('Enter');
    await page.getByTestId('connected-company').waitFor();
    const next = page.getByRole('button', { name: 'Continue', exact: true });
    await next.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Export format per store' }).waitFor();
    await page.getByLabel('Export format for store 1').focus();
    await page.keyboard.press('ArrowUp'); // Off -> API-QBO in a native select
    await page.getByText('1 of 3 stores on API-QBO').first().waitFor();
  });
});
