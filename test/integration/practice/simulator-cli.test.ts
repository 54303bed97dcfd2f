/**
 * `por-qbo simulator` runs in the foreground, prints one JSON line with the paste-path values, and
 * keeps serving until SIGTERM. A new user can connect with exactly those values.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { basicAuth } from './sim-client';
import { SIMULATOR_PROFILES } from '../../../main/core/practice/profiles';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts the command like test/helpers/run-cli.ts does, and resolves with its first stdout line. */
function startCli(args: string[], env: Record<string, string>): Promise<{ line: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output in 15 s; stderr: ${err}`)), 15_000);
    proc.stderr!.on('data', (d) => (err += d));
    proc.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ line: out.slice(0, nl), proc });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing; stderr: ${err}`));
    });
  });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (proc.exitCode !== null ? resolve(proc.exitCode) : proc.once('exit', (code) => resolve(code))));
}

describe('por-qbo simulator', () => {
  it('prints one JSON line that the paste path can connect with, and stops cleanly on SIGTERM', async () => {
    const dir = makeTempDir();
    try {
      const { line, proc } = await startCli(['simulator', '--realm', '4620816365000001'], { PORQBO_DATA_DIR: dir.path });
      const info = JSON.parse(line) as Record<string, string>;
      expect(Object.keys(info).sort()).toEqual(
        ['authorizeUrl', 'baseUrl', 'clientId', 'clientSecret', 'companyName', 'profile', 'realmId', 'refreshToken', 'revokeUrl', 'tokenUrl'].sort(),
      );
      expect(info.realmId).toBe('4620816365000001');
      expect(info.profile).toBe('intuit-docs');
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // Paste path: the four values, a token refresh, then a CompanyInfo read.
      const tokenRes = await fetch(info.tokenUrl!, {
        method: 'POST',
        headers: { authorization: basicAuth(info.clientId!, info.clientSecret!), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: info.refreshToken! }),
      });
      expect(tokenRes.status).toBe(200);
      const token = (await tokenRes.json()) as { access_token: string };
      const company = await fetch(`${info.baseUrl}/v3/company/${info.realmId}/companyinfo/${info.realmId}?minorversion=75`, {
        headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json' },
      });
      expect(((await company.json()) as { CompanyInfo: { CompanyName: string } }).CompanyInfo.CompanyName).toBe(info.companyName);

      proc.kill('SIGTERM');
      expect(await exited(proc)).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('--profile NAME runs that behaviour profile and says so in the JSON line', async () => {
    const dir = makeTempDir();
    try {
      const { line, proc } = await startCli(['simulator', '--profile', 'field-reports'], { PORQBO_DATA_DIR: dir.path });
      const info = JSON.parse(line) as Record<string, string>;
      expect(info.profile).toBe('field-reports');
      // field-reports answers 429 without Retry-After past 10 requests a second.
      const tokenRes = await fetch(info.tokenUrl!, {
        method: 'POST',
        headers: { authorization: basicAuth(info.clientId!, info.clientSecret!), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: info.refreshToken! }),
      });
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;
      const replies = await Promise.all(
        Array.from({ length: 14 }, () =>
          fetch(`${info.baseUrl}/v3/company/${info.realmId}/preferences?minorversion=75`, {
            headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          }),
        ),
      );
      const throttled = replies.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.every((r) => r.headers.get('retry-after') === null)).toBe(true);
      proc.kill('SIGTERM');
      expect(await exited(proc)).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('refuses an unknown --profile with exit code 2, listing the profiles', async () => {
    const res = await runCli(['simulator', '--profile', 'optimistic']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(
      '--profile must be one of intuit-docs, field-reports, replay-ignored, replay-fault6000, replay-fault600, replay-cache-faults; got "optimistic"',
    );
  });

  it('--help prints the usage with every profile and its description, and exits 0', async () => {
    const res = await runCli(['simulator', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: por-qbo simulator .*--profile NAME/);
    for (const [name, profile] of Object.entries(SIMULATOR_PROFILES)) {
      expect(res.stdout).toContain(name);
      expect(res.stdout).toContain(profile.description);
    }
  });

  it('refuses a bad --port with a clear message and exit code 2', async () => {
    const res = await runCli(['simulator', '--port', 'eighty']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--port');
  });
});
