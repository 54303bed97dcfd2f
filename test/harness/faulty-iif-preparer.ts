/**
 * The real preparing thread (main/core/inbox/iif-prepare-worker.ts) with a fault after `fault.after` batches,
 * for the fallback tests: 'throw' (an error inside it), 'exit' (process.exit mid-file), 'hang' (it stops
 * handing over anything and never ends) or 'damage' (a batch that does not read back: it claims more journals
 * than its slot holds). Built by sourceFaultyIifPreparer().
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

const { port, fault } = workerData as { port: MessagePort; fault: { mode: 'throw' | 'exit' | 'hang' | 'damage'; after: number } };
const post = port.postMessage.bind(port);
let batches = 0;
port.postMessage = (message: { kind: string }, transfer?: Parameters<MessagePort['postMessage']>[1]) => {
  if (message.kind === 'batch' && ++batches > fault.after) {
    if (fault.mode === 'throw') throw new Error('a fault of the test');
    if (fault.mode === 'exit') process.exit(3);
    if (fault.mode === 'damage') return post({ ...message, count: 1_000_000 }, transfer);
    const idle = new Int32Array(new SharedArrayBuffer(4));
    for (;;) Atomics.wait(idle, 0, 0, 50); // stuck, yet stoppable by terminate()
  }
  post(message, transfer);
};

await import('../../main/core/inbox/iif-prepare-worker');
