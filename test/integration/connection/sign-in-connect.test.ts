import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { makeTempDir } from '../../helpers/temp-dir';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simulatorEndpoints } from '../../../main/core/qbo/endpoints';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { assertNoSecrets } from '../../../main/core/secrets/assert-no-secrets';
import { deleteConnectionSecrets } from '../../../main/core/secrets/secret-store';
import { PRODUCTION_SIGN_IN_NOTE, describeSignIn, startSignIn } from '../../../main/core/connection/sign-in-connect';
import { ConnectError } from '../../../main/core/connection/connect-error';
import { readConnectionRecord } from '../../../main/core/connection/connection-record';
import { parseStoredToken } from '../../../main/core/connection/oauth-token';
import type { ConnectionDeps } from '../../../main/core/connection/connection-deps';
import { connectToPracticeSimulator } from '../../../main/core/connection/practice-connect';
import { openQboConnection } from '../../../main/core/connection/open-connection';

/** Plays the system browser: opens the authorize URL, follows Intuit's redirect to our listener. */
function browser(pages: string[]) {
  return async (url: string) => {
    void fetch(url).then(
      async (res) => pages.push(`${res.status} ${await res.text()}`),
      (err: unknown) => pages.push(`error ${String(err)}`),
    );
  };
}

describe.skipIf(!HAS_TEST_KEYRING)('Sign in with Intuit (system browser + loopback redirect)', () => {
  let sim: RunningSimulator;
  let temp: ReturnType<typeof makeTempDir>;
  let deps: ConnectionDeps;
  const keychain = new KeytarSecretStore();

  beforeEach(async () => {
    sim = await startSimulator();
    temp = makeTempDir();
    deps = { dataDir: temp.path, secrets: keychain, env: {}, endpoints: simulatorEndpoints(sim) };
  });
  afterEach(async () => {
    for (const env of ['practice', 'sandbox'] as const) await deleteConnectionSecrets(keychain, env, sim.realmId);
    await sim.close();
    temp.remove();
  });

  it('tells the UI which redirect URI to register, and that production needs the paste path', () => {
    const sandbox = describeSignIn('sandbox');
    expect(sandbox).toMatchObject({
      available: true,
      redirectUri: 'http://localhost:47611/callback',
      mustRegisterRedirectUri: true,
      productionNeedsHttps: false,
      alternateRedirectUris: ['http://localhost:47612/callback', 'http://localhost:47613/callback'],
    });
    expect(sandbox.notes[0]).toContain('add this Redirect URI exactly: http://localhost:47611/callback');
    expect(sandbox.notes.join(' ')).toMatch(/https/);
    expect(describeSignIn('production')).toMatchObject({ available: false, redirectUri: null, productionNeedsHttps: true, notes: [PRODUCTION_SIGN_IN_NOTE] });
    expect(describeSignIn('practice').mustRegisterRedirectUri).toBe(false);
  });

  it('signs in: state checked, code exchanged by intuit-oauth, realmId kept, then refresh + CompanyInfo', async () => {
    const pages: string[] = [];
    let opened = '';
    const session = await startSignIn(
      'sandbox',
      {
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        ports: [0],
        timeoutMs: 10_000,
        openExternal: (url) => {
          opened = url;
          return browser(pages)(url);
        },
      },
      deps,
    );
    expect(session.info.redirectUri).toMatch(/^http:\/\/localhost:\d+\/callback$/);
    expect(session.info.mustRegisterRedirectUri).toBe(true);
    const authorize = new URL(opened);
    expect(authorize.origin + authorize.pathname).toBe(sim.authorizeUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe(session.info.redirectUri);
    expect(authorize.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(authorize.searchParams.get('state')!.length).toBeGreaterThanOrEqual(40);

    const result = await session.result;
    expect(result).toMatchObject({ environment: 'sandbox', realmId: sim.realmId, companyName: 'Practice Rental Co.', method: 'sign-in' });
    await expect.poll(() => pages.length).toBe(1);
    expect(pages[0]).toMatch(/^200 .*connected to Practice Rental Co\./);
    expect(readConnectionRecord(temp.path, 'sandbox')).toMatchObject({ method: 'sign-in', realmId: sim.realmId });
    const token = parseStoredToken(await keychain.get({ environment: 'sandbox', realmId: sim.realmId, kind: 'token' }))!;
    expect(token.realmId).toBe(sim.realmId);
    assertNoSecrets(
      [
        { name: 'ipc:result', text: JSON.stringify(result) },
        { name: 'ipc:info', text: JSON.stringify(session.info) },
        { name: 'page', text: pages[0]! },
      ],
      [sim.clientSecret, token.refresh_token, token.access_token, sim.clientId],
    );
  });

  it('a forged callback (wrong state) is refused and the real one still completes', async () => {
    const session = await startSignIn(
      'practice',
      {
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        ports: [0],
        timeoutMs: 10_000,
        openExternal: async (url) => {
          const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!.replace('localhost', '127.0.0.1'));
          const forged = await fetch(`${redirect.href}?code=stolen&realmId=1&state=${'x'.repeat(43)}`);
          expect(forged.status).toBe(400);
          void fetch(url);
        },
      },
      deps,
    );
    await expect(session.result).resolves.toMatchObject({ method: 'sign-in', environment: 'practice' });
  });

  it('reports a declined consent, a timeout and a cancel as typed errors', async () => {
    const declined = await startSignIn(
      'sandbox',
      {
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        ports: [0],
        timeoutMs: 10_000,
        openExternal: (url) => {
          const u = new URL(url);
          const redirect = u.searchParams.get('redirect_uri')!.replace('localhost', '127.0.0.1');
          void fetch(`${redirect}?error=access_denied&state=${u.searchParams.get('state')}`);
        },
      },
      deps,
    );
    await expect(declined.result).rejects.toMatchObject({ code: 'sign-in-denied' });

    const timedOut = await startSignIn(
      'sandbox',
      { clientId: sim.clientId, clientSecret: sim.clientSecret, ports: [0], timeoutMs: 150, openExternal: () => {} },
      deps,
    );
    await expect(timedOut.result).rejects.toMatchObject({ code: 'sign-in-timeout' });

    const cancelled = await startSignIn(
      'sandbox',
      { clientId: sim.clientId, clientSecret: sim.clientSecret, ports: [0], timeoutMs: 10_000, openExternal: () => {} },
      deps,
    );
    await cancelled.cancel();
    await expect(cancelled.result).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    expect(readConnectionRecord(temp.path, 'sandbox')).toBeNull();
  });

  it('refuses production (https redirect needed) and bad app credentials before opening a browser', async () => {
    let opened = false;
    const open = () => {
      opened = true;
    };
    await expect(startSignIn('production', { clientId: sim.clientId, clientSecret: sim.clientSecret, openExternal: open }, deps)).rejects.toMatchObject({
      code: 'sign-in-unavailable',
      message: PRODUCTION_SIGN_IN_NOTE,
    });
    const err = await startSignIn('sandbox', { clientId: 'bad id', clientSecret: sim.clientSecret, openExternal: open }, deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).problems[0]?.field).toBe('clientId');
    expect(opened).toBe(false);
  });

  it('practice mode connects to the in-process simulator through the paste path', async () => {
    const result = await connectToPracticeSimulator(sim, { dataDir: temp.path, secrets: keychain, env: {} });
    expect(result).toMatchObject({ environment: 'practice', companyName: 'Practice Rental Co.', method: 'paste' });
    const connection = (await openQboConnection('practice', { ...deps }))!;
    expect((await connection.client.companyInfo()).CompanyName).toBe('Practice Rental Co.');
    connection.close();
  });

  it('a wrong client secret fails at the code exchange and the browser tab says so', async () => {
    const pages: string[] = [];
    const session = await startSignIn(
      'sandbox',
      { clientId: sim.clientId, clientSecret: 'W'.repeat(40), ports: [0], timeoutMs: 10_000, openExternal: browser(pages) },
      deps,
    );
    await expect(session.result).rejects.toMatchObject({ code: 'client-rejected' });
    await expect.poll(() => pages.length).toBe(1);
    expect(pages[0]).toMatch(/^400 .*Not connected/);
  });
});
