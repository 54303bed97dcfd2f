/**
 * Windows' Credential Manager refuses entries over about 2,500 characters (keytar issue #112) and Intuit's
 * access tokens may be 4,096 long: connecting, refreshing and syncing must work against a keychain with
 * that limit, with tokens as long as the simulator issues (2,700-4,000 characters).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openQboConnection } from '../../../main/core/connection/open-connection';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import type { SecretRef, SecretStore } from '../../../main/core/secrets/secret-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { FAST_RETRY, connectToSimulator, simEndpoints } from '../sync/sync-fixture';

const WINDOWS_LIMIT = 2_500;

class SizeLimitedStore implements SecretStore {
  readonly inner = new MemorySecretStore();
  longest = 0;
  async get(ref: SecretRef) {
    return this.inner.get(ref);
  }
  async set(ref: SecretRef, value: string) {
    // What keytar reports on Windows for an oversized blob.
    if (value.length > WINDOWS_LIMIT) throw new Error('The stub received bad data.');
    this.longest = Math.max(this.longest, value.length);
    return this.inner.set(ref, value);
  }
  async delete(ref: SecretRef) {
    return this.inner.delete(ref);
  }
}

let sim: RunningSimulator | null = null;
let temp: ReturnType<typeof makeTempDir> | null = null;
afterEach(async () => {
  await sim?.close();
  temp?.remove();
  sim = null;
  temp = null;
});

describe("a keychain with Windows' size limit", () => {
  it('connects, refreshes and calls QuickBooks with 4,096-character-class access tokens; only what must persist is stored', async () => {
    sim = await startSimulator({ accessTokenTtlSeconds: 1 });
    temp = makeTempDir();
    const secrets = new SizeLimitedStore();
    const deps = { dataDir: temp.path, secrets, endpoints: simEndpoints(sim), env: {}, client: { retry: FAST_RETRY } };
    expect(sim.issueTokens().access_token.length).toBeGreaterThan(WINDOWS_LIMIT);
    await connectToSimulator('sandbox', sim, deps);
    const connection = (await openQboConnection('sandbox', deps))!;
    try {
      expect((await connection.client.companyInfo()).CompanyName).toBe(sim.companyName);
      // The access token lives a second: the next call refreshes and stores the rotated refresh token.
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await connection.client.companyInfo()).CompanyName).toBe(sim.companyName);
      expect(connection.tokens.refreshes).toBeGreaterThan(0);
    } finally {
      connection.close();
    }
    const stored = await secrets.get({ environment: 'sandbox', realmId: sim.realmId, kind: 'token' });
    expect(stored).not.toBeNull();
    expect(stored!).not.toContain('access_token');
    expect(secrets.longest).toBeLessThan(WINDOWS_LIMIT);
    // A new process (nothing in memory) starts from the keychain alone.
    const again = (await openQboConnection('sandbox', deps))!;
    try {
      expect((await again.client.companyInfo()).CompanyName).toBe(sim.companyName);
    } finally {
      again.close();
    }
  });
});
