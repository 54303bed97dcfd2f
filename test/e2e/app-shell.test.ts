import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { makeTempDir } from '../helpers/temp-dir';
import { seriousAxeViolations } from './helpers/axe';
import { ensureRendererBuilt, launchChromium, SCREENSHOT_DIR } from './helpers/chromium';

describe('app shell in real Chromium through the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const dir = makeTempDir();

  beforeAll(async () => {
    ensureRendererBuilt();
    harness = await startHarness({ dataDir: dir.path });
    ({ browser, close: closeBrowser } = await launchChromium());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await harness?.close();
    dir.remove();
  });

  it('loads, shows the environment and status, and round-trips a request through the contract', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await page.goto(`${harness.url}#/dashboard`);
    await expect(page.getByLabel('Current environment').textContent()).resolves.toContain('PRACTICE');
    // Nothing connected yet: the status says so plainly, and it is the same status the tray shows.
    await expect(page.getByTestId('sync-state').textContent()).resolves.toBe('Not connected');
    expect(harness.core.status.get().state).toBe('disconnected');
    // The footer fills when app:info answers; wait for it rather than reading it once.
    await page.locator('footer').filter({ hasText: dir.path }).waitFor();

    // env:set goes through the contract, the core changes settings and pushes status:changed back.
    await page.getByRole('button', { name: 'Switch environment…' }).click();
    await page.getByRole('radio', { name: /Sandbox/ }).check();
    await page.getByRole('button', { name: 'Switch to Sandbox' }).click();
    await page.getByText('SANDBOX', { exact: true }).waitFor();
    expect(harness.core.settings.get('environment')).toBe('sandbox');

    const shot = join(SCREENSHOT_DIR, 'app-shell.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot) && statSync(shot).size > 5000).toBe(true);
    expect(errors).toEqual([]);
  });

  it('settings show where the log is, and "Open log" asks the system to open that file', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${harness.url}#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const logFile = join(dir.path, 'logs', 'por-qbo.log');
    await expect(page.getByTestId('log-file').textContent()).resolves.toBe(logFile);
    expect(harness.openedPaths).toEqual([]);

    await page.getByRole('button', { name: 'Open log' }).click();
    await page.getByRole('status').filter({ hasText: 'Opened the log' }).waitFor();
    expect(harness.openedPaths).toEqual([logFile]);
    expect(statSync(logFile).isFile()).toBe(true);

    const shot = join(SCREENSHOT_DIR, 'settings-log.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot) && statSync(shot).size > 5000).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses requests the contract does not allow', async () => {
    const post = (channel: string, body: unknown) =>
      fetch(`${harness.url}api/invoke/${channel}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    await expect(post('env:set', { environment: 'production' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(post('env:set', { environment: 'mars', confirmed: true })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(post('shell:exec', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    // Secrets cross the bridge inbound only, and only well-formed: a malformed paste is refused before any handler runs.
    await expect(post('connection:paste', { clientId: 'a', clientSecret: 'b', realmId: '1 2', refreshToken: 'c' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    // Another local web page must not drive the core.
    const foreign = await fetch(`${harness.url}api/invoke/env:get`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    expect(harness.core.settings.get('environment')).toBe('sandbox');
  });
});
