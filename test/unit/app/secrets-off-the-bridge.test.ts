/**
 * The paste path sends the four values to main once; nothing secret ever comes back: not in a response,
 * an event, the settings file, the ledger, the connection record. Real simulator on loopback, real files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { ENDPOINT_ENV_VARS } from '../../../main/core/qbo/endpoints';
import { findSecretLeaks, type Haystack } from '../../../main/core/secrets/assert-no-secrets';
import { startTestCore, type TestCore } from './app-test-core';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets stay off the bridge', () => {
  let sim: RunningSimulator;
  let t: TestCore;
  const saved = { ...process.env };

  beforeAll(async () => {
    sim = await startSimulator({ realmId: '4620816365193729260' });
    // The sandbox environment pointed at the simulator, as PORQBO_QBO_BASE_URL allows for tests.
    process.env[ENDPOINT_ENV_VARS.apiBaseUrl] = sim.baseUrl;
    process.env[ENDPOINT_ENV_VARS.tokenUrl] = sim.tokenUrl;
    process.env[ENDPOINT_ENV_VARS.revokeUrl] = sim.revokeUrl;
    process.env[ENDPOINT_ENV_VARS.authorizeUrl] = sim.authorizeUrl;
    t = await startTestCore('sandbox');
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
    process.env = saved;
  });

  it('connects with the four pasted values and returns, emits and stores none of them outside the keychain', async () => {
    const pasted = { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.issueTokens().refresh_token };
    const info = await t.call('connection:paste', pasted);
    expect(info).toMatchObject({ environment: 'sandbox', connected: true, realmId: sim.realmId, companyName: sim.companyName, method: 'paste' });

    const responses: Haystack[] = [];
    for (const channel of [
      'connection:get',
      'status:get',
      'dashboard:get',
      'setup:get',
      'settings:get',
      'app:info',
      'cutover:get',
      'mapping:refresh-accounts',
      'stores:get',
    ] as const) {
      responses.push({ name: `ipc:${channel}`, text: JSON.stringify(await t.call(channel, {})) });
    }
    const events: Haystack = { name: 'ipc events', text: JSON.stringify(t.events) };
    const files: Haystack[] = filesUnder(t.dir).map((path) => ({ name: path, text: readFileSync(path) }));
    // Everything the keychain holds now (the rotated refresh token, the access token, the client secret).
    const keychain = [...t.secrets.entries.values()].flatMap((v) => {
      try {
        const token = JSON.parse(v) as Record<string, unknown>;
        return Object.values(token).filter((x): x is string => typeof x === 'string');
      } catch {
        return [v];
      }
    });
    const secrets = [pasted.clientSecret, pasted.refreshToken, ...keychain.filter((s) => s !== sim.realmId && s !== pasted.clientId)];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(files.some((f) => f.name.endsWith('ledger.sqlite'))).toBe(true);
    expect(findSecretLeaks([...responses, events, ...files], secrets)).toEqual([]);
    // The check can fail: the keychain itself does hold them.
    expect(findSecretLeaks([{ name: 'keychain', text: [...t.secrets.entries.values()].join('\n') }], [pasted.clientSecret])).not.toEqual([]);
  });

  it('refuses a malformed paste before any handler runs, naming the field but not the value', async () => {
    const refusal = (await t.raw('connection:paste', {
      clientId: 'ABcdefgh',
      clientSecret: 'secret value with spaces',
      realmId: '123',
      refreshToken: 'x',
    })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refusal.ok).toBe(false);
    expect(refusal.error.code).toBe('invalid-request');
    expect(refusal.error.message).toContain('clientSecret');
    expect(refusal.error.message).not.toContain('secret value');
  });

  it('reports a refused refresh token plainly, without echoing it', async () => {
    const bad = 'not-a-real-refresh-token-0123456789';
    const refusal = (await t.raw('connection:paste', { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: bad })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refusal.ok).toBe(false);
    expect(refusal.error.message.length).toBeGreaterThan(10);
    expect(refusal.error.message).not.toContain(bad);
  });
});

describe('Sign in with Intuit through the contract', () => {
  let sim: RunningSimulator;
  let t: TestCore;
  const saved = { ...process.env };

  beforeAll(async () => {
    sim = await startSimulator({ realmId: '4620816365193729261' });
    process.env[ENDPOINT_ENV_VARS.apiBaseUrl] = sim.baseUrl;
    process.env[ENDPOINT_ENV_VARS.tokenUrl] = sim.tokenUrl;
    process.env[ENDPOINT_ENV_VARS.revokeUrl] = sim.revokeUrl;
    process.env[ENDPOINT_ENV_VARS.authorizeUrl] = sim.authorizeUrl;
    t = await startTestCore('sandbox');
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
    process.env = saved;
  });

  it('opens the consent page through the host, receives the redirect on loopback, and connects', async () => {
    const pending = t.call('connection:sign-in', { clientId: sim.clientId, clientSecret: sim.clientSecret });
    for (let i = 0; i < 200 && t.opened.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.opened).toHaveLength(1);
    const consent = new URL(t.opened[0]!);
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/callback$/);
    expect(consent.searchParams.get('state')!.length).toBeGreaterThan(20);
    // The person approves in the browser: the simulator redirects to the app's loopback listener.
    const page = await fetch(consent);
    expect(page.ok).toBe(true);
    const info = await pending;
    expect(info).toMatchObject({ connected: true, method: 'sign-in', realmId: sim.realmId });
    expect(JSON.stringify(info)).not.toContain(sim.clientSecret);
  });

  it('lets a waiting sign-in be cancelled', async () => {
    await t.call('connection:disconnect', { confirmed: true });
    const pending = t.raw('connection:sign-in', { clientId: sim.clientId, clientSecret: sim.clientSecret });
    for (let i = 0; i < 200 && t.opened.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await expect(t.call('connection:sign-in-cancel', {})).resolves.toMatchObject({ accepted: true });
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'sign-in-cancelled' } });
    expect((await t.call('connection:get', {})).info.connected).toBe(false);
  });
});
