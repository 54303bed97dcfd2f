import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { logFileOf, logUnknownError, openFileLog } from '../../../main/core/log/file-log';
import { describeError, scrubText } from '../../../main/core/log/log-scrubber';
import { assertNoSecrets } from '../../../main/core/secrets/assert-no-secrets';
import { makeTempDir } from '../../helpers/temp-dir';

// Shaped like the real thing: an Intuit access token is a JWE/JWT, a refresh token "AB11…", a client
// secret 40 letters and digits.
const ACCESS_TOKEN = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..Fq3uJ2mV0pB9xQk7wLr4Tg.kP0vN8sZ3qYw6Hc1Dm5Rb7Xe2Tj9Ua4Lf0Ns.Hx7Cw2Lq9Vb4Zm1Pk6Rt8Y';
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const REFRESH_TOKEN = 'AB11790123456Ksv3Gn9hT8xRz1wq2Lm3Np4Qr5St6Uv7Wx8YzQ';
const CLIENT_SECRET = 'k9Qz3Lm8Vt2Rw7Yp4Hs6Jd1Fg5Bn0Cx8Ae2Ui7Oq';
const CLIENT_ID = 'ABpL9mQz3Vt2Rw7Yp4Hs6Jd1Fg5Bn0Cx8Ae2Ui7OqZk4';
const BEARER = 'Bearer sk_live_51HqLmNoPqRsTuVwXyZ';
const HEX_KEY = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const SECRETS = [ACCESS_TOKEN, JWT, REFRESH_TOKEN, CLIENT_SECRET, CLIENT_ID, 'sk_live_51HqLmNoPqRsTuVwXyZ', HEX_KEY];

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: { remove: () => void }[] = [];
function tempDataDir() {
  const dir = makeTempDir('porqbo-log-');
  dirs.push(dir);
  return dir.path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function lines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('file log', () => {
  it('writes one JSON line per entry into <data>/logs/por-qbo.log, folder 0700 and file 0600', () => {
    const dataDir = tempDataDir();
    const log = openFileLog(dataDir, { source: 'app', now: () => new Date('2026-03-14T10:00:00Z') });
    expect(log.path).toBe(join(dataDir, 'logs', 'por-qbo.log'));
    expect(log.path).toBe(logFileOf(dataDir));
    log({ level: 'info', event: 'app.started', message: 'started', version: '1.2.3' });
    log({ level: 'warn', event: 'qbo.unauthorized', message: 'refreshing once', intuit_tid: '1-6a5b4c3d-2e1f0a9b8c7d6e5f4a3b2c1d', code: '6240' });
    expect(lines(log.path)).toEqual([
      { at: '2026-03-14T10:00:00.000Z', src: 'app', level: 'info', event: 'app.started', message: 'started', version: '1.2.3' },
      // Correlation ids and fault codes are what support needs: kept.
      {
        at: '2026-03-14T10:00:00.000Z',
        src: 'app',
        level: 'warn',
        event: 'qbo.unauthorized',
        message: 'refreshing once',
        intuit_tid: '1-6a5b4c3d-2e1f0a9b8c7d6e5f4a3b2c1d',
        code: '6240',
      },
    ]);
    if (process.platform !== 'win32') {
      expect(statSync(log.dir).mode & 0o777).toBe(0o700);
      expect(statSync(log.path).mode & 0o777).toBe(0o600);
    }
  });

  it('appends to what an earlier run wrote (the app and the CLI share the file)', () => {
    const dataDir = tempDataDir();
    openFileLog(dataDir, { source: 'app' })({ level: 'info', event: 'a', message: 'first' });
    openFileLog(dataDir, { source: 'cli' })({ level: 'info', event: 'b', message: 'second' });
    expect(lines(logFileOf(dataDir)).map((l) => [l.src, l.message])).toEqual([
      ['app', 'first'],
      ['cli', 'second'],
    ]);
  });

  it('rotates at the size limit and keeps only the newest N old files, each 0600', () => {
    const dataDir = tempDataDir();
    const log = openFileLog(dataDir, { maxBytes: 1_000, keep: 3 });
    const padding = 'x'.repeat(180);
    for (let i = 0; i < 60; i++) log({ level: 'info', event: 'fill', message: `line ${i} ${padding}` });
    const files = readdirSync(log.dir).sort();
    expect(files).toEqual(['por-qbo.log', 'por-qbo.log.1', 'por-qbo.log.2', 'por-qbo.log.3']);
    for (const file of files) {
      const size = statSync(join(log.dir, file)).size;
      expect(size).toBeLessThanOrEqual(1_000);
      if (process.platform !== 'win32') expect(statSync(join(log.dir, file)).mode & 0o777).toBe(0o600);
    }
    // Newest last in the current file, the one before it at the end of .1; nothing lost between them.
    const current = lines(log.path).map((l) => l.message as string);
    const previous = lines(`${log.path}.1`).map((l) => l.message as string);
    expect(current.at(-1)).toMatch(/^line 59 /);
    expect(Number(previous.at(-1)!.split(' ')[1]) + 1).toBe(Number(current[0]!.split(' ')[1]));
    // The oldest lines fell off with the fourth old file.
    const all = files.flatMap((f) => readFileSync(join(log.dir, f), 'utf8'));
    expect(all.join('')).not.toContain('line 0 ');
  });

  it('writes the line before returning, so a crash right after cannot lose it', () => {
    const dataDir = tempDataDir();
    const log = openFileLog(dataDir);
    log({ level: 'error', event: 'sync.cycle-crashed', message: 'boom' });
    expect(readFileSync(log.path, 'utf8')).toContain('"event":"sync.cycle-crashed"');
  });

  it('makes the folder again when it was removed while running, and ensureFile creates an empty file to open', () => {
    const dataDir = tempDataDir();
    const log = openFileLog(dataDir);
    log.ensureFile();
    expect(statSync(log.path).size).toBe(0);
    rmSync(log.dir, { recursive: true });
    log({ level: 'info', event: 'after', message: 'still written' });
    expect(lines(log.path)[0]).toMatchObject({ event: 'after' });
  });

  it('never writes planted secrets, whether in the message, in fields, nested, or in an error', () => {
    const dataDir = tempDataDir();
    const log = openFileLog(dataDir);
    log({
      level: 'error',
      event: 'connection.refresh-failed',
      message: `POST https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer refresh_token=${REFRESH_TOKEN}&client_secret=${CLIENT_SECRET}`,
    });
    log({ level: 'error', event: 'qbo.request', message: `headers: {"Authorization":"${BEARER}"} token ${ACCESS_TOKEN}` });
    log({
      level: 'warn',
      event: 'fields',
      message: 'fields',
      accessToken: ACCESS_TOKEN,
      refresh_token: REFRESH_TOKEN,
      clientSecret: CLIENT_SECRET,
      clientId: CLIENT_ID,
      authorization: BEARER,
      cookie: `sid=${HEX_KEY}`,
      password: 'hunter2hunter2',
    });
    log({
      level: 'warn',
      event: 'nested',
      message: 'nested',
      request: { headers: { Authorization: BEARER }, body: { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN } },
      list: [JWT, `key ${HEX_KEY}`],
    });
    log({
      level: 'warn',
      event: 'code',
      message: 'oauth callback',
      code: REFRESH_TOKEN,
      url: `http://localhost:8765/callback?code=${REFRESH_TOKEN}&state=abc&realmId=1234`,
    });
    log({ level: 'info', event: 'json', message: `{"access_token":"${JWT}","refresh_token":"${REFRESH_TOKEN}","x_refresh_token_expires_in":8726400}` });
    log({ level: 'info', event: 'url-encoded', message: `body=grant_type%3Drefresh_token%26refresh_token%3D${REFRESH_TOKEN}` });
    logUnknownError(log, 'app.request-failed', new Error(`Invalid token ${JWT} for client ${CLIENT_ID} secret ${CLIENT_SECRET}`), {
      channel: 'stores:create-classes',
    });

    const text = readFileSync(log.path, 'utf8');
    assertNoSecrets([{ name: log.path, text }], SECRETS);
    expect(text).not.toContain('hunter2hunter2');
    // What was around the secrets is still there to read.
    const entries = lines(log.path);
    expect(entries[0]!.message).toBe('POST https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer refresh_token=[redacted]&client_secret=[redacted]');
    expect(entries[2]).toMatchObject({ accessToken: '[redacted]', clientSecret: '[redacted]', password: '[redacted]' });
    expect(entries[4]).toMatchObject({ code: '[redacted]', url: 'http://localhost:8765/callback?code=[redacted]&state=abc&realmId=1234' });
    expect(entries[7]).toMatchObject({ event: 'app.request-failed', channel: 'stores:create-classes', error: { name: 'Error' } });
    expect((entries[7]!.error as { stack: string }).stack).toContain('file-log.test.ts');
  });

  it('keeps ordinary text: paths, file names, dates, request ids and stack frames', () => {
    const keep = [
      '/home/someone/.config/POR QBO Companion/logs/por-qbo.log',
      'C:\\Users\\Someone\\AppData\\Roaming\\POR QBO Companion\\inbox\\GL_Export_2026-03-14_store12.iif',
      'requestid 3f2a9c1e-4b7d-4e8a-9c2f-1a2b3c4d5e6f for JournalEntry 1234 on 2026-03-14T10:00:00.000Z',
      '    at SyncEngine.drainUnit (file:///work/main/dist/main/core/sync/engine/sync-engine.js:412:19)',
      'QuickBooks answered 400: Business Validation Error: A business validation error has occurred (code: 6240)',
      'QuickBooks refused the access token; refreshing once',
    ];
    for (const text of keep) expect(scrubText(text)).toBe(text);
  });

  it('describes unknown errors by class, scrubbed message, stack, errno code and cause', () => {
    const err = Object.assign(new TypeError(`bad ${REFRESH_TOKEN}`, { cause: new Error(`inner ${JWT}`) }), { code: 'ERR_BAD' });
    const d = describeError(err);
    expect(d).toMatchObject({ name: 'TypeError', message: 'bad [redacted]', code: 'ERR_BAD', cause: { name: 'Error', message: 'inner [redacted]' } });
    expect(JSON.stringify(d)).not.toContain(REFRESH_TOKEN.slice(0, 16));
    expect(describeError('plain string')).toEqual({ name: 'string', message: 'plain string' });
  });

  it('logs the error that takes the process down, and the process still goes down', async () => {
    const dataDir = tempDataDir();
    // A real Node process that throws from a timer (outside any await): nothing catches it.
    const script = [
      `import { openFileLog } from ${JSON.stringify(join(ROOT, 'main/core/log/file-log.ts'))};`,
      `import { logProcessCrashes } from ${JSON.stringify(join(ROOT, 'main/core/log/process-crashes.ts'))};`,
      `logProcessCrashes(openFileLog(${JSON.stringify(dataDir)}, { source: 'cli' }));`,
      `setTimeout(() => { throw new RangeError('crash with ${CLIENT_SECRET}'); }, 10);`,
    ].join('\n');
    const file = join(dataDir, 'crash.mts');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('RangeError');
    const entries = lines(logFileOf(dataDir));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 'error',
      src: 'cli',
      event: 'process.crashed',
      origin: 'uncaughtException',
      message: 'crash with [redacted]',
      error: { name: 'RangeError' },
    });
    assertNoSecrets([{ name: 'log', text: readFileSync(logFileOf(dataDir), 'utf8') }], [CLIENT_SECRET]);
  });
});
