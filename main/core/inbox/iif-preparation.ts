/**
 * A big GL export is read on a thread of its own (iif-prepare-worker.ts) while the ledger records it here:
 * the reading, hashing and serialising of each journal (about 40% of a 1,000,000-line import) leave the
 * importing thread, which only writes rows. The file's transaction stays on this thread and waits for each
 * batch (Atomics.wait), so the import is one transaction as before. If the thread cannot start, fails or
 * stalls, the transaction is rolled back and the file is read here instead (PreparationFailed).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { newRing, unpackBatch, type FromPreparer, type PreparedBatch, type Ring } from './prepared-batch';
import { POSTED, STARTED, STATE_SLOTS, TAKEN } from './preparation-state';
import type { ReadResult } from '../por/read-result';

/** The thread has this long to start, and then to hand over each next batch, before the file is read here. */
const START_MS = 15_000;
const STALL_MS = 30_000;

export class PreparationFailed extends Error {}

export type PreparedStep = { kind: 'batch'; batch: PreparedBatch } | { kind: 'end'; journals: number; result: ReadResult };

export interface IifPreparation {
  /** The next batch, or the end of the read: waits (blocking) for the thread. Throws PreparationFailed. */
  next(): PreparedStep;
  /** Stops the thread (whether or not it finished); the file's memory is then this thread's alone again. */
  close(): void;
}

let workerFile: URL | string | null | undefined;

/**
 * The preparing thread's script: the built one beside this bundle (dist/main, dist), or the one given here
 * (tests and benchmarks running from source build it; null: files are always read on the importing thread).
 */
export function useIifPrepareWorker(file: URL | string | null): void {
  workerFile = file;
}

function preparerScript(): URL | string | null {
  if (workerFile === undefined) {
    const built = new URL('./iif-prepare-worker.js', import.meta.url);
    workerFile = built.protocol === 'file:' && existsSync(fileURLToPath(built)) ? built : null;
  }
  return workerFile;
}

/** Rings no thread writes to any more, kept for the next file: their memory is touched already (see prepared-batch.ts). */
const freeRings: Ring[] = [];
const KEEP_RINGS = 2;

/** Starts reading a GL export held in shared memory on the preparing thread; null when it cannot be. */
export function startIifPreparation(bytes: Buffer, fileName: string): IifPreparation | null {
  const script = preparerScript();
  if (!script || !(bytes.buffer instanceof SharedArrayBuffer) || bytes.byteOffset !== 0) return null;
  const state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
  const { port1, port2 } = new MessageChannel();
  const ring = freeRings.pop() ?? newRing();
  let worker: Worker;
  try {
    worker = new Worker(script, {
      workerData: { buffer: bytes.buffer, length: bytes.length, fileName, port: port2, state: state.buffer, ring },
      transferList: [port2],
    });
  } catch {
    port1.close();
    freeRings.push(ring);
    return null;
  }
  let failed: string | null = null;
  worker.on('error', (err) => (failed ??= err.message));
  worker.on('exit', (code) => {
    failed ??= code === 0 ? null : `it stopped (code ${code})`;
    // Only now can nothing write to it.
    if (freeRings.length < KEEP_RINGS) freeRings.push(ring);
  });
  // A file read ahead and never recorded (the import stopped) must not keep the process alive.
  worker.unref();
  return new Preparation(worker, port1, state, ring, fileName, () => failed);
}

class Preparation implements IifPreparation {
  private taken = 0;
  private ended = false;

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
    private readonly ring: Ring,
    private readonly fileName: string,
    private readonly failure: () => string | null,
  ) {}

  next(): PreparedStep {
    if (this.ended) throw new PreparationFailed('the read is over');
    let since = Date.now();
    for (;;) {
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
      const started = Atomics.load(this.state, STARTED) === 1;
      if (Date.now() - since > (started ? STALL_MS : START_MS))
        throw new PreparationFailed(started ? 'the reading thread stalled' : 'the reading thread did not start');
      const posted = Atomics.load(this.state, POSTED);
      // A batch counted but not yet receivable is a moment away; otherwise sleep until one is posted.
      Atomics.wait(this.state, POSTED, posted, posted > this.taken ? 1 : 200);
      if (Atomics.load(this.state, POSTED) !== posted) since = Date.now();
    }
  }

  private step(message: FromPreparer): PreparedStep {
    if (message.kind === 'error') throw new PreparationFailed(`the reading thread failed: ${message.message}`);
    if (message.kind === 'end') {
      this.ended = true;
      return { kind: 'end', journals: message.journals, result: message.result };
    }
    return { kind: 'batch', batch: unpackBatch(this.ring, message, this.fileName) };
  }

  close(): void {
    this.ended = true;
    this.port.close();
    void this.worker.terminate();
  }
}
