import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { makeTempDir } from '../../helpers/temp-dir';
import { runCli } from '../../helpers/run-cli';
import { assertNoSecrets } from '../../../main/core/secrets/assert-no-secrets';
import { parseStdin } from '../../../main/core/cli/connect-command';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface SimulatorLine {
  baseUrl: string;
  tokenUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  companyName: string;
}

/** `por-qbo simulator` as a new user runs it: a child process printing one JSON line. */
function startSimulatorCli(): Promise<{ child: ChildProcess; line: string; info: SimulatorLine }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli.ts'), 'simulator'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('simulator did not print its JSON line in time')), 15_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        const line = out.slice(0, newline);
        resolve({ child, line, info: JSON.parse(line) as SimulatorLine });
      }
    });
    child.on('error', reject);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('parseStdin', () => {
  it('reads the simulator line, a JSON object or KEY=value lines', () => {
    expect(parseStdin('{"clientId":"a","clientSecret":"b","realmId":"1","refreshToken":"r","baseUrl":"x"}\n')).toEqual({
      clientId: 'a',
      clientSecret: 'b',
      realmId: '1',
      refreshToken: 'r',
    });
    expect(parseStdin('# from the playground\nclient_id=a\nPORQBO_CLIENT_SECRET = b\nrealm=1\nrefresh-token=r=\n')).toEqual({
      clientId: 'a',
      clientSecret: 'b',
      realmId: '1',
      refreshToken: 'r=',
    });
    expect(() => parseStdin('')).toThrow(/nothing arrived/);
    expect(() => parseStdin('no equals sign')).toThrow(/line 1: expected KEY=value/);
  });
});

describe.skipIf(!HAS_TEST_KEYRING)('por-qbo connect / disconnect against `por-qbo simulator`, end to end', () => {
  let sim: { child: ChildProcess; line: string; info: SimulatorLine };
  let temp: ReturnType<typeof makeTempDir>;
  let env: Record<string, string>;
  const outputs: string[] = [];

  beforeAll(async () => {
    sim = await startSimulatorCli();
    temp = makeTempDir();
    env = { PORQBO_DATA_DIR: temp.path, PORQBO_QBO_BASE_URL: sim.info.baseUrl, PORQBO_OAUTH_TOKEN_URL: sim.info.tokenUrl };
  }, 30_000);
  afterAll(async () => {
    if (sim.child.exitCode === null) {
      const exited = new Promise((r) => sim.child.once('exit', r));
      sim.child.kill('SIGTERM');
      await exited;
    }
    temp.remove();
  });

  const cli = async (args: string[], extraEnv: Record<string, string> = {}, input?: string) => {
    const result = await runCli(args, { ...env, ...extraEnv }, input);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  it('connects with the four values as flags and prints the company name', async () => {
    const { info } = sim;
    const result = await cli([
      'connect',
      '--env',
      'sandbox',
      '--client-id',
      info.clientId,
      '--client-secret',
      info.clientSecret,
      '--realm',
      info.realmId,
      '--refresh-token',
      info.refreshToken,
      '--insecure-argv',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; companyName: string; realmId: string; status: { state: string } };
    expect(json).toMatchObject({ ok: true, companyName: info.companyName, realmId: info.realmId, status: { state: 'connected' } });

    const status = await cli(['connect', '--status', '--env', 'sandbox', '--verify', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'connected', companyName: info.companyName, verified: { ok: true } });
  });

  it('refuses secrets in arguments (every user sees them in ps) unless --insecure-argv, and says how else to give them', async () => {
    const { info } = sim;
    const result = await cli([
      'connect',
      '--env',
      'sandbox',
      '--client-id',
      info.clientId,
      '--client-secret',
      info.clientSecret,
      '--realm',
      info.realmId,
      '--refresh-token',
      info.refreshToken,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/visible to every user of this PC/);
    expect(result.stderr).toMatch(/--stdin/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(info.clientSecret);
    expect(`${result.stdout}${result.stderr}`).not.toContain(info.refreshToken);
  });

  it('refuses more than 64 KB on standard input', async () => {
    const result = await cli(['connect', '--env', 'sandbox', '--stdin'], {}, `client_id=a\n${'x'.repeat(70 * 1024)}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/larger than 64 KB/);
  });

  it('takes the secrets from stdin (the simulator line piped in) and prints plain text', async () => {
    const result = await cli(['connect', '--env', 'practice', '--stdin'], {}, `${sim.line}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Connected to ${sim.info.companyName} (Practice (simulated company)), realm ${sim.info.realmId}.\nCredentials are in the system keychain.\n`,
    );
    const human = await cli(['connect', '--status', '--env', 'practice']);
    expect(human.stdout).toMatch(/^Connected to Practice Rental Co\. \(Practice \(simulated company\)\)\.\n {2}Company: {3}Practice Rental Co\. \(realm \d+\)/);
  });

  it('takes the secrets from environment variables', async () => {
    const { info } = sim;
    const result = await cli(['connect', '--env', 'sandbox', '--realm', info.realmId, '--json'], {
      PORQBO_CLIENT_ID: info.clientId,
      PORQBO_CLIENT_SECRET: info.clientSecret,
      PORQBO_REFRESH_TOKEN: info.refreshToken,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).ok).toBe(true);
  });

  it('explains bad values per field and exits 2', async () => {
    const result = await cli(['connect', '--env', 'sandbox', '--client-id', sim.info.clientId, '--realm', 'my company'], { PORQBO_CLIENT_SECRET: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Client Secret: missing');
    expect(result.stderr).toContain('Realm ID: is a number');
    expect(result.stderr).toContain('Refresh Token: missing');
    const badEnv = await cli(['connect', '--env', 'staging', '--json']);
    expect(badEnv.code).toBe(2);
    expect(JSON.parse(badEnv.stdout).error.message).toMatch(/--env must be/);
  });

  it('disconnects: revoked, keychain cleared, status says not connected; no secret in any file or output', async () => {
    const result = await cli(['disconnect', '--env', 'sandbox', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ wasConnected: true, revoked: true, companyName: sim.info.companyName });
    const status = await cli(['connect', '--status', '--env', 'sandbox', '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).state).toBe('not-connected');
    const again = await cli(['disconnect', '--env', 'sandbox']);
    expect(again.stdout).toBe('QuickBooks sandbox was not connected.\n');

    const files = filesUnder(temp.path);
    expect(files.length).toBeGreaterThan(1);
    assertNoSecrets(
      [...files.map((f) => ({ name: f, text: readFileSync(f) })), ...outputs.map((text, i) => ({ name: `cli output #${i}`, text }))],
      [sim.info.clientSecret, sim.info.refreshToken, sim.info.clientId],
    );
  });
});
