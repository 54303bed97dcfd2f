import { secretAccount, secretService, type SecretRef, type SecretStore } from './secret-store';

/**
 * Keeps secrets in process memory only. For unit tests of code that takes a SecretStore; the app,
 * CLI and keychain tests always use KeytarSecretStore. It namespaces exactly like the keychain.
 */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  /** Every set() in order, so tests can check what was written when. */
  readonly writes: { key: string; value: string }[] = [];

  async get(ref: SecretRef): Promise<string | null> {
    return this.entries.get(key(ref)) ?? null;
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    this.entries.set(key(ref), value);
    this.writes.push({ key: key(ref), value });
  }

  async delete(ref: SecretRef): Promise<boolean> {
    return this.entries.delete(key(ref));
  }
}

function key(ref: SecretRef): string {
  return `${secretService(ref.environment)}|${secretAccount(ref)}`;
}
