import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../preload/contract';
import { dispatchRequest, UserFacingError } from '../../../main/core/app/dispatch';
import { createAppCore } from '../../../main/core/app/app-core';
import { openSettings } from '../../../main/core/settings/settings-store';
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
    const handlers = { ...c.handlers, 'env:set': async () => { ran = true; return c.handlers['env:get']({}); } } as Handlers;
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
      'env:get': async () => { throw new UserFacingError('not-ready', 'Production is not configured yet.'); },
      'status:get': async () => { throw new Error(`token ${secret} failed`); },
      'app:info': async () => ({ wrong: true }),
    } as unknown as Handlers;
    expect(await dispatchRequest(handlers, 'env:get', {})).toEqual({ ok: false, error: { code: 'not-ready', message: 'Production is not configured yet.' } });
    const hidden = await dispatchRequest(handlers, 'status:get', {});
    expect(JSON.stringify(hidden)).not.toContain(secret);
    expect(await dispatchRequest(handlers, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    c.dir.remove();
  });
  it('switching environment persists it and emits a status event', async () => {
    const c = core();
    const events: unknown[] = [];
    c.hub.subscribe((event, payload) => events.push([event, payload]));
    await dispatchRequest(c.handlers, 'env:set', { environment: 'production', confirmed: true });
    expect(openSettings(c.dir.path).get('environment')).toBe('production');
    expect(events).toEqual([['status:changed', expect.objectContaining({ environment: 'production' })]]);
    c.dir.remove();
  });
});
