/**
 * SecretStore in one JSON file readable only by its owner (0600, in the 0700 data folder), for servers
 * where no OS keychain exists. Chosen only by an explicit opt-in (credential-store-choice.ts). Writes
 * go to a 0600 temp file renamed over the old one under a lock file, so a crash never leaves half a
 * file and two por-qbo processes rotating a token never lose each other's write. Errors name the
 * file, never a value.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, fsyncSync } from 'node:fs';
import { ensurePrivateFile } from '../private-files';
import { SECRET_SERVICE_PREFIX, secretAccount, secretService, type SecretRef, type SecretStore } from './secret-store';

interface FileShape {
  version: 1;
  note: string;
  entries: Record<string, string>;
}

const NOTE = 'QuickBooks credentials of POR QBO Companion (credential store "file"). Keep this file private; delete it to forget them.';
const LOCK_WAIT_MS = 10_000;
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

export class FileSecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileSecretStoreError';
  }
}

export class FileSecretStore implements SecretStore {
  constructor(
    readonly path: string,
    private readonly servicePrefix = SECRET_SERVICE_PREFIX,
  ) {}

  async get(ref: SecretRef): Promise<string | null> {
    return this.read()[this.key(ref)] ?? null;
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    if (!value) throw new FileSecretStoreError(`Refusing to store an empty ${ref.kind} in ${this.path}`);
    const key = this.key(ref);
    await this.update((entries) => {
      entries[key] = value;
    });
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const key = this.key(ref);
    let removed = false;
    await this.update((entries) => {
      removed = Object.hasOwn(entries, key);
      delete entries[key];
    });
    return removed;
  }

  private key(ref: SecretRef): string {
    return `${secretService(ref.environment, this.servicePrefix)}|${secretAccount(ref)}`;
  }

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    // Someone loosened it (chmod, a copy): tighten it before reading secrets from it.
    if ((statSync(this.path).mode & 0o077) !== 0) ensurePrivateFile(this.path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      // The parser's message can quote the file's text: say only where.
      throw new FileSecretStoreError(`The credential file ${this.path} is not readable JSON. Delete it and connect again.`);
    }
    const entries = (parsed as Partial<FileShape> | null)?.entries;
    if (!entries || typeof entries !== 'object')
      throw new FileSecretStoreError(`The credential file ${this.path} has no entries. Delete it and connect again.`);
    return Object.fromEntries(Object.entries(entries).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }

  private async update(change: (entries: Record<string, string>) => void): Promise<void> {
    const release = await this.lock();
    try {
      const entries = this.read();
      change(entries);
      if (Object.keys(entries).length === 0) {
        rmSync(this.path, { force: true });
        return;
      }
      const body: FileShape = { version: 1, note: NOTE, entries };
      const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      const fd = openSync(temp, 'wx', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(body, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      ensurePrivateFile(this.path);
    } finally {
      release();
    }
  }

  private async lock(): Promise<() => void> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(lockPath, 'wx', 0o600));
        return () => rmSync(lockPath, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      try {
        if (Date.now() - statSync(lockPath).mtimeMs > STALE_LOCK_MS) rmSync(lockPath, { force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new FileSecretStoreError(`Another por-qbo process holds ${lockPath}; try again (delete the file if no por-qbo runs).`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
