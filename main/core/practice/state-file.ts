/**
 * Practice mode keeps its simulated company across restarts: a JSON snapshot written after changes
 * (debounced) and atomically (temp file + rename), so a crash never leaves half a file. The file holds
 * no secret: tokens and the client secret are kept as one-way digests (secretDigest), enough to check
 * what a client presents after a restart, useless to whoever reads the file. Written 0600.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StateSaver {
  schedule(): void;
  flush(): Promise<void>;
}

/** A one-way digest of a token or secret (SHA-256, base64url: 43 characters). */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** True when a key is already a digest (43 base64url characters), not a token from an older file. */
export function isSecretDigest(key: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(key);
}

export function loadStateFile<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    // Unreadable state: keep it aside for inspection and start a fresh company.
    renameSync(path, `${path}.corrupt-${Date.now()}`);
    return undefined;
  }
}

export function createStateSaver(path: string, snapshot: () => unknown, debounceMs = 250): StateSaver {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;

  const write = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const tmp = `${path}.tmp-${process.pid}`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, JSON.stringify(snapshot()), { mode: 0o600 });
    await rename(tmp, path);
  };
  const run = (): Promise<void> => {
    writing = writing.then(write, write);
    return writing;
  };

  return {
    schedule() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, debounceMs);
      timer.unref();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      await run();
    },
  };
}
