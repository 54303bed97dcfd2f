import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PortsBusyError, SignInTimeoutError, signInRedirectUris, startLoopbackListener } from '../../../main/core/connection/loopback-listener';

const STATE = 'state-0123456789abcdef-0123456789';

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url.replace('//localhost:', '//127.0.0.1:'));
  return { status: res.status, text: await res.text() };
}

describe('loopback listener for the Intuit redirect', () => {
  it('listens on 127.0.0.1 and accepts one callback with our state on the exact path', async () => {
    const listener = await startLoopbackListener({ expectedState: STATE, timeoutMs: 10_000, ports: [0] });
    try {
      expect(listener.redirectUri).toBe(`http://localhost:${listener.port}/callback`);
      const base = `http://127.0.0.1:${listener.port}`;
      expect((await get(`${base}/other?state=${STATE}&code=x`)).status).toBe(404);
      expect((await get(`${base}/callback/?state=${STATE}&code=x`)).status).toBe(404);
      const wrong = await get(`${base}/callback?state=forged-state-0123456789abcdef01&code=evil&realmId=1`);
      expect(wrong.status).toBe(400);
      expect((await get(`${base}/callback?code=evil&realmId=1`)).status).toBe(400);

      const browser = get(`${base}/callback?state=${STATE}&code=AB1code&realmId=9341453172546301`);
      const received = await listener.callback;
      expect(received.params).toMatchObject({ code: 'AB1code', realmId: '9341453172546301', state: STATE, error: null });
      // The tab waits until the app has verified the connection.
      received.respond({ ok: true, title: 'Connected', message: 'Connected to <Practice> & co.' });
      const page = await browser;
      expect(page.status).toBe(200);
      expect(page.text).toContain('Connected to &lt;Practice&gt; &amp; co.');
    } finally {
      await listener.close();
    }
  });

  it('is single use: a second callback with the same state is refused', async () => {
    const listener = await startLoopbackListener({ expectedState: STATE, timeoutMs: 10_000, ports: [0], pageTimeoutMs: 50_000 });
    const base = `http://127.0.0.1:${listener.port}`;
    try {
      const first = get(`${base}/callback?state=${STATE}&code=one&realmId=1`);
      const received = await listener.callback;
      const second = await get(`${base}/callback?state=${STATE}&code=two&realmId=1`);
      expect(second.status).toBe(410);
      expect(received.params.code).toBe('one');
      received.respond({ ok: false, title: 'Not connected', message: 'no' });
      expect((await first).status).toBe(400);
    } finally {
      await listener.close();
    }
  });

  it('passes an Intuit error (user declined) through with our state', async () => {
    const listener = await startLoopbackListener({ expectedState: STATE, timeoutMs: 10_000, ports: [0] });
    try {
      void get(`http://127.0.0.1:${listener.port}/callback?state=${STATE}&error=access_denied&error_description=User%20denied`);
      const received = await listener.callback;
      expect(received.params).toMatchObject({ error: 'access_denied', errorDescription: 'User denied', code: null });
      received.respond({ ok: false, title: 'Declined', message: 'Declined' });
    } finally {
      await listener.close();
    }
  });

  it('times out and stops listening', async () => {
    const listener = await startLoopbackListener({ expectedState: STATE, timeoutMs: 200, ports: [0] });
    await expect(listener.callback).rejects.toBeInstanceOf(SignInTimeoutError);
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`http://127.0.0.1:${listener.port}/callback?state=${STATE}`)).rejects.toThrow();
  });

  it('falls back to the next port when the default one is busy, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    const listener = await startLoopbackListener({ expectedState: STATE, timeoutMs: 10_000, ports: [busy, 0] });
    try {
      expect(listener.usedFallbackPort).toBe(true);
      expect(listener.port).not.toBe(busy);
      await expect(startLoopbackListener({ expectedState: STATE, timeoutMs: 10_000, ports: [busy] })).rejects.toBeInstanceOf(PortsBusyError);
    } finally {
      await listener.close();
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('refuses a short state and lists the URIs to register', async () => {
    await expect(startLoopbackListener({ expectedState: 'short', timeoutMs: 1000, ports: [0] })).rejects.toThrow(/long random/);
    expect(signInRedirectUris()).toEqual(['http://localhost:47611/callback', 'http://localhost:47612/callback', 'http://localhost:47613/callback']);
  });
});
