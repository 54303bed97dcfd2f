/**
 * intuit-oauth itself, pointed at the simulator through its static endpoint properties (restored
 * afterwards), exchanges a code and rotates refresh tokens. Its logging stays off (it writes ./logs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OAuthClient from 'intuit-oauth';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';

let sim: RunningSimulator;
const saved = {
  authorize: OAuthClient.authorizeEndpoint,
  token: OAuthClient.tokenEndpoint,
  revoke: OAuthClient.revokeEndpoint,
  retries: OAuthClient.retryConfig.maxRetries,
};
const REDIRECT = 'http://127.0.0.1:53682/callback';

beforeAll(async () => {
  sim = await startSimulator();
  OAuthClient.authorizeEndpoint = sim.authorizeUrl;
  OAuthClient.tokenEndpoint = sim.tokenUrl;
  OAuthClient.revokeEndpoint = sim.revokeUrl;
  OAuthClient.retryConfig.maxRetries = 0;
});
afterAll(async () => {
  OAuthClient.authorizeEndpoint = saved.authorize;
  OAuthClient.tokenEndpoint = saved.token;
  OAuthClient.revokeEndpoint = saved.revoke;
  OAuthClient.retryConfig.maxRetries = saved.retries;
  await sim.close();
});

function client(): OAuthClient {
  return new OAuthClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, environment: 'sandbox', redirectUri: REDIRECT, logging: false });
}

/** Follows the simulator's authorize redirect with plain HTTP, as the browser would. */
async function signIn(oauth: OAuthClient, state: string): Promise<string> {
  const url = oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state });
  expect(url.startsWith(sim.authorizeUrl)).toBe(true);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = res.headers.get('location')!;
  expect(location.startsWith(`${REDIRECT}?`)).toBe(true);
  return location;
}

async function grantError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { error?: string; authResponse?: { json?: { error?: string } } };
    return err.error || err.authResponse?.json?.error || String(e);
  }
  return 'no error';
}

describe('intuit-oauth against the simulator', () => {
  it('exchanges an authorization code for tokens and keeps the realmId and state', async () => {
    const oauth = client();
    const redirect = await signIn(oauth, 'state-123');
    const params = new URL(redirect).searchParams;
    expect(params.get('state')).toBe('state-123');
    expect(params.get('realmId')).toBe(sim.realmId);
    const res = await oauth.createToken(redirect);
    const token = res.getToken();
    expect(token.access_token).toBeTruthy();
    expect(token.refresh_token).toBeTruthy();
    expect(token.expires_in).toBe(3600);
    expect(token.x_refresh_token_expires_in).toBe(8726400);
    expect(oauth.getToken().realmId).toBe(sim.realmId);
    expect(oauth.isAccessTokenValid()).toBe(true);

    // The access token works on the API.
    const info = await fetch(`${sim.baseUrl}/v3/company/${sim.realmId}/companyinfo/${sim.realmId}`, {
      headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json' },
    });
    expect(info.status).toBe(200);

    // A code works once.
    expect(await grantError(client().createToken(redirect))).toBe('invalid_grant');
  });

  it('rotates the refresh token on every refresh', async () => {
    const oauth = client();
    await oauth.createToken(await signIn(oauth, 's'));
    const first = oauth.getToken().refresh_token!;
    await oauth.refresh();
    const second = oauth.getToken().refresh_token!;
    await oauth.refresh();
    const third = oauth.getToken().refresh_token!;
    expect(new Set([first, second, third]).size).toBe(3);
    // The paste path: a refresh token from elsewhere.
    const pasted = client();
    const res = await pasted.refreshUsingToken(sim.refreshToken);
    expect(res.getToken().refresh_token).not.toBe(sim.refreshToken);
  });

  it('rejects a code sent with a different redirect_uri, and unknown refresh tokens, with invalid_grant', async () => {
    const oauth = client();
    const redirect = await signIn(oauth, 's2');
    const other = new OAuthClient({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      environment: 'sandbox',
      redirectUri: 'http://127.0.0.1:1/other',
      logging: false,
    });
    expect(await grantError(other.createToken(redirect))).toBe('invalid_grant');
    expect(await grantError(client().refreshUsingToken('AB11-not-a-token'))).toBe('invalid_grant');
  });

  it('revoke kills the grant: its refresh token no longer works', async () => {
    const oauth = client();
    await oauth.createToken(await signIn(oauth, 's3'));
    const refresh = oauth.getToken().refresh_token!;
    await oauth.revoke({ refresh_token: refresh });
    expect(await grantError(client().refreshUsingToken(refresh))).toBe('invalid_grant');
  });
});
