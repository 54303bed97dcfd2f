/**
 * Folds the WAL back into the ledger file on another thread, after a big write. SQLite's automatic
 * checkpoint runs inside the commit that pushed the WAL past 1,000 pages, on the committing thread: after
 * a whole-file import of a few hundred MB that is over half a second more the import waits for, copying
 * pages that are already safe (the commit synced the WAL first). Here the committing connection skips
 * that step and a second connection, in a worker thread, runs the same PASSIVE checkpoint meanwhile.
 * Nothing about durability changes: the data is in the synced WAL either way, and a checkpoint cut short
 * (the app closing) is finished by the next one.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's default: the committing connection checkpoints once the WAL holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;
/** How long close() waits for a running checkpoint before it stops the thread (the next open finishes it). */
const CLOSE_WAIT_MS = 10_000;

// Plain CommonJS run with `eval`: no file of its own to find in source, bundle or package.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
let db = null;
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try {
      if (!db) {
        db = new (require(workerData.sqlite))(workerData.file, { fileMustExist: true });
        db.pragma('synchronous = FULL');
      }
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy, gone or not loadable: the next checkpoint (ours or SQLite's own) copies the same pages
    } finally {
      // Always answered, so close() never waits out its bound on a thread that failed.
      Atomics.store(state, 0, 0);
      Atomics.notify(state, 0);
    }
    parentPort.postMessage('done');
  } else if (message === 'close') {
    try {
      db?.close();
    } finally {
      parentPort.close();
    }
  }
});
`;

export class BackgroundCheckpoint {
  private worker: Worker | null = null;
  /** [0]: 1 from when a checkpoint is asked for until the worker has finished it (close() waits on it). */
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  /** Asked for, and its end not yet seen on this thread: automatic checkpoints stay off until then. */
  private pending = false;
  /** A bulk write committed while one was running: that one may not cover it, so one more follows. */
  private again = false;
  /** Checkpoints the thread has finished (tests and diagnostics). */
  private finished = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  /**
   * Runs fn (a write transaction) with the commit's own checkpoint off, then has the worker checkpoint.
   * This connection stays without automatic checkpoints until the worker is done, so the next small
   * write does not do the same copy on this thread.
   */
  run<T>(fn: () => T): T {
    if (!this.pending) this.db.pragma('wal_autocheckpoint = 0');
    let out: T;
    try {
      out = fn();
    } catch (err) {
      if (!this.pending) this.autocheckpoint();
      throw err;
    }
    this.start();
    return out;
  }

  /** A checkpoint was asked for and this thread has not yet seen it end. */
  get running(): boolean {
    return this.pending;
  }

  /** How many checkpoints the thread has finished. */
  get done(): number {
    return this.finished;
  }

  /** Waits (blocking, bounded) for a running checkpoint, then stops the thread. */
  close(): void {
    if (!this.worker) return;
    Atomics.wait(this.state, 0, 1, CLOSE_WAIT_MS);
    this.worker.postMessage('close');
    void this.worker.terminate();
    this.worker = null;
    this.pending = this.again = false;
  }

  private start(): void {
    if (this.pending) {
      this.again = true;
      return;
    }
    this.pending = true;
    try {
      this.post();
    } catch {
      // No thread (spawning failed): the write has committed all the same; this connection checkpoints itself.
      this.stopped();
    }
  }

  private post(): void {
    const worker = (this.worker ??= this.spawn());
    Atomics.store(this.state, 0, 1);
    worker.postMessage('checkpoint');
  }

  private autocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.file, state: this.state.buffer },
    });
    worker.unref(); // never what keeps a process (the CLI, a test) alive
    worker.on('message', () => {
      if (this.worker !== worker) return;
      this.finished++;
      if (this.again) {
        this.again = false;
        try {
          this.post();
        } catch {
          this.stopped(); // as in start(): this connection checkpoints by itself again
        }
        return;
      }
      this.pending = false;
      this.autocheckpoint();
    });
    // The thread died or ended: this connection checkpoints by itself again.
    const gone = () => {
      if (this.worker === worker) this.stopped();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    return worker;
  }

  private stopped(): void {
    Atomics.store(this.state, 0, 0);
    this.worker = null;
    this.pending = this.again = false;
    this.autocheckpoint();
  }
}
