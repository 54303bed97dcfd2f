/**
 * A file's sha256 (its identity in the file registry). A big file is read into shared memory and hashed on a
 * thread of its own while the importing thread parses it: for a GL export of 80 MB the hash alone is a fifth
 * of a second the import no longer waits for. Small files (every real POR export) are hashed in place.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** From this size on a file is hashed off the importing thread. */
export const OFF_THREAD_HASH_BYTES = 4 * 1024 * 1024;

// Plain CommonJS run with `eval`: no file of its own to find in source, bundle or package.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, buffer, length }) => {
  let hex = null;
  try {
    hex = createHash('sha256').update(new Uint8Array(buffer, 0, length)).digest('hex');
  } catch {}
  parentPort.postMessage({ id, hex });
});
`;

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (hex: string | null) => void>();

function hashWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.on('message', ({ id, hex }: { id: number; hex: string | null }) => {
    waiting.get(id)?.(hex);
    waiting.delete(id);
    if (waiting.size === 0) w.unref();
  });
  // The thread died or ended: whatever waits hashes in place, and the next big file gets a new thread.
  const gone = () => {
    if (worker !== w) return; // an earlier thread: what waits now belongs to its successor
    worker = null;
    for (const done of waiting.values()) done(null);
    waiting.clear();
  };
  w.on('error', gone);
  w.on('exit', gone);
  return (worker = w);
}

/** Reads a file of `size` bytes into shared memory (null when it is not that size any more: read it as usual). */
export async function readShared(handle: FileHandle, size: number): Promise<Buffer | null> {
  const bytes = Buffer.from(new SharedArrayBuffer(size));
  for (let read = 0; read < size;) {
    const { bytesRead } = await handle.read(bytes, read, size - read, read);
    if (bytesRead === 0) return null;
    read += bytesRead;
  }
  const probe = Buffer.alloc(1);
  return (await handle.read(probe, 0, 1, size)).bytesRead === 0 ? bytes : null;
}

/** The hex sha256 of bytes: on the hash thread when they are big and in shared memory, else here. */
export function sha256Hex(bytes: Buffer): Promise<string> {
  const here = () => createHash('sha256').update(bytes).digest('hex');
  if (bytes.length < OFF_THREAD_HASH_BYTES || !(bytes.buffer instanceof SharedArrayBuffer) || bytes.byteOffset !== 0) return Promise.resolve(here());
  const w = hashWorker();
  const id = nextId++;
  w.ref(); // an import waiting for its hash keeps the process alive
  return new Promise((resolve) => {
    waiting.set(id, (hex) => resolve(hex ?? here()));
    w.postMessage({ id, buffer: bytes.buffer, length: bytes.length });
  });
}
