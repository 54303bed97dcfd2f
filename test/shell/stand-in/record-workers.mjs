// Wraps worker_threads.Worker before the app loads, so the stand-in can list and end the app's workers.
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';

const Original = workerThreads.Worker;
const workers = [];
globalThis.__standInWorkers = workers;
workerThreads.Worker = class RecordedWorker extends Original {
  constructor(file, options) {
    super(file, options);
    workers.push({ file: String(file), worker: this, exited: false });
    this.once('exit', () => (workers.find((w) => w.worker === this).exited = true));
  }
};
syncBuiltinESMExports();
