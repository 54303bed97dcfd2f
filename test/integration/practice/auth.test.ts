import { afterEach, describe, expect, it } from 'vitest';
import { basicAuth, startClient, type SimClient } from './sim-client';

let c: SimClient | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

/** A clock the test moves by hand, so expiry is tested without waiting. */
function manualClock(start = Date.parse('2026-03-14T12:00:00Z')): { now: () => number; advance: (s: number) => void } {
  let t = start;
  return { now: () => t, advance: (s) => (t += s * 1000) };
}

describe('token endpoint', () => {
  it('refresh rotates: new token every time; the old one works through the grace period, then dies', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, refreshGraceSeconds: 3600 });
    const r1 = await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect(r1.headers.get('intuit_tid')).toBeTruthy();
    expect(r1.headers.get('cache-control')).toBe('no-store');
    const rotated = String(r1.body.refresh_token);
    expect(rotated).not.toBe(c.sim.refreshToken);
    // The pasted token still works within the grace period (a lost response must not lock the user out).
    clock.advance(1800);
    expect((await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken })).status).toBe(200);
    clock.advance(1801);
    const dead = await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken });
    expect(dead.status).toBe(400);
    expect(dead.body).toEqual({ error: 'invalid_grant' });
    expect((await c.token({ grant_type: 'refresh_token', refresh_token: rotated })).status).toBe(200);
  });

  it('refresh tokens expire after x_refresh_token_expires_in', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, refreshTokenTtlSeconds: 100 });
    const r = await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken });
    clock.advance(101);
    expect((await c.token({ grant_type: 'refresh_token', refresh_token: String(r.body.refresh_token) })).body).toEqual({ error: 'invalid_grant' });
  });

  it('a grant ends at its hard expiry however often it is refreshed; the header reports what is left', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now, grantHardTtlSeconds: 1000, refreshTokenTtlSeconds: 600 });
    const res = await fetch(c.sim.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: basicAuth(c.sim.clientId, c.sim.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        'x-include-refresh-token-hard-expires-in': 'true',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken }),
    });
    const first = (await res.json()) as Record<string, unknown>;
    expect(first.x_refresh_token_hard_expires_in).toBe(1000);
    expect((await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken })).body.x_refresh_token_hard_expires_in).toBeUndefined();
    let refresh = String(first.refresh_token);
    clock.advance(500);
    const second = await c.token({ grant_type: 'refresh_token', refresh_token: refresh });
    // Rolling expiry is capped by the hard expiry.
    expect(second.body.x_refresh_token_expires_in).toBe(500);
    refresh = String(second.body.refresh_token);
    clock.advance(500);
    expect((await c.token({ grant_type: 'refresh_token', refresh_token: refresh })).body).toEqual({ error: 'invalid_grant' });
  });

  it('wrong client credentials: 401 invalid_client; unknown grant type: unsupported_grant_type', async () => {
    c = await startClient();
    const bad = await c.token({ grant_type: 'refresh_token', refresh_token: c.sim.refreshToken }, basicAuth(c.sim.clientId, 'wrong'));
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: 'invalid_client' });
    expect((await c.token({ grant_type: 'password' })).body).toEqual({ error: 'unsupported_grant_type' });
  });

  it('authorize redirects with code, state and realmId; codes are single use and tied to redirect_uri', async () => {
    c = await startClient();
    const redirect = 'http://localhost:8123/cb';
    const url = `${c.sim.authorizeUrl}?${new URLSearchParams({ client_id: c.sim.clientId, response_type: 'code', scope: 'com.intuit.quickbooks.accounting', redirect_uri: redirect, state: 'xyz' })}`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('realmId')).toBe(c.sim.realmId);
    const code = back.searchParams.get('code')!;
    const wrongUri = await c.token({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:8123/other' });
    expect(wrongUri.body).toEqual({ error: 'invalid_grant' });
    // A mismatched attempt burns the code, as a replayed code would be.
    expect((await c.token({ grant_type: 'authorization_code', code, redirect_uri: redirect })).body).toEqual({ error: 'invalid_grant' });
    const unknownClient = await fetch(url.replace(c.sim.clientId, 'nobody'), { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
  });
});

describe('API authentication', () => {
  it('401 with the gateway body when the bearer token is missing, unknown or expired; intuit_tid always', async () => {
    const clock = manualClock();
    c = await startClient({ now: clock.now });
    const missing = await fetch(`${c.sim.baseUrl}/v3/company/${c.sim.realmId}/companyinfo/${c.sim.realmId}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('intuit_tid')).toBeTruthy();
    expect(await missing.json()).toMatchObject({ code: 'AuthenticationFailed', type: 'INPUT' });
    expect((await c.api('GET', 'preferences', undefined, 'not-a-token')).status).toBe(401);
    expect((await c.api('GET', 'preferences')).status).toBe(200);
    clock.advance(3601);
    const expired = await c.api('GET', 'preferences');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'AuthenticationFailed', detail: 'Token expired' });
  });

  it('the expireAccessTokens knob makes every token expired until switched off', async () => {
    c = await startClient();
    c.sim.knobs.expireAccessTokens = true;
    expect((await c.api('GET', 'preferences')).status).toBe(401);
    c.sim.knobs.expireAccessTokens = false;
    expect((await c.api('GET', 'preferences')).status).toBe(200);
  });

  it('a token for one realm does not open another: 401 AuthenticationFault code 100', async () => {
    c = await startClient();
    const res = await fetch(`${c.sim.baseUrl}/v3/company/1111111111/companyinfo/1111111111`, { headers: { authorization: `Bearer ${c.accessToken}` } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { Fault: { type: string; Error: { code: string }[] } };
    expect(body.Fault.type).toBe('AuthenticationFault');
    expect(body.Fault.Error[0]!.code).toBe('100');
  });

  it('revoking the access token revokes the grant (refresh token too)', async () => {
    c = await startClient();
    const revoke = await fetch(c.sim.revokeUrl, {
      method: 'POST',
      headers: { authorization: basicAuth(c.sim.clientId, c.sim.clientSecret), 'content-type': 'application/json' },
      body: JSON.stringify({ token: c.accessToken }),
    });
    expect(revoke.status).toBe(200);
    expect((await c.api('GET', 'preferences')).status).toBe(401);
  });
});
