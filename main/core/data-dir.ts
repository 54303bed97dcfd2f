import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ensurePrivateDir } from './private-files';

/**
 * Where the app keeps its settings and ledgers. PORQBO_DATA_DIR wins (tests, CLI, harness); the
 * Electron adapter passes app.getPath('userData') as the fallback so the CLI and the app agree.
 */
export function resolveDataDir(fallback?: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.PORQBO_DATA_DIR || fallback || defaultDataDir(env);
  mkdirSync(dir, { recursive: true });
  // Accounting data on a shared back-office PC: readable by this user only.
  ensurePrivateDir(dir);
  return dir;
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const name = 'POR QBO Companion';
  if (process.platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
}
