import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { makeTempDir } from '../../helpers/temp-dir';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { assertNoSecrets, type Haystack } from '../../../main/core/secrets/assert-no-secrets';
import { deleteConnectionSecrets, SECRET_KINDS } from '../../../main/core/secrets/secret-store';
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import { ConnectError } from '../../../main/core/connection/connect-error';
import { connectionRecordPath, readConnectionRecord } from '../../../main/core/connection/connection-record';
import { getConnectionStatus } from '../../../main/core/connection/connection-status';
import { disconnectEnvironment } from '../../../main/core/connection/disconnect';
import { openQboConnection } from '../../../main/core/connection/open-connection';
import { logFileOf, openFileLog } from '../../../main/core/log/file-log';
import { parseStoredToken } from '../../../main/core/connection/oauth-token';
import { describeSignIn } from '../../../main/core/connection/sign-in-connect';
import { ledgerReferenceStore } from '../../../main/core/qbo/reference-cache';
import { simulatorEndpoints, type QboEndpoints } from '../../../main/core/qbo/endpoints';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { openLedger } from '../../../main/core/ledger';
import { openSettings } from '../../../main/core/settings/settings-store';
import type { ConnectionDeps } from '../../../main/core/connection/connection-deps';
import type { Environment } from '../../../main/core/environment';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.skipIf(!HAS_TEST_KEYRING)('paste path: connect with the four values', () => {
  let sim: RunningSimulator;
  let temp: ReturnType<typeof makeTempDir>;
  let deps: ConnectionDeps;
  const keychain = new KeytarSecretStore();
  const env = 'sandbox' as const;

  beforeEach(async () => {
    sim = await startSimulator();
    temp = makeTempDir();
    deps = { dataDir: temp.path, secrets: keychain, env: {}, endpoints: simulatorEndpoints(sim), logger: openFileLog(temp.path) };
  });
  afterEach(async () => {
    await deleteConnectionSecrets(keychain, env, sim.realmId);
    await sim.close();
    temp.remove();
  });

  const pasted = () => ({ clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken });

  it('verifies (refresh + CompanyInfo), keeps secrets in the keychain only, and leaks none anywhere', async () => {
    const result = await connectWithPastedCredentials(env, pasted(), deps);
    expect(result).toMatchObject({ environment: env, realmId: sim.realmId, companyName: 'Practice Rental Co.', method: 'paste' });
    expect(result.status).toMatchObject({ state: 'connected', companyName: 'Practice Rental Co.', refreshTokenExpiringSoon: false });
    expect(result.status.refreshTokenDaysLeft).toBeGreaterThan(90);

    // Keychain: the rotated token (whole, with createdAt) and the app credentials.
    const token = parseStoredToken(await keychain.get({ environment: env, realmId: sim.realmId, kind: 'token' }))!;
    expect(token.refresh_token).not.toBe(sim.refreshToken);
    expect(token.createdAt).toBeGreaterThan(0);
    expect(await keychain.get({ environment: env, realmId: sim.realmId, kind: 'client-secret' })).toBe(sim.clientSecret);
    // Nothing for the other environments.
    for (const other of ['practice', 'production'] as const) {
      for (const kind of SECRET_KINDS) expect(await keychain.get({ environment: other, realmId: sim.realmId, kind })).toBeNull();
    }

    // The record: non-secret facts only, plus the custom endpoints for sandbox.
    const record = readConnectionRecord(temp.path, env)!;
    expect(record).toMatchObject({ realmId: sim.realmId, companyName: 'Practice Rental Co.', method: 'paste', reconnectNeeded: null });
    expect(record.endpoints?.apiBaseUrl).toBe(sim.baseUrl);

    // Use the connection the way the engine does, with the reference cache saved into the SQLite ledger.
    const settings = openSettings(temp.path);
    settings.set('environment', env);
    const ledger = openLedger(temp.path, env);
    const connection = (await openQboConnection(
      env,
      { ...deps, endpoints: undefined },
      { references: { store: ledgerReferenceStore(ledger.reference, sim.realmId) } },
    ))!;
    await connection.references.ensureLoaded();
    await connection.client.create('Customer', { DisplayName: 'Leak Check Customer' }, { requestId: 'leak-check-1' });
    connection.references.flush();
    expect(ledger.reference.list('Account').length).toBeGreaterThan(10);
    connection.tokens.markReconnectNeeded('test: forced'); // writes the record again, with a reason
    await new Promise((r) => setTimeout(r, 20));
    ledger.close();

    const ipc = {
      connectResult: result,
      status: await getConnectionStatus(env, deps),
      connectionStatus: await connection.status(),
      tokenStatus: await connection.tokens.status(),
      signIn: describeSignIn(env),
      error: new ConnectError('refresh-token-rejected', 'x').toJSON(),
    };
    connection.close();
    const files = filesUnder(temp.path);
    expect(files.some((f) => f.endsWith('.sqlite') || f.endsWith('.db'))).toBe(true);
    expect(files).toContain(connectionRecordPath(temp.path, env));
    expect(files).toContain(settings.path);
    expect(readFileSync(logFileOf(temp.path), 'utf8')).toContain('connection.connected');
    const haystacks: Haystack[] = [
      ...files.map((f) => ({ name: f, text: readFileSync(f) })),
      ...Object.entries(ipc).map(([name, value]) => ({ name: `ipc:${name}`, text: JSON.stringify(value) })),
    ];
    const current = parseStoredToken(await keychain.get({ environment: env, realmId: sim.realmId, kind: 'token' }))!;
    assertNoSecrets(haystacks, [
      sim.clientId,
      sim.clientSecret,
      sim.refreshToken,
      token.refresh_token,
      token.access_token,
      current.refresh_token,
      current.access_token,
    ]);
  });

  it('refuses malformed values with a message per field and touches nothing', async () => {
    const err = await connectWithPastedCredentials(env, { ...pasted(), realmId: 'abc', refreshToken: 'eyJhbGciOi.x.y' }, deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).code).toBe('invalid-credentials');
    expect((err as ConnectError).problems.map((p) => p.field)).toEqual(['realmId', 'refreshToken']);
    expect(readConnectionRecord(temp.path, env)).toBeNull();
  });

  it('names a wrong secret, a dead refresh token and a wrong realm, leaving the keychain as it was', async () => {
    const wrongSecret = await connectWithPastedCredentials(env, { ...pasted(), clientSecret: 'W'.repeat(40) }, deps).catch((e: ConnectError) => e);
    expect(wrongSecret).toMatchObject({ code: 'client-rejected' });
    const deadToken = await connectWithPastedCredentials(env, { ...pasted(), refreshToken: 'AB11' + 'x'.repeat(48) }, deps).catch((e: ConnectError) => e);
    expect(deadToken).toMatchObject({ code: 'refresh-token-rejected' });
    expect((deadToken as ConnectError).message).toMatch(/OAuth Playground/);

    const wrongRealm = await connectWithPastedCredentials(env, { ...pasted(), realmId: '4620816365171234567' }, deps).catch((e: ConnectError) => e);
    expect(wrongRealm).toMatchObject({ code: 'company-access-denied' });
    expect((wrongRealm as ConnectError).message).toContain('4620816365171234567');
    for (const kind of SECRET_KINDS) expect(await keychain.get({ environment: env, realmId: '4620816365171234567', kind })).toBeNull();
    expect(readConnectionRecord(temp.path, env)).toBeNull();
    const log = readFileSync(logFileOf(temp.path), 'utf8');
    expect(log).toContain('connection.connect-failed');
    assertNoSecrets(
      [
        { name: 'log', text: log },
        { name: 'errors', text: JSON.stringify([wrongSecret, deadToken, wrongRealm]) },
      ],
      [sim.clientSecret, sim.refreshToken, 'W'.repeat(40)],
    );
  });

  it('reports "not connected" when the simulator cannot be reached', async () => {
    await sim.close();
    const quick: ConnectionDeps = { ...deps, oauth: (e: Environment, endpoints: QboEndpoints) => new IntuitOAuthTransport(e, endpoints, { retryDelayMs: 5 }) };
    const err = await connectWithPastedCredentials(env, pasted(), quick).catch((e: ConnectError) => e);
    expect(err).toMatchObject({ code: 'network' });
    sim = await startSimulator(); // for afterEach
  });

  it('status, then disconnect: revoked, secrets and record gone', async () => {
    expect((await getConnectionStatus(env, deps)).state).toBe('not-connected');
    await connectWithPastedCredentials(env, pasted(), deps);
    const status = await getConnectionStatus(env, deps);
    expect(status).toMatchObject({ state: 'connected', realmId: sim.realmId, method: 'paste' });
    expect(status.message).toBe('Connected to Practice Rental Co. (QuickBooks sandbox).');

    const result = await disconnectEnvironment(env, deps);
    expect(result).toMatchObject({ wasConnected: true, revoked: true, realmId: sim.realmId, companyName: 'Practice Rental Co.' });
    for (const kind of SECRET_KINDS) expect(await keychain.get({ environment: env, realmId: sim.realmId, kind })).toBeNull();
    expect(readConnectionRecord(temp.path, env)).toBeNull();
    expect((await getConnectionStatus(env, deps)).state).toBe('not-connected');
    expect((await disconnectEnvironment(env, deps)).wasConnected).toBe(false);
  });

  it('a connection whose token died reports "reconnect needed" to the engine, and keeps it across restarts', async () => {
    await connectWithPastedCredentials(env, pasted(), deps);
    const connection = (await openQboConnection(env, deps))!;
    const reasons: string[] = [];
    connection.onReconnectNeeded((s) => reasons.push(s.reconnectReason ?? ''));
    sim.knobs.expireAccessTokens = true;
    await expect(connection.client.companyInfo()).rejects.toMatchObject({ name: 'ReconnectNeededError' });
    await new Promise((r) => setTimeout(r, 20));
    expect(reasons).toHaveLength(1);
    expect(readConnectionRecord(temp.path, env)?.reconnectNeeded?.reason).toMatch(/401/);
    const after = await getConnectionStatus(env, deps);
    expect(after.state).toBe('reconnect-needed');
    expect(after.message).toMatch(/Queued work is kept/);
    connection.close();

    // Reconnecting clears it.
    sim.knobs.expireAccessTokens = false;
    await connectWithPastedCredentials(env, { ...pasted(), refreshToken: sim.issueTokens().refresh_token }, deps);
    expect((await getConnectionStatus(env, deps)).state).toBe('connected');
  });
});
