/**
 * The BUILT preload (dist/preload/index.cjs) evaluated in a bare vm context that offers only what a
 * sandboxed preload gets from `electron`: contextBridge and ipcRenderer. It must expose exactly the
 * contract and nothing more.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, EVENT_CHANNELS, REQUEST_CHANNELS } from '../../preload/contract';
import type { RawBridge } from '../../preload/raw-bridge';
import { ROOT } from './boot-shell';

const PRELOAD = `${ROOT}dist/preload/index.cjs`;

interface Loaded {
  exposed: { name: string; api: RawBridge }[];
  required: string[];
  invoked: { channel: string; request: unknown }[];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  contextKeys: string[];
}

function loadPreload(): Loaded {
  if (!existsSync(PRELOAD)) throw new Error(`${PRELOAD} is missing: run \`npm run build\` first`);
  const loaded: Loaded = { exposed: [], required: [], invoked: [], listeners: new Map(), contextKeys: [] };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (name: string, api: RawBridge) => loaded.exposed.push({ name, api }),
    },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => {
        loaded.invoked.push({ channel, request });
        return Promise.resolve({ ok: true, value: { echoed: channel } });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = loaded.listeners.get(channel) ?? new Set();
        set.add(listener);
        loaded.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        loaded.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    loaded.required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot load ${name}`);
    return electron;
  };
  // An empty context (no process, no Buffer); the preload runs wrapped in a function as Electron runs it.
  const context = createContext({});
  const wrapped = runInContext(`(function (exports, require, module) {\n${readFileSync(PRELOAD, 'utf8')}\n})`, context, { filename: 'index.cjs' }) as (
    e: unknown,
    r: unknown,
    m: unknown,
  ) => void;
  wrapped(module.exports, require, module);
  loaded.contextKeys = Object.keys(context);
  return loaded;
}

let loaded: Loaded;
let bridge: RawBridge;
beforeAll(() => {
  loaded = loadPreload();
  bridge = loaded.exposed[0]!.api;
});

describe('the built preload in a sandbox', () => {
  it('exposes exactly the bridge, loading nothing but electron', () => {
    expect(loaded.required).toEqual(['electron']);
    expect(loaded.exposed.map((e) => e.name)).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
    // Only zod's registry lands on the preload's own (isolated) global; the page's world gets the bridge alone.
    expect(loaded.contextKeys.filter((key) => !key.startsWith('__zod_global'))).toEqual([]);
  });

  it('forwards every contract channel and refuses any other without touching IPC', async () => {
    for (const channel of REQUEST_CHANNELS) {
      const request = { probe: channel };
      expect(await bridge.invoke(channel, request)).toEqual({ ok: true, value: { echoed: channel } });
      expect(loaded.invoked.at(-1)).toEqual({ channel, request });
    }
    const count = loaded.invoked.length;
    for (const channel of ['evil:channel', 'constructor', '__proto__', 'toString', '', 'app:info ']) {
      expect(await bridge.invoke(channel as never, {}), channel).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(loaded.invoked).toHaveLength(count);
  });

  it('hands the page the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    for (const event of EVENT_CHANNELS) {
      const received: unknown[][] = [];
      const off = bridge.on(event, (...args: unknown[]) => received.push(args));
      const [wrapped] = [...loaded.listeners.get(event)!];
      const ipcEvent = { sender: { send: () => {} }, senderId: 0, ports: [] };
      wrapped!(ipcEvent, { payload: event });
      expect(received).toEqual([[{ payload: event }]]);
      off();
      expect(loaded.listeners.get(event)!.size).toBe(0);
    }
    const off = bridge.on('evil:event' as never, () => {});
    expect(typeof off).toBe('function');
    expect(loaded.listeners.has('evil:event')).toBe(false);
  });
});
