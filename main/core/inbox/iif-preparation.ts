/**
 * A big GL export is read on a thread of its own (iif-prepare-worker.ts) while the ledger records it here:
 * reading each journal and writing its row text (about 40% of a 1,000,000-line import) leave the importing
 * thread, which only writes rows. The file's transaction stays on this thread and waits for each batch
 * (Atomics.wait), so the import is one transaction as before. If the thread cannot start, the file is read
 * here; if it fails or stalls later, the transaction is rolled back and the file is read here
 * (PreparationFailed): either way the ledger ends as if the file had been read here from the start.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { newRing, unpackBatch, type FromPreparer, type PreparedBatch, type Ring } from './prepared-batch';
import { EXITED, POSTED, STATE_SLOTS, TAKEN } from './preparation-state';
import type { ReadResult } from '../por/read-result';

/** The thread has this long to start before the file is read here instead. */
const START_MS = 15_000;
/** And this long to hand over each next batch (it died, or the machine froze) before the file is read here. */
const STALL_MS = 15_000;

export class PreparationFailed extends Error {}

export type PreparedStep = { kind: 'batch'; batch: PreparedBatch } | { kind: 'end'; journals: number; result: ReadResult };

export interface IifPreparation {
  /** The next batch, or the end of the read: waits (blocking) for the thread. Throws PreparationFailed. */
  next(): PreparedStep;
  /** Stops the thread (whether or not it finished). */
  close(): void;
}

interface PreparerChoice {
  file: URL | string | null;
  stallMs: number;
  /** More for the script (tests' faulty scripts). */
  workerData?: Record<string, unknown>;
}

let choice: PreparerChoice | undefined;

/** Reads started on the thread, and those that then fell back to reading here (tests and diagnostics). */
export const preparedReads = { started: 0, fellBack: 0 };

/**
 * The preparing thread's script: by default the built one beside this bundle (dist/main, dist); tests and
 * benchmarks running from source give one they built (null: every file is read on the importing thread).
 */
export function useIifPrepareWorker(file: URL | string | null, options: { stallMs?: number; workerData?: Record<string, unknown> } = {}): void {
  choice = { file, stallMs: options.stallMs ?? STALL_MS, ...(options.workerData ? { workerData: options.workerData } : {}) };
}

function preparer(): PreparerChoice {
  if (!choice) {
    const built = new URL('./iif-prepare-worker.js', import.meta.url);
    choice = { file: built.protocol === 'file:' && existsSync(fileURLToPath(built)) ? built : null, stallMs: STALL_MS };
  }
  return choice;
}

/** Rings no thread writes to any more, kept for the next file: their memory is touched already (see prepared-batch.ts). */
const freeRings: Ring[] = [];
const KEEP_RINGS = 2;

/**
 * Starts reading a GL export held in shared memory on the preparing thread, once the thread runs; null when
 * it cannot (then the caller reads the file itself).
 */
export async function startIifPreparation(bytes: Buffer, fileName: string): Promise<IifPreparation | null> {
  const { file, stallMs, workerData: more } = preparer();
  if (!file || !(bytes.buffer instanceof SharedArrayBuffer) || bytes.byteOffset !== 0) return null;
  let worker: Worker;
  let port1: MessagePort;
  let state: Int32Array;
  let ring: Ring;
  try {
    state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
    ring = freeRings.pop() ?? newRing();
    const channel = new MessageChannel();
    port1 = channel.port1;
    worker = new Worker(file, {
      workerData: { ...more, buffer: bytes.buffer, length: bytes.length, fileName, port: channel.port2, state: state.buffer, ring },
      transferList: [channel.port2],
    });
  } catch {
    return null; // no memory or no thread for it: read here
  }
  // The ring is written by the thread until it exits and read here until close(): free only after both.
  let exited = false;
  let closed = false;
  const release = () => {
    if (exited && closed && freeRings.length < KEEP_RINGS) freeRings.push(ring);
  };
  let failed: string | null = null;
  worker.on('error', (err) => (failed ??= err.message));
  worker.on('exit', (code) => {
    if (code !== 0) failed ??= `it stopped (code ${code})`;
    exited = true;
    release();
  });
  const preparation = new Preparation(
    worker,
    port1,
    state,
    ring,
    fileName,
    () => failed,
    stallMs,
    () => {
      closed = true;
      release();
    },
  );
  // Its first message says it runs (a script that cannot load fails here, before anyone waits on it).
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_MS);
    timer.unref();
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    worker.once('message', () => settle(true));
    worker.once('error', () => settle(false));
    worker.once('exit', () => settle(false));
  });
  if (!started) {
    preparation.close();
    return null;
  }
  // From now on it is waited for synchronously; a file read ahead and never recorded (the import stopped)
  // must not keep the process alive.
  worker.unref();
  preparedReads.started++;
  return preparation;
}

class Preparation implements IifPreparation {
  private taken = 0;
  private ended = false;
  private isClosed = false;

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
    private readonly ring: Ring,
    private readonly fileName: string,
    private readonly failure: () => string | null,
    private readonly stallMs: number,
    private readonly closed: () => void,
  ) {}

  next(): PreparedStep {
    try {
      return this.wait();
    } catch (err) {
      if (err instanceof PreparationFailed) preparedReads.fellBack++;
      throw err;
    }
  }

  private wait(): PreparedStep {
    if (this.ended) throw new PreparationFailed('the read is over');
    let since = Date.now();
    for (;;) {
      // Read before receiving: whatever the thread posted, it posted before saying it exits.
      const exited = Atomics.load(this.state, EXITED) === 1;
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const step = this.step(received.message as FromPreparer);
        // Read out of the ring: the thread may write that slot again.
        this.taken++;
        Atomics.store(this.state, TAKEN, this.taken);
        Atomics.notify(this.state, TAKEN);
        return step;
      }
      // Seen only if the thread failed before this wait began (its events cannot arrive during one).
      const failure = this.failure();
      if (failure) throw new PreparationFailed(`the reading thread failed: ${failure}`);
      if (exited) throw new PreparationFailed('the reading thread stopped before the end of the file');
      if (Date.now() - since > this.stallMs) throw new PreparationFailed('the reading thread stopped handing over journals');
      const posted = Atomics.load(this.state, POSTED);
      // A batch counted but not yet receivable is a moment away; otherwise sleep until one is posted.
      Atomics.wait(this.state, POSTED, posted, posted > this.taken ? 1 : 100);
      if (Atomics.load(this.state, POSTED) !== posted) since = Date.now();
    }
  }

  private step(message: FromPreparer): PreparedStep {
    if (message.kind === 'error') throw new PreparationFailed(`the reading thread failed: ${message.message}`);
    if (message.kind === 'end') {
      this.ended = true;
      return { kind: 'end', journals: message.journals, result: message.result };
    }
    try {
      return { kind: 'batch', batch: unpackBatch(this.ring, message, this.fileName) };
    } catch (err) {
      // A batch that does not read back as written: never recorded, the file is read here instead.
      throw new PreparationFailed(`a batch from the reading thread is damaged: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  close(): void {
    if (this.isClosed) return; // once: the ring is freed once
    this.isClosed = true;
    this.ended = true;
    this.port.close();
    void this.worker.terminate();
    this.closed();
  }
}
