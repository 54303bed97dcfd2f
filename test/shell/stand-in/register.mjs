// `node --import ./register.mjs dist/main/index.js`: `electron` resolves to the recorded stand-in, and
// every worker thread the app starts is recorded (so the test can end one and watch it come back).
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

register('./hooks.mjs', import.meta.url);
if (isMainThread) await import('./record-workers.mjs');
