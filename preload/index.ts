/**
 * Exposes exactly the contract on window.porqbo and nothing else: no ipcRenderer, no Node. Runs with
 * sandbox: true, so it is bundled to one CommonJS file with no imports but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, isEventChannel, isRequestChannel } from './contract';
import type { RawBridge } from './raw-bridge';

const bridge: RawBridge = {
  invoke: (channel, request) => {
    if (!isRequestChannel(channel))
      return Promise.resolve({ ok: false, error: { kind: 'invalid-input', code: 'unknown-channel', message: 'No such request' } });
    return ipcRenderer.invoke(channel, request);
  },
  on: (event, listener) => {
    if (!isEventChannel(event)) return () => {};
    // Never hand the IpcRendererEvent (it carries sender) to the page.
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
