/**
 * The browser harness with the core in its worker thread: the renderer's HTTP bridge reaches the core
 * through the same client and protocol the desktop app's main thread uses.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type WorkerHarness } from '../../harness/server';
import { makeTempDir } from '../../helpers/temp-dir';

const dir = makeTempDir('porqbo-worker-harness-');
let harness: WorkerHarness;

beforeAll(async () => {
  harness = await startWorkerHarness({ dataDir: dir.path });
});
afterAll(async () => {
  await harness?.close();
  dir.remove();
});

async function invoke(channel: string, body: unknown) {
  const response = await fetch(`${harness.url}api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json() as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>;
}

/** The first Server-Sent Event frame whose text matches; `connected` once the stream is open. */
function nextEvent(match: RegExp): { connected: Promise<void>; frame: Promise<string> } {
  let connected!: () => void;
  const open = new Promise<void>((resolve) => (connected = resolve));
  const frame = new Promise<string>((resolve, reject) => {
    const req = request(`${harness.url}api/events`, (res) => {
      connected();
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        const frame = text.split('\n\n').find((f) => f.startsWith('data: ') && match.test(f));
        if (frame) {
          req.destroy();
          resolve(frame);
        }
      });
    });
    req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)));
    req.end();
  });
  return { connected: open, frame };
}

describe('the browser harness over the core worker', () => {
  it('serves requests and streams events from the worker', async () => {
    expect(await invoke('app:info', {})).toMatchObject({ ok: true, value: { host: 'harness', dataDir: dir.path } });
    expect(await invoke('env:set', { environment: 'nowhere', confirmed: true })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const event = nextEvent(/"data:changed"/);
    await event.connected;
    expect(await invoke('settings:set', { syncServicesOn: false })).toMatchObject({ ok: true });
    expect(JSON.parse((await event.frame).slice('data: '.length))).toEqual({ event: 'data:changed', payload: { topics: ['settings'] } });
    // The log opens through the harness's capability, answered on the main thread.
    expect(await invoke('app:open-log', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect(harness.openedPaths.at(-1)).toMatch(/por-qbo\.log$/);
  });
});
