/**
 * The main thread's side of core-protocol.ts: starts the core's worker, relays requests and events,
 * answers the capability calls only this thread can make, and starts the worker again if it dies (a
 * bounded number of times, each logged). A request in flight when the worker died is answered with an
 * error, never sent again: the person decides, so nothing is posted twice. On quit, dispose() asks the
 * worker to finish its work in flight and close the ledger before the thread is ended. Pure Node: the
 * Electron shell and the browser harness use the same client.
 */
import { createRequire } from 'node:module';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { EventChannel, SyncStatus } from '../../../preload/contract';
import type { Envelope, EnvelopeError } from '../../../preload/raw-bridge';
import type { HostCapabilities } from '../app/app-context';
import { logUnknownError } from '../log/file-log';
import type { QboLogger } from '../qbo/qbo-log';
import { CORE_RESOURCE_LIMITS } from './core-heap';
import {
  CORE_UNAVAILABLE,
  FromWorkerSchema,
  parseMessage,
  type CapabilityCall,
  type CapabilityName,
  type ControlOp,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './core-protocol';

type Listener = (event: EventChannel, payload: unknown) => void;

let keychainPinned = false;

/**
 * Linux: keytar's libsecret registers GLib types, and GLib is never unloaded. When a worker that loaded
 * keytar ends, libsecret is unloaded with it; loaded again by the next worker, it registers the same types
 * again, fails (GLib-GObject-CRITICAL) and a keychain call can then hang: a restarted core would never
 * read its connection. Loaded once here and never released, the library stays in memory; each worker still
 * loads and uses keytar itself. (macOS and Windows keychains are system libraries: nothing to pin.)
 */
function pinKeychainLibrary(log: QboLogger): void {
  if (keychainPinned || process.platform !== 'linux') return;
  keychainPinned = true;
  try {
    createRequire(import.meta.url)('keytar');
  } catch (err) {
    // The worker reports a keychain that cannot load, with the reason, when it needs it.
    logUnknownError(log, 'core.keychain-pin-failed', err);
  }
}

export interface CoreStarted {
  status: SyncStatus;
  startAtLogin: boolean;
  logFile: string;
}

export interface CoreClientOptions {
  /** The worker script (dist/main/core-worker.js; tests: a tsx bootstrap) and any extra workerData it needs. */
  worker: { file: URL | string; workerData?: Record<string, unknown> };
  init: Omit<WorkerInit, 'capabilities'>;
  capabilities: Partial<HostCapabilities>;
  log: QboLogger;
  /** Restarts allowed within `restartWindowMs` before the client gives up (default 5 in 10 minutes). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Wait before a restart, doubled each time within the window (default 500 ms). */
  restartDelayMs?: number;
  /** How a worker is made (tests record them). */
  createWorker?: (file: URL | string, options: WorkerOptions) => Worker;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
}

export class CoreClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly requests = new Map<number, Pending<Envelope>>();
  private readonly controls = new Map<number, Pending<void>>();
  private readonly listeners = new Set<Listener>();
  private readonly startedListeners = new Set<(info: CoreStarted) => void>();
  private readonly restarts: number[] = [];
  private lastStatus: SyncStatus | null = null;
  private firstStart: Promise<CoreStarted>;
  private resolveFirstStart!: (info: CoreStarted) => void;
  private rejectFirstStart!: (err: Error) => void;
  private readyRequested = false;
  private state: 'running' | 'restarting' | 'stopped' | 'disposing' | 'disposed' = 'running';
  private disposing: Promise<void> | null = null;
  /** Workers created so far (the first and each restart). */
  starts = 0;

  constructor(private readonly options: CoreClientOptions) {
    this.firstStart = new Promise((resolve, reject) => {
      this.resolveFirstStart = resolve;
      this.rejectFirstStart = reject;
    });
    // Nobody may be waiting yet: an engine that never starts is reported through started() and the log.
    this.firstStart.catch(() => {});
    if (options.init.secrets === 'keychain') pinKeychainLibrary(options.log);
    this.spawn();
  }

  /** Resolves with the core's first status once a worker has built the core; rejects if none ever does. */
  started(): Promise<CoreStarted> {
    return this.firstStart;
  }

  /** Called each time a worker (first or restarted) has built its core. */
  onStarted(listener: (info: CoreStarted) => void): () => void {
    this.startedListeners.add(listener);
    return () => this.startedListeners.delete(listener);
  }

  /** The last status the core sent (null before the first). */
  status(): SyncStatus | null {
    return this.lastStatus;
  }

  dispatch(channel: unknown, payload: unknown): Promise<Envelope> {
    const unavailable = this.unavailable();
    if (unavailable || !this.worker) return Promise.resolve({ ok: false, error: unavailable ?? CORE_UNAVAILABLE.restarting });
    const id = this.nextId++;
    return new Promise<Envelope>((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.post({ type: 'request', id, channel: typeof channel === 'string' ? channel.slice(0, 100) : String(channel).slice(0, 100), payload });
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ready(): Promise<void> {
    this.readyRequested = true;
    return this.control({ op: 'ready' });
  }

  syncNow(): Promise<void> {
    return this.control({ op: 'syncNow' });
  }

  setPaused(paused: boolean): Promise<void> {
    return this.control({ op: 'setPaused', paused });
  }

  wake(reason: 'resume' | 'unlock-screen'): void {
    void this.control({ op: 'wake', reason }).catch(() => {});
  }

  /** Asks the worker to finish its work in flight and close the ledger, then ends the thread. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const worker = this.worker;
      this.state = 'disposing';
      if (worker) {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        try {
          await Promise.race([this.control({ op: 'dispose' }, true), exited]);
        } catch (err) {
          logUnknownError(this.options.log, 'core.dispose-failed', err);
        }
        await worker.terminate();
      }
      this.state = 'disposed';
      this.failPending(CORE_UNAVAILABLE.closing);
    })();
    return this.disposing;
  }

  private unavailable(): EnvelopeError | null {
    if (this.state === 'stopped') return CORE_UNAVAILABLE.stopped;
    if (this.state === 'disposing' || this.state === 'disposed') return CORE_UNAVAILABLE.closing;
    if (this.state === 'restarting') return CORE_UNAVAILABLE.restarting;
    return null;
  }

  private control(call: ControlOp, duringDispose = false): Promise<void> {
    const unavailable = duringDispose ? null : this.unavailable();
    if (unavailable || !this.worker) return Promise.reject(new Error(unavailable?.message ?? CORE_UNAVAILABLE.restarting.message));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.controls.set(id, { resolve, reject });
      this.post({ type: 'control', id, call });
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const capabilities = (Object.keys(this.options.capabilities) as CapabilityName[]).filter((name) => typeof this.options.capabilities[name] === 'function');
    const workerData = { ...this.options.worker.workerData, init: { ...this.options.init, capabilities } satisfies WorkerInit };
    const make = this.options.createWorker ?? ((file, options) => new Worker(file, options));
    // Bounded heap (core-heap.ts): the core keeps little alive, and V8's defaults would let its garbage grow the process by 100 MB.
    const worker = make(this.options.worker.file, { workerData, resourceLimits: CORE_RESOURCE_LIMITS });
    this.worker = worker;
    this.starts++;
    worker.on('message', (raw: unknown) => this.receive(worker, raw));
    worker.on('error', (err) => logUnknownError(this.options.log, 'core.worker-error', err));
    worker.on('exit', (code) => this.exited(worker, code));
  }

  private receive(worker: Worker, raw: unknown): void {
    if (worker !== this.worker) return;
    const parsed = parseMessage(FromWorkerSchema, raw);
    if ('problem' in parsed) {
      this.options.log({ level: 'error', event: 'core.invalid-message', message: `message from the core refused: ${parsed.problem}` });
      return;
    }
    const message: FromWorker = parsed.message;
    switch (message.type) {
      case 'started': {
        const info: CoreStarted = { status: message.status, startAtLogin: message.startAtLogin, logFile: message.logFile };
        this.setStatus(message.status);
        this.resolveFirstStart(info);
        for (const listener of [...this.startedListeners]) listener(info);
        return;
      }
      case 'response': {
        const pending = this.requests.get(message.id);
        this.requests.delete(message.id);
        pending?.resolve(message.envelope as Envelope);
        return;
      }
      case 'control-result': {
        const pending = this.controls.get(message.id);
        this.controls.delete(message.id);
        if (message.ok) pending?.resolve();
        else pending?.reject(new Error(message.error ?? 'failed'));
        return;
      }
      case 'event':
        if (message.event === 'status:changed') this.lastStatus = message.payload as SyncStatus;
        this.emit(message.event, message.payload);
        return;
      case 'capability':
        void this.answer(worker, message.id, message.call);
        return;
    }
  }

  private async answer(worker: Worker, id: number, call: CapabilityCall): Promise<void> {
    const caps = this.options.capabilities;
    try {
      let value: unknown = null;
      if (call.name === 'openExternal') value = caps.openExternal ? await caps.openExternal(call.url) : false;
      else if (call.name === 'openPath') value = caps.openPath ? await caps.openPath(call.path) : 'This app cannot open files here.';
      else caps.setStartAtLogin?.(call.enabled);
      worker.postMessage({ type: 'capability-result', id, ok: true, value } satisfies ToWorker);
    } catch (err) {
      logUnknownError(this.options.log, 'core.capability-failed', err, { capability: call.name });
      worker.postMessage({ type: 'capability-result', id, ok: false, value: null, error: 'failed' } satisfies ToWorker);
    }
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = null;
    if (this.state === 'disposing' || this.state === 'disposed') return;
    this.options.log({ level: 'error', event: 'core.worker-exited', message: `the core's worker thread stopped (exit code ${code})`, code });
    const now = Date.now();
    const windowMs = this.options.restartWindowMs ?? 10 * 60_000;
    while (this.restarts.length && now - this.restarts[0]! > windowMs) this.restarts.shift();
    const max = this.options.maxRestarts ?? 5;
    if (this.restarts.length >= max) {
      this.state = 'stopped';
      this.failPending(CORE_UNAVAILABLE.stopped);
      this.options.log({
        level: 'error',
        event: 'core.worker-gave-up',
        message: `the core's worker stopped ${max + 1} times within ${Math.round(windowMs / 1000)} s; not starting it again`,
      });
      this.publishDown(CORE_UNAVAILABLE.stopped.message);
      this.rejectFirstStart(new Error(CORE_UNAVAILABLE.stopped.message));
      return;
    }
    this.state = 'restarting';
    this.failPending(CORE_UNAVAILABLE.restarting);
    this.publishDown(CORE_UNAVAILABLE.restarting.message);
    const delay = (this.options.restartDelayMs ?? 500) * 2 ** this.restarts.length;
    this.restarts.push(now);
    setTimeout(() => {
      if (this.state !== 'restarting') return;
      this.state = 'running';
      this.spawn();
      this.options.log({ level: 'info', event: 'core.worker-restarted', message: `the core's worker thread was started again (${this.starts} starts)` });
      if (this.readyRequested) this.ready().catch((err: unknown) => logUnknownError(this.options.log, 'core.ready-failed', err));
    }, delay).unref();
  }

  /** Answers everything waiting: a request in flight is never sent again (it may have reached QuickBooks). */
  private failPending(error: EnvelopeError): void {
    for (const pending of this.requests.values()) pending.resolve({ ok: false, error });
    this.requests.clear();
    for (const pending of this.controls.values()) pending.reject(new Error(error.message));
    this.controls.clear();
  }

  /** The tray and the window show that the engine is down, in the one status they follow. */
  private publishDown(message: string): void {
    if (!this.lastStatus) return;
    this.setStatus({ ...this.lastStatus, state: 'error', message, progress: null });
  }

  private setStatus(status: SyncStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.lastStatus);
    this.lastStatus = status;
    if (changed) this.emit('status:changed', status);
  }

  private emit(event: EventChannel, payload: unknown): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }
}
