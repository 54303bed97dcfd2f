import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function lint(code: string, filePath: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return result!.messages.map((m) => m.ruleId);
}

describe('main/core never imports electron (lint rule)', () => {
  it.each([
    "import { app } from 'electron';\nexport const x = app;",
    "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;",
    "export const load = () => import('electron');",
    "export const e = require('electron');",
    "import { ipcMain } from 'electron/main';\nexport const i = ipcMain;",
  ])(
    'fails for %s in main/core',
    async (code) => {
      const rules = await lint(code, 'main/core/planted.ts');
      expect(rules.some((r) => r === 'no-restricted-imports' || r === 'no-restricted-syntax')).toBe(true);
    },
    60_000,
  );

  it('allows electron in the adapters, the entry and the preload', async () => {
    for (const file of ['main/electron/planted.ts', 'main/index.ts', 'preload/planted.ts']) {
      expect(await lint("import { app } from 'electron';\nexport const x = app;", file)).toEqual([]);
    }
  }, 60_000);
});
