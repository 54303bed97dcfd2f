/**
 * The IT specialist's path on a server with no desktop and no keychain, with the BUILT CLI
 * (`node dist/cli.mjs`, as `npx por-qbo` runs it after `npm run build`) as real child processes in a
 * fresh data folder: the keychain refuses and names the opt-in, connect to the practice company with
 * the 0600 credential file, two stores with formats and classes, the export mode, the practice store's
 * POR files imported, automap, sync, reconciliation to the cent, status 0. Nothing else is used: no
 * test code writes to the ledger or QuickBooks. Finally no secret is in any output, log or other file.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECS } from '../../../main/core/cli/command-table';
import { PRACTICE_COMPANY_FILE } from '../../../main/core/session/environment-session';
import { assertNoSecrets } from '../../../main/core/secrets/assert-no-secrets';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A headless server: no D-Bus session, no display, so no keychain can be reached. */
function headlessEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORQBO_DATA_DIR: dataDir };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'PORQBO_CREDENTIAL_STORE', 'PORQBO_QBO_BASE_URL', 'PORQBO_OAUTH_TOKEN_URL'])
    delete env[name];
  return env;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('por-qbo, headless: a fresh install to posting with the built CLI alone', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  const outputs: string[] = [];

  const cli = (args: string[]): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: temp.path, env: headlessEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        outputs.push(stdout, stderr);
        resolve({ code: code ?? -1, stdout, stderr });
      });
    });

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
    const built = statSync(CLI).mtimeMs;
    const sources = [join(ROOT, 'main/cli.ts'), ...readdirSync(join(ROOT, 'main/core/cli')).map((f) => join(ROOT, 'main/core/cli', f))];
    const stale = sources.filter((f) => statSync(f).mtimeMs > built);
    if (stale.length) throw new Error(`${CLI} is older than ${stale[0]}: run "npm run build" again.`);
    temp = makeTempDir('porqbo-headless-');
    dataDir = join(temp.path, 'data');
  });
  afterAll(() => temp?.remove());

  it('every command answers --help with its usage, and exit code 0', async () => {
    for (const name of Object.keys(SPECS)) {
      const r = await cli([name, '--help']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: por-qbo ${name}\\b`));
      for (const option of Object.keys(SPECS[name as keyof typeof SPECS].options)) expect(r.stdout, `${name} --${option}`).toContain(`--${option}`);
    }
    const unknown = await cli(['sync', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --frobnicate for `por-qbo sync`; see `por-qbo sync --help`');
  }, 180_000);

  it('connects, sets up two stores, the mode and the mapping, posts and reconciles to the cent', async () => {
    // No keychain on this server: the error says so and names the opt-in; nothing is half-saved.
    const refused = await cli(['connect', '--env', 'practice']);
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toContain('The system keychain is not available');
    expect(refused.stderr).toContain('por-qbo connect --credential-store file');
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(false);

    const connect = await cli(['connect', '--env', 'practice', '--credential-store', 'file']);
    expect(connect.code, connect.stderr).toBe(0);
    expect(connect.stdout).toMatch(/^Connected to Practice Rental Co\. \(Practice \(simulated company\)\), realm \d+\.\n/);
    expect(connect.stdout).toContain(`Credentials are in ${join(dataDir, 'credentials.json')}, a file readable only by you`);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    // Remembered: later commands use the file without being told again.
    expect(JSON.parse((await cli(['info', '--json'])).stdout)).toMatchObject({ credentialStore: 'file', environment: 'practice' });
    const status = await cli(['connect', '--status', '--env', 'practice', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'connected', companyName: 'Practice Rental Co.' });

    const one = await cli(['stores', 'add', '1', '--format', 'API-QBO', '--class', 'Store 1:Burbank', '--name', 'Burbank', '--env', 'practice']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Added store 1 (Burbank): export format API-QBO, class Store 1:Burbank.');
    const two = await cli(['stores', 'add', '2', '--format', 'off', '--class', 'Store 2:Glendale', '--env', 'practice']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain('Its export is off');
    const again = await cli(['stores', 'add', '2', '--format', 'API-QBO', '--env', 'practice']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Store 2 exists already');
    const set = await cli(['stores', 'set', '2', '--format', 'API-QBO', '--name', 'Glendale', '--env', 'practice', '--json']);
    expect(set.code, set.stderr).toBe(0);
    const stores = JSON.parse(set.stdout) as { stores: { store: number; exportFormat: string; className: string; name: string }[] };
    expect(stores.stores.map((s) => [s.store, s.exportFormat, s.className, s.name])).toEqual([
      [1, 'API-QBO', 'Store 1:Burbank', 'Burbank'],
      [2, 'API-QBO', 'Store 2:Glendale', 'Glendale'],
    ]);

    const unconfirmed = await cli(['mode', 'transaction', '--env', 'practice']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--confirm-transaction-consequences');
    const mode = await cli(['mode', 'batch', '--env', 'practice', '--json']);
    expect(mode.code, mode.stderr).toBe(0);
    expect(JSON.parse(mode.stdout)).toMatchObject({ ok: true, mode: 'batch' });

    const folder = join(temp.path, 'por');
    const files = await cli(['practice-files', folder, '--days', '3', '--stores', '2', '--start', '2026-03-02']);
    expect(files.code, files.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['POR-feed-20260302.jsonl', 'POR-feed-20260303.jsonl', 'POR-feed-20260304.jsonl']);
    const imported = await cli(['import', folder, '--env', 'practice', '--json']);
    expect(imported.code, imported.stdout).toBe(0);
    expect((JSON.parse(imported.stdout) as { totals: { accepted: number; rejected: number } }).totals).toMatchObject({ rejected: 0 });

    // The chart of accounts is read from QuickBooks by map itself (never read before).
    const map = await cli(['map', '--auto', '--env', 'practice', '--json']);
    expect(map.code, map.stdout).toBe(0);
    const mapped = JSON.parse(map.stdout) as { ok: boolean; saved: unknown[]; unresolved: unknown[] };
    expect(mapped.ok).toBe(true);
    expect(mapped.saved.length).toBeGreaterThan(10);
    expect(mapped.unresolved).toEqual([]);

    const sync = await cli(['sync', '--once', '--env', 'practice', '--json']);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const sent = JSON.parse(sync.stdout) as { counts: { posted: number; queued: number; failed: number; held: number }; cycle: { drain: { posted: number } } };
    expect(sent.counts).toMatchObject({ queued: 0, failed: 0, held: 0 });
    expect(sent.cycle.drain.posted).toBeGreaterThanOrEqual(6); // at least one journal entry per store and day

    const twice = await cli(['sync', '--once', '--env', 'practice', '--json']);
    expect(twice.code, twice.stderr).toBe(0);
    expect((JSON.parse(twice.stdout) as { cycle: { drain: { posted: number } | null } }).cycle.drain?.posted ?? 0).toBe(0);

    const reconcile = await cli(['reconcile', '--env', 'practice', '--from', '2026-03-02', '--to', '2026-03-04', '--json']);
    expect(reconcile.code, reconcile.stderr).toBe(0);
    const report = JSON.parse(reconcile.stdout) as { match: boolean; totals: { porDebitCents: number; qboDebitCents: number }; days: { store: number }[] };
    expect(report.match).toBe(true);
    expect(report.totals.porDebitCents).toBeGreaterThan(0);
    expect(report.totals.qboDebitCents).toBe(report.totals.porDebitCents);
    expect(new Set(report.days.map((d) => d.store))).toEqual(new Set([1, 2]));

    const final = await cli(['status', '--env', 'practice']);
    expect(final.code, final.stdout + final.stderr).toBe(0);
    expect(final.stdout).toContain('Mode: batch');

    // The credentials are only in their 0600 file: not in any output, the log, the settings or the ledger.
    const entries = (JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { entries: Record<string, string> }).entries;
    const secrets = Object.entries(entries).flatMap(([key, value]) =>
      key.endsWith(':token')
        ? [(JSON.parse(value) as { refresh_token: string; access_token: string }).refresh_token, (JSON.parse(value) as { access_token: string }).access_token]
        : [value],
    );
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // (The practice simulator's own company file is QuickBooks' side of the line: it issued them.)
    const others = filesUnder(dataDir).filter((f) => !f.endsWith('credentials.json') && !f.endsWith(PRACTICE_COMPANY_FILE));
    expect(others.some((f) => f.endsWith('por-qbo.log'))).toBe(true);
    expect(others.some((f) => f.endsWith('.sqlite'))).toBe(true);
    assertNoSecrets([...others.map((f) => ({ name: f, text: readFileSync(f) })), ...outputs.map((text, i) => ({ name: `cli output #${i}`, text }))], secrets);

    // Verify asks the practice company (its simulator started from the data folder); disconnect revokes
    // there and empties the credential file, which then goes away.
    const verify = await cli(['connect', '--status', '--verify', '--json']);
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ state: 'connected', verified: { ok: true } });
    const disconnect = await cli(['disconnect', '--json']);
    expect(disconnect.code, disconnect.stderr).toBe(0);
    expect(JSON.parse(disconnect.stdout)).toMatchObject({ wasConnected: true, revoked: true });
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(false);
  }, 300_000);
});
