import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { startClient } from './sim-client';

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

    const b = await startClient({ stateFile });
    expect([b.sim.clientId, b.sim.clientSecret, b.sim.realmId]).toEqual([clientId, clientSecret, realmId]);
    expect(b.sim.list('Customer').filter((x) => x.DisplayName === 'Persistent Customer')).toHaveLength(1);
    // The refresh token the app stored before the restart still works.
    expect((await b.token({ grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token) })).status).toBe(200);
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
