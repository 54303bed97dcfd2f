// Runs a TypeScript worker entry from source (the harness and tests; the app runs the built
// dist/main/core-worker.js): tsx compiles it on the fly inside the worker thread.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
