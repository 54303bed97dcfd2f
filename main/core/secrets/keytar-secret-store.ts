import { SECRET_SERVICE_PREFIX, SecretStoreUnavailableError, secretAccount, secretService, type SecretRef, type SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

/**
 * SecretStore on the OS keychain through keytar (Keychain on macOS, Credential Manager on Windows,
 * Secret Service on Linux). keytar is a native module, so it is loaded on first use only.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  constructor(private readonly servicePrefix = SECRET_SERVICE_PREFIX) {}

  async get(ref: SecretRef): Promise<string | null> {
    const keytar = await this.load();
    return this.call(() => keytar.getPassword(secretService(ref.environment, this.servicePrefix), secretAccount(ref)));
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    if (!value) throw new Error(`Refusing to store an empty ${ref.kind} in the keychain`);
    const keytar = await this.load();
    await this.call(() => keytar.setPassword(secretService(ref.environment, this.servicePrefix), secretAccount(ref), value));
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const keytar = await this.load();
    return this.call(() => keytar.deletePassword(secretService(ref.environment, this.servicePrefix), secretAccount(ref)));
  }

  private load(): Promise<Keytar> {
    this.keytar ??= import('keytar').then(
      (mod) => ((mod as { default?: Keytar }).default ?? mod) as Keytar,
      (err: unknown) => {
        this.keytar = null;
        throw new SecretStoreUnavailableError(`keytar failed to load: ${errorText(err)}`);
      },
    );
    return this.keytar;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      // keytar's errors describe the D-Bus/OS failure, never the value.
      throw new SecretStoreUnavailableError(errorText(err));
    }
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}
