import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-results');
/**
 * Screenshots of every screen, shown in the README. A test run writes them to test-results/ (the git tree
 * stays clean); `npm run screenshots` sets PORQBO_SCREENSHOTS=docs to refresh docs/screenshots.
 */
export const DOCS_SCREENSHOT_DIR = process.env.PORQBO_SCREENSHOTS === 'docs' ? join(ROOT, 'docs', 'screenshots') : join(SCREENSHOT_DIR, 'screens');

/**
 * Debian's Chromium, headless, no background network (this machine has none). Playwright gives every
 * launch a fresh temporary profile (it refuses --user-data-dir for launch()).
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (see README)`);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/** The e2e tests drive the built renderer; build it if a plain `vitest run` comes first. */
export function ensureRendererBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--renderer-only'], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
}
