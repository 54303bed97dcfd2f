/**
 * The opt-in credential file: a real file in a temp folder. It must be 0600 from its first byte, keep
 * environments and realms apart, survive a new process (a new instance), never lose a write when two
 * writers race, and never put a secret into an error message.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../main/core/secrets/file-secret-store';
import { deleteConnectionSecrets, type SecretRef } from '../../../main/core/secrets/secret-store';
import { makeTempDir } from '../../helpers/temp-dir';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function storeInTemp(): { store: FileSecretStore; path: string; dir: string } {
  const dir = makeTempDir('porqbo-secrets-');
  dirs.push(dir);
  const path = join(dir.path, 'credentials.json');
  return { store: new FileSecretStore(path), path, dir: dir.path };
}

const ref = (environment: SecretRef['environment'], realmId: string, kind: SecretRef['kind']): SecretRef => ({ environment, realmId, kind });
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('FileSecretStore', () => {
  it('round trip: what is set comes back, in a new instance too; environments, realms and kinds stay apart', async () => {
    const { store, path } = storeInTemp();
    expect(await store.get(ref('sandbox', '1', 'token'))).toBeNull();
    await store.set(ref('sandbox', '1', 'token'), 'sandbox-token-value');
    await store.set(ref('production', '1', 'token'), 'production-token-value');
    await store.set(ref('sandbox', '2', 'token'), 'other-realm-token');
    await store.set(ref('sandbox', '1', 'client-secret'), 'the-client-secret');
    await store.set(ref('sandbox', '1', 'token'), 'rotated-token-value');

    const again = new FileSecretStore(path);
    expect(await again.get(ref('sandbox', '1', 'token'))).toBe('rotated-token-value');
    expect(await again.get(ref('production', '1', 'token'))).toBe('production-token-value');
    expect(await again.get(ref('sandbox', '2', 'token'))).toBe('other-realm-token');
    expect(await again.get(ref('sandbox', '1', 'client-secret'))).toBe('the-client-secret');

    await deleteConnectionSecrets(again, 'sandbox', '1');
    expect(await store.get(ref('sandbox', '1', 'token'))).toBeNull();
    expect(await store.get(ref('sandbox', '1', 'client-secret'))).toBeNull();
    expect(await store.get(ref('production', '1', 'token'))).toBe('production-token-value');
    expect(await store.delete(ref('sandbox', '1', 'token'))).toBe(false);
  });

  it('is 0600 after every write, leaves no temp or lock file, and goes away with its last entry', async () => {
    const { store, path, dir } = storeInTemp();
    await store.set(ref('sandbox', '7', 'token'), 'first-value-123');
    expect(mode(path)).toBe(0o600);
    await store.set(ref('sandbox', '7', 'client-id'), 'client-id-value');
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
    expect(await store.delete(ref('sandbox', '7', 'token'))).toBe(true);
    expect(await store.delete(ref('sandbox', '7', 'client-id'))).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('tightens a file someone made readable to others before reading secrets from it', async () => {
    const { store, path } = storeInTemp();
    await store.set(ref('sandbox', '7', 'token'), 'value-that-matters');
    chmodSync(path, 0o644);
    expect(await store.get(ref('sandbox', '7', 'token'))).toBe('value-that-matters');
    expect(mode(path)).toBe(0o600);
  });

  it('two writers at once lose nothing (the lock serialises read-modify-write)', async () => {
    const { store, path } = storeInTemp();
    const other = new FileSecretStore(path);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? store : other).set(ref('sandbox', String(i), 'token'), `token-number-${i}`)));
    for (let i = 0; i < 30; i++) expect(await store.get(ref('sandbox', String(i), 'token'))).toBe(`token-number-${i}`);
    expect(mode(path)).toBe(0o600);
  });

  it('a broken file is named, its text never quoted; empty values and aliasing realms are refused', async () => {
    const { store, path } = storeInTemp();
    const secret = 'AB11secretlookingrefreshtoken0123456789';
    writeFileSync(path, `{"entries": {"x": "${secret}"`, { mode: 0o600 });
    const err = await store.get(ref('sandbox', '1', 'token')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).not.toContain(secret);
    expect(readFileSync(path, 'utf8')).toContain(secret); // left for the person to look at, not rewritten

    const fresh = storeInTemp().store;
    await expect(fresh.set(ref('sandbox', '1', 'token'), '')).rejects.toThrow(/empty token/);
    await expect(fresh.set(ref('sandbox', '1:token', 'client-id'), 'x-value-long')).rejects.toThrow(/Invalid realm ID/);
  });
});
