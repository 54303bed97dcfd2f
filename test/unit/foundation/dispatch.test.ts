import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../../preload/contract';
import { dispatchRequest } from '../../../main/core/app/dispatch';
import { AppError } from '../../../main/core/app-error';
import { createAppCore } from '../../../main/core/app/app-core';
import { openSettings } from '../../../main/core/settings/settings-store';
import { assertNoSecrets } from '../../../main/core/secrets/assert-no-secrets';
import { makeTempDir } from '../../helpers/temp-dir';

function core() {
  const dir = makeTempDir();
  const c = createAppCore({ dataDir: dir.path, settings: openSettings(dir.path), host: 'harness', version: '1.2.3' });
  return { ...c, dir };
}

describe('dispatch', () => {
  it('serves a valid request and checks the response', async () => {
    const c = core();
    await expect(dispatchRequest(c.handlers, 'app:info', {})).resolves.toMatchObject({ ok: true, value: { version: '1.2.3', host: 'harness' } });
    c.dir.remove();
  });
  it('refuses unknown channels, bad payloads and extra fields before the handler runs', async () => {
    const c = core();
    let ran = false;
    const handlers = {
      ...c.handlers,
      'env:set': async () => {
        ran = true;
        return c.handlers['env:get']({});
      },
    } as Handlers;
    expect(await dispatchRequest(handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatchRequest(handlers, 'env:set', { environment: 'production' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatchRequest(handlers, 'env:set', { environment: 'sandbox', confirmed: true, extra: 1 })).toMatchObject({ ok: false });
    expect(await dispatchRequest(handlers, 'app:info', { x: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(ran).toBe(false);
    c.dir.remove();
  });
  it('passes user-facing errors through and hides internal ones', async () => {
    const c = core();
    const secret = 'refresh-token-ABC123';
    const handlers = {
      ...c.handlers,
      'env:get': async () => {
        throw new AppError('not-ready', 'Production is not configured yet.');
      },
      'status:get': async () => {
        throw new Error(`token ${secret} failed`);
      },
      'app:info': async () => ({ wrong: true }),
    } as unknown as Handlers;
    expect(await dispatchRequest(handlers, 'env:get', {})).toEqual({
      ok: false,
      error: { kind: 'not-ready', code: 'not-ready', message: 'Production is not configured yet.', fix: null, qboCode: null, intuitTid: null },
    });
    const hidden = await dispatchRequest(handlers, 'status:get', {});
    expect(JSON.stringify(hidden)).not.toContain(secret);
    expect(await dispatchRequest(handlers, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    c.dir.remove();
  });
  it('writes an unknown error to the log (scrubbed, with its stack) and names what failed and where the log is', async () => {
    const c = core();
    const accessToken = 'eyJhbGciOiJSUzI1NiJ9.eyJyZWFsbSI6IjEyMzQ1Njc4OTAifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const refreshToken = 'AB11790123456Ksv3Gn9hT8xRz1wq2Lm3Np4Qr5St6Uv7Wx8YzQ';
    const handlers = {
      ...c.handlers,
      // Like a lost answer while creating classes: a low-level error whose text echoes what it had.
      'stores:create-classes': async () => {
        throw new TypeError(`fetch failed: Authorization Bearer ${accessToken} refresh_token=${refreshToken}`);
      },
      'app:info': async () => ({ wrong: true }),
    } as unknown as Handlers;
    const logFile = join(c.dir.path, 'logs', 'por-qbo.log');
    expect(c.log.path).toBe(logFile);

    const failed = await dispatchRequest(handlers, 'stores:create-classes', { stores: [1, 2] }, c.log);
    expect(failed).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        code: 'internal',
        fix: null,
        qboCode: null,
        intuitTid: null,
        message: `Something unexpected went wrong while creating store classes in QuickBooks. Try again; if it happens again, the details are in the log: ${logFile}`,
      },
    });
    const invalid = await dispatchRequest(handlers, 'app:info', {}, c.log);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(logFile) } });
    expect(JSON.stringify([failed, invalid])).not.toContain('fetch failed');

    const text = readFileSync(logFile, 'utf8');
    const entries = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const entry = entries.find((e) => e.event === 'app.request-failed')!;
    expect(entry).toMatchObject({ level: 'error', channel: 'stores:create-classes', error: { name: 'TypeError' } });
    expect(entry.message).toContain('fetch failed: Authorization Bearer [redacted]');
    expect((entry.error as { stack: string }).stack).toContain('dispatch.test.ts');
    expect(entries.find((e) => e.event === 'app.invalid-response')).toMatchObject({ channel: 'app:info' });
    assertNoSecrets([{ name: logFile, text }], [accessToken, refreshToken]);
    c.dir.remove();
  });
  it('the core dispatches with its own log, and logs what it refused the person too', async () => {
    const c = core();
    const handlers = c.handlers;
    handlers['env:get'] = async () => {
      throw new AppError('not-ready', 'Production is not configured yet.');
    };
    expect(await c.dispatch('env:get', {})).toEqual({
      ok: false,
      error: { kind: 'not-ready', code: 'not-ready', message: 'Production is not configured yet.', fix: null, qboCode: null, intuitTid: null },
    });
    const text = readFileSync(c.log.path, 'utf8');
    expect(text).toContain('"event":"app.started"');
    expect(text).toContain('"event":"app.request-refused","message":"Production is not configured yet.","channel":"env:get","code":"not-ready"');
    c.dir.remove();
  });
  it('switching environment persists it and emits a status event', async () => {
    const c = core();
    const events: unknown[] = [];
    c.hub.subscribe((event, payload) => events.push([event, payload]));
    await dispatchRequest(c.handlers, 'env:set', { environment: 'production', confirmed: true, typedName: 'production' });
    expect(openSettings(c.dir.path).get('environment')).toBe('production');
    expect(events).toEqual([['status:changed', expect.objectContaining({ environment: 'production' })]]);
    c.dir.remove();
  });
});
