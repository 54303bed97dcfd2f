/**
 * The worker thread that runs the app core (dist/main/core-worker.js): SQLite, imports, planning, sync
 * and the keychain all live here, so the thread that owns the window, tray and IPC never waits on them.
 * It serves core-protocol.ts to the main thread and asks it for the capabilities only it has. Settings
 * come from the plain conf store (same file and schema electron-store used): electron cannot load here.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createAppCore, type AppCore } from '../app/app-core';
import type { HostCapabilities } from '../app/app-context';
import { logUnknownError, openFileLog } from '../log/file-log';
import { logProcessCrashes } from '../log/process-crashes';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { openSettings } from '../settings/settings-store';
import {
  CORE_UNAVAILABLE,
  parseMessage,
  ToWorkerSchema,
  WorkerInitSchema,
  type CapabilityCall,
  type ControlOp,
  type FromWorker,
  type WorkerInit,
} from './core-protocol';

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

export function serveCore(port: Port, init: WorkerInit): AppCore {
  const log = openFileLog(init.dataDir, { source: init.host === 'electron' ? 'app' : init.host });
  logProcessCrashes(log);
  const send = (message: FromWorker) => port.postMessage(message);

  // Capability calls wait for the main thread's answer.
  const calls = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextCall = 1;
  const callHost = (call: CapabilityCall) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextCall++;
      calls.set(id, { resolve, reject });
      send({ type: 'capability', id, call });
    });
  const capabilities: Partial<HostCapabilities> = {};
  if (init.capabilities.includes('openExternal')) capabilities.openExternal = async (url) => (await callHost({ name: 'openExternal', url })) === true;
  if (init.capabilities.includes('openPath')) {
    capabilities.openPath = async (path) => {
      const value = await callHost({ name: 'openPath', path });
      return typeof value === 'string' ? value : null;
    };
  }
  if (init.capabilities.includes('setStartAtLogin')) {
    capabilities.setStartAtLogin = (enabled) => {
      void callHost({ name: 'setStartAtLogin', enabled }).catch((err: unknown) => logUnknownError(log, 'core.start-at-login-failed', err));
    };
  }

  const core = createAppCore({
    dataDir: init.dataDir,
    settings: openSettings(init.dataDir),
    host: init.host,
    version: init.version,
    log,
    capabilities,
    defaultInboxDir: init.defaultInboxDir,
    watchInbox: init.watchInbox,
    ...(init.secrets === 'memory' ? { secrets: new MemorySecretStore() } : {}),
  });
  core.hub.subscribe((event, payload) => send({ type: 'event', event, payload }));

  // Work in flight: quitting waits for all of it before the ledger closes.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  let closing: Promise<void> | null = null;

  const control = async (call: ControlOp): Promise<void> => {
    switch (call.op) {
      case 'ready':
        return core.ready();
      case 'syncNow':
        return core.syncNow();
      case 'setPaused':
        return core.setPaused(call.paused);
      case 'wake':
        return core.wake(call.reason);
      case 'dispose':
        closing ??= (async () => {
          while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
          await core.dispose();
        })();
        return closing;
    }
  };

  port.on('message', (raw: unknown) => {
    const parsed = parseMessage(ToWorkerSchema, raw);
    if ('problem' in parsed) {
      log({ level: 'error', event: 'core.invalid-message', message: `message from the main thread refused: ${parsed.problem}` });
      return;
    }
    const message = parsed.message;
    if (message.type === 'capability-result') {
      const call = calls.get(message.id);
      calls.delete(message.id);
      if (message.ok) call?.resolve(message.value);
      else call?.reject(new Error(message.error ?? 'capability failed'));
      return;
    }
    if (message.type === 'request') {
      if (closing) {
        send({ type: 'response', id: message.id, envelope: { ok: false, error: CORE_UNAVAILABLE.closing } });
        return;
      }
      void track(core.dispatch(message.channel, message.payload)).then(
        (envelope) => send({ type: 'response', id: message.id, envelope }),
        (err: unknown) => {
          logUnknownError(log, 'core.dispatch-failed', err, { channel: message.channel });
          send({
            type: 'response',
            id: message.id,
            envelope: { ok: false, error: { kind: 'internal', code: 'internal', message: 'Something unexpected went wrong.' } },
          });
        },
      );
      return;
    }
    const { id, call } = message;
    if (closing && call.op !== 'dispose') {
      send({ type: 'control-result', id, ok: false, error: CORE_UNAVAILABLE.closing.message });
      return;
    }
    // Dispose is not tracked: it is what waits for the rest.
    const work = call.op === 'dispose' ? control(call) : track(control(call));
    void work.then(
      () => send({ type: 'control-result', id, ok: true }),
      (err: unknown) => {
        logUnknownError(log, `core.${call.op}-failed`, err);
        send({ type: 'control-result', id, ok: false, error: err instanceof Error ? err.message : String(err) });
      },
    );
  });

  send({ type: 'started', status: core.status.get(), startAtLogin: core.settings.get('startAtLogin'), logFile: log.path });
  return core;
}

// Loaded as a worker: serve the thread that created it.
if (!isMainThread && parentPort && (workerData as { init?: unknown } | null)?.init !== undefined) {
  serveCore(parentPort, WorkerInitSchema.parse((workerData as { init: unknown }).init));
}
