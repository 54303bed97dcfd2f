import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PROCESSED_DIR = 'processed';
export const REJECTED_DIR = 'rejected';

/** Default inbox: `~/Documents/POR QBO Companion/inbox` (staff find it next to their other documents). */
export function defaultInboxDir(home: string = homedir()): string {
  return join(home, 'Documents', 'POR QBO Companion', 'inbox');
}

/** The configured inbox (settings `inboxDir`), else the default. */
export function resolveInboxDir(configured: string | null | undefined): string {
  return configured && configured.trim() ? configured : defaultInboxDir();
}

/** Creates the inbox with its processed/ and rejected/ folders. */
export function ensureInboxFolders(inboxDir: string): { inbox: string; processed: string; rejected: string } {
  const processed = join(inboxDir, PROCESSED_DIR);
  const rejected = join(inboxDir, REJECTED_DIR);
  mkdirSync(processed, { recursive: true });
  mkdirSync(rejected, { recursive: true });
  return { inbox: inboxDir, processed, rejected };
}
