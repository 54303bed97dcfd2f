/**
 * Where an Electron binary exists, the real app starts under Playwright's `_electron`: one hardened
 * window on app://, the bridge and nothing else in the page. Installs made with
 * ELECTRON_SKIP_BINARY_DOWNLOAD (CI, this repository's machines) have no binary: the test says so and
 * skips. (It never calls require('electron'): that downloads the binary when it is missing.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL } from '../../preload/contract';
import { makeTempDir } from '../helpers/temp-dir';
import { ROOT } from './boot-shell';

function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

describe.skipIf(!binary)('the desktop app in a real Electron (skipped: no Electron binary in node_modules/electron/dist)', () => {
  it('opens one hardened window on app:// that sees only the bridge', async () => {
    const { _electron } = await import('playwright-core');
    const data = makeTempDir('porqbo-electron-');
    const app = await _electron.launch({
      executablePath: binary!,
      args: [ROOT],
      env: { ...process.env, PORQBO_DATA_DIR: data.path } as Record<string, string>,
    });
    try {
      const window = await app.firstWindow();
      expect(window.url()).toBe('app://renderer/index.html');
      const page = await window.evaluate(
        (name) => ({
          bridge: Object.keys((window as unknown as Record<string, object>)[name] ?? {}).sort(),
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
        }),
        BRIDGE_GLOBAL,
      );
      expect(page).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      data.remove();
    }
  });
});
