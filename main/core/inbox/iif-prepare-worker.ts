/**
 * The preparing thread of a big GL export (see iif-preparation.ts): reads the file from shared memory and
 * hands its journals over as ready row text, batch by batch, while the importing thread records the ones
 * before. Built as dist/main/iif-prepare-worker.js (and beside dist/cli.mjs). Never touches the ledger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { readIifBytes } from '../por/iif/iif-reader';
import { BatchPacker, RING_SLOTS, type FromPreparer, type Ring } from './prepared-batch';
import { EXITED, POSTED, TAKEN } from './preparation-state';

interface PreparerInput {
  buffer: SharedArrayBuffer;
  length: number;
  fileName: string;
  port: MessagePort;
  state: SharedArrayBuffer;
  ring: Ring;
}

const { buffer, length, fileName, port, state: stateBuffer, ring } = workerData as PreparerInput;
const state = new Int32Array(stateBuffer);
// However it ends (but killed outright): the importing thread, waiting, cannot see the thread's exit event.
process.on('exit', () => {
  Atomics.store(state, EXITED, 1);
  Atomics.notify(state, POSTED);
});
// Running: the importing thread waits for batches from now on.
parentPort!.postMessage('started');

let posted = 0;
function post(message: FromPreparer, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  posted++;
  Atomics.store(state, POSTED, posted);
  Atomics.notify(state, POSTED);
  // The next batch goes to the slot after this one: wait until the importing thread has read that slot out.
  for (let taken = Atomics.load(state, TAKEN); posted - taken > RING_SLOTS - 1; taken = Atomics.load(state, TAKEN)) {
    Atomics.wait(state, TAKEN, taken, 1000);
  }
}

try {
  const packer = new BatchPacker(ring);
  let accounts: [number | null, string, number][] = [];
  const seen = new Map<number | null, Set<string>>();
  let journals = 0;
  const flush = () => {
    if (packer.count === 0) return;
    const message = packer.take(accounts);
    accounts = [];
    post(message, message.own ? [message.own.text, message.own.ends] : []);
  };
  const result = readIifBytes(new Uint8Array(buffer, 0, length), fileName, (journal) => {
    // A full batch goes first; an empty one always takes the journal.
    if (!packer.add(journal)) {
      flush();
      packer.add(journal);
    }
    journals++;
    let known = seen.get(journal.store);
    if (!known) seen.set(journal.store, (known = new Set()));
    for (const line of journal.lines) {
      if (known.has(line.account)) continue;
      known.add(line.account);
      accounts.push([journal.store, line.account, packer.count - 1]);
    }
  });
  flush();
  post({ kind: 'end', journals, result });
} catch (err) {
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
} finally {
  port.close();
}
