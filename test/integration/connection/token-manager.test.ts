import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { deleteConnectionSecrets, type SecretRef, type SecretStore } from '../../../main/core/secrets/secret-store';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { parseStoredToken, serializeToken, toStoredToken, type StoredToken } from '../../../main/core/connection/oauth-token';
import { OAuthRequestError } from '../../../main/core/connection/oauth-transport';
import { TokenManager } from '../../../main/core/connection/token-manager';
import { QboClient } from '../../../main/core/qbo/qbo-client';

const DAY = 86_400_000;

/** The real keychain, with every operation noted in one shared event list. */
class RecordingStore implements SecretStore {
  constructor(
    private readonly inner: SecretStore,
    private readonly events: string[],
  ) {}
  get(ref: SecretRef) {
    return this.inner.get(ref);
  }
  async set(ref: SecretRef, value: string) {
    await this.inner.set(ref, value);
    if (ref.kind === 'token') this.events.push(`keychain:${parseStoredToken(value)?.refresh_token}`);
  }
  delete(ref: SecretRef) {
    return this.inner.delete(ref);
  }
}

describe.skipIf(!HAS_TEST_KEYRING)('TokenManager on the real keychain against the simulator', () => {
  let sim: RunningSimulator;
  let keychain: KeytarSecretStore;
  let events: string[];
  let store: RecordingStore;
  const env = 'sandbox' as const;

  beforeEach(async () => {
    sim = await startSimulator();
    keychain = new KeytarSecretStore();
    events = [];
    store = new RecordingStore(keychain, events);
    await keychain.set({ environment: env, realmId: sim.realmId, kind: 'client-id' }, sim.clientId);
    await keychain.set({ environment: env, realmId: sim.realmId, kind: 'client-secret' }, sim.clientSecret);
  });
  afterEach(async () => {
    await deleteConnectionSecrets(keychain, env, sim.realmId);
    await sim.close();
  });

  const tokenRef = () => ({ environment: env, realmId: sim.realmId, kind: 'token' as const });
  const saveToken = async (patch: Partial<StoredToken> = {}) => {
    const token = { ...toStoredToken(sim.issueTokens(), sim.realmId, Date.now()), ...patch };
    await keychain.set(tokenRef(), serializeToken(token));
    return token;
  };
  const manager = (options: Partial<ConstructorParameters<typeof TokenManager>[0]> = {}) =>
    new TokenManager({ environment: env, realmId: sim.realmId, secrets: store, oauth: new IntuitOAuthTransport(env, sim), ...options });

  it('serializes refreshes: 20 concurrent callers with an expired token share one refresh', async () => {
    await saveToken({ createdAt: Date.now() - 2 * 3600_000 });
    const tokens = manager();
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.getAccessToken()));
    expect(tokens.refreshes).toBe(1);
    expect(new Set(results).size).toBe(1);
    // The keychain keeps the rotated refresh token, never the access token (Windows' size limit).
    const raw = (await keychain.get(tokenRef()))!;
    expect(raw).not.toContain(results[0]!);
    expect(parseStoredToken(raw)!.access_token).toBe('');
  });

  it('stores the rotated token (whole, with createdAt) in the keychain before its access token is used', async () => {
    const old = await saveToken({ createdAt: Date.now() - 2 * 3600_000 });
    const tokens = manager();
    const loggingFetch: typeof fetch = (input, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      events.push(`request:${auth.replace(/^Bearer /, '')}`);
      return fetch(input, init);
    };
    const client = new QboClient({ realmId: sim.realmId, apiBaseUrl: sim.baseUrl, tokens, fetch: loggingFetch });
    const before = Date.now();
    await client.companyInfo();
    const saved = parseStoredToken(await keychain.get(tokenRef()))!;
    expect(saved.refresh_token).not.toBe(old.refresh_token);
    expect(saved.createdAt).toBeGreaterThanOrEqual(before);
    expect(saved).toMatchObject({ realmId: sim.realmId, token_type: 'bearer', expires_in: 3600 });
    expect(saved.x_refresh_token_expires_in).toBeGreaterThan(0);
    expect(saved.x_refresh_token_hard_expires_in).toBeGreaterThan(saved.x_refresh_token_expires_in); // the 5-year cap, asked for
    // The rotated refresh token was in the keychain before the new access token left in a request.
    const stored = events.indexOf(`keychain:${saved.refresh_token}`);
    const used = events.findIndex((e) => e.startsWith('request:') && e !== `request:${old.access_token}`);
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(used).toBeGreaterThan(stored);
    expect(await keychain.get(tokenRef())).not.toContain(events[used]!.slice('request:'.length));
  });

  it('refreshes once in a new process (no access token is kept), then ahead of expiry (5 minutes) and not before', async () => {
    await saveToken();
    let clock = Date.now();
    const tokens = manager({ now: () => clock });
    const first = await tokens.getAccessToken();
    expect(tokens.refreshes).toBe(1);
    clock += 50 * 60_000; // 10 min left
    expect(await tokens.getAccessToken()).toBe(first);
    expect(tokens.refreshes).toBe(1);
    clock += 6 * 60_000; // 4 min left
    expect(await tokens.getAccessToken()).not.toBe(first);
    expect(tokens.refreshes).toBe(2);
  });

  it('warns ahead of refresh-token expiry with days left, and keepAlive rolls the token forward', async () => {
    await saveToken({ x_refresh_token_expires_in: 10 * 86_400 + 3600 });
    const tokens = manager();
    const status = await tokens.status();
    expect(status).toMatchObject({ state: 'connected', hasToken: true, refreshTokenDaysLeft: 10, refreshTokenExpiringSoon: true });
    expect(await tokens.keepAlive()).toBe(true);
    const after = await tokens.status();
    expect(after.refreshTokenDaysLeft).toBeGreaterThan(90);
    expect(after.refreshTokenExpiringSoon).toBe(false);
    expect(await tokens.keepAlive()).toBe(false);
    expect(Date.parse(after.refreshTokenExpiresAt!) - Date.now()).toBeGreaterThan(90 * DAY);
  });

  it('the 5-year hard cap wins over the rolling expiry in the warning', async () => {
    await saveToken({ x_refresh_token_expires_in: 100 * 86_400, x_refresh_token_hard_expires_in: 3 * 86_400 + 3600 });
    expect(await manager().status()).toMatchObject({ refreshTokenDaysLeft: 3, refreshTokenExpiringSoon: true });
  });

  it('invalid_grant sets "reconnect needed" (event) and every later call gets the typed error', async () => {
    await saveToken({ refresh_token: 'AB11revoked000000000000000000000000000000000000', createdAt: Date.now() - 2 * 3600_000 });
    const tokens = manager();
    const seen: string[] = [];
    tokens.onChange((s) => seen.push(`${s.state}:${s.reconnectReason}`));
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ name: 'ReconnectNeededError' });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ name: 'ReconnectNeededError' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['reconnect-needed:Intuit no longer accepts the saved refresh token (invalid_grant)']);
  });

  it('refreshes with the refresh token another process (the CLI) rotated, not the one it loaded before', async () => {
    await sim.close();
    // Intuit keeps a rotated-out refresh token alive 24 h; here it dies at once, so only the rotated one works.
    sim = await startSimulator({ refreshGraceSeconds: 0 });
    await keychain.set({ environment: env, realmId: sim.realmId, kind: 'client-id' }, sim.clientId);
    await keychain.set({ environment: env, realmId: sim.realmId, kind: 'client-secret' }, sim.clientSecret);
    await saveToken({ createdAt: Date.now() - 2 * 3600_000 });
    const app = manager();
    await app.status(); // the app has loaded the token
    const cli = manager();
    await cli.refresh();
    expect(await app.getAccessToken()).toMatch(/^eyJ/);
    expect(app.refreshes).toBe(1);
  });

  it('disconnect revokes at the token server and deletes the secrets', async () => {
    const token = await saveToken();
    const tokens = manager();
    const result = await tokens.disconnect();
    expect(result).toEqual({ revoked: true, revokeError: null });
    for (const kind of ['token', 'client-id', 'client-secret'] as const) {
      expect(await keychain.get({ environment: env, realmId: sim.realmId, kind })).toBeNull();
    }
    const oauth = new IntuitOAuthTransport(env, sim);
    const err = await oauth.refresh({ clientId: sim.clientId, clientSecret: sim.clientSecret }, token.refresh_token, sim.realmId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthRequestError);
    expect((err as OAuthRequestError).isInvalidGrant).toBe(true);
    expect((await tokens.status()).state).toBe('disconnected');
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ name: 'ReconnectNeededError' });
  });
});
