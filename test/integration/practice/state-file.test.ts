import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { basicAuth, startClient } from './sim-client';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('practice state file', () => {
  it('keeps the company, credentials, tokens and requestid memory across restarts', async () => {
    const stateFile = join(dir.path, 'practice', 'qbo-simulator.json');
    const a = await startClient({ stateFile });
    const created = await a.api('POST', 'customer?requestid=keep-1', { DisplayName: 'Persistent Customer' });
    expect(created.status).toBe(200);
    const refreshed = await a.token({ grant_type: 'refresh_token', refresh_token: a.sim.refreshToken });
    const { clientId, clientSecret, realmId } = a.sim;
    await a.close();
    expect(existsSync(stateFile)).toBe(true);
    expect(readdirTmp(dir.path)).toEqual([]);

    // The file holds no secret: not the client secret, not a refresh token, not an access token.
    const text = readFileSync(stateFile, 'utf8');
    for (const secret of [clientSecret, a.sim.refreshToken, String(refreshed.body.refresh_token), String(refreshed.body.access_token), a.accessToken]) {
      expect(text).not.toContain(secret);
    }
    expect(statSync(stateFile).mode & 0o077).toBe(0);

    const b = await startClient({ stateFile });
    expect([b.sim.clientId, b.sim.realmId]).toEqual([clientId, realmId]);
    expect(b.sim.list('Customer').filter((x) => x.DisplayName === 'Persistent Customer')).toHaveLength(1);
    // The client secret and refresh token the app stored before the restart still work (checked by digest).
    expect(
      (await b.token({ grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token) }, basicAuth(clientId, clientSecret))).status,
    ).toBe(200);
    expect((await b.token({ grant_type: 'refresh_token', refresh_token: 'AB11-not-a-token' }, basicAuth(clientId, clientSecret))).status).toBe(400);
    expect((await b.token({ grant_type: 'refresh_token', refresh_token: b.sim.refreshToken }, basicAuth(clientId, 'wrong-secret'))).status).toBe(401);
    // A retry after the restart is still recognised.
    const replay = await b.api('POST', 'customer?requestid=keep-1', { DisplayName: 'Persistent Customer' });
    expect(replay.body.Customer.Id).toBe(created.body.Customer.Id);
    await b.close();
  });

  it('a corrupt state file is set aside and a fresh company starts', async () => {
    const stateFile = join(dir.path, 'sim.json');
    writeFileSync(stateFile, '{"version":1, "store": ');
    const c = await startClient({ stateFile });
    expect(c.sim.list('Account').length).toBeGreaterThan(10);
    await c.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1);
    expect(readdirSync(dir.path).some((n) => n.startsWith('sim.json.corrupt-'))).toBe(true);
  });
});

function readdirTmp(path: string): string[] {
  const walk = (p: string): string[] => readdirSync(p, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(p, e.name)) : [e.name]));
  return walk(path).filter((n) => n.includes('.tmp-'));
}

describe('practice state file from before secrets were kept out', () => {
  it('an older file with the secret and tokens in it still reconnects, and is rewritten without them', async () => {
    const stateFile = join(dir.path, 'old.json');
    const a = await startClient({ stateFile });
    const { clientId, clientSecret } = a.sim;
    const refreshed = await a.token({ grant_type: 'refresh_token', refresh_token: a.sim.refreshToken });
    await a.close();
    // Rewrite it as the old format had it: the client secret and raw tokens as keys.
    const old = JSON.parse(readFileSync(stateFile, 'utf8'));
    delete old.clientSecretDigests;
    old.clientSecret = clientSecret;
    const token = String(refreshed.body.refresh_token);
    const entry = Object.values(old.oauth.refresh).at(-1);
    old.oauth.refresh = { [token]: entry };
    writeFileSync(stateFile, JSON.stringify(old));

    const b = await startClient({ stateFile });
    expect((await b.token({ grant_type: 'refresh_token', refresh_token: token }, basicAuth(clientId, clientSecret))).status).toBe(200);
    await b.close();
    const text = readFileSync(stateFile, 'utf8');
    expect(text).not.toContain(clientSecret);
    expect(text).not.toContain(token);
  });
});
