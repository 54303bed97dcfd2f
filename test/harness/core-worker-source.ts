/** The core's worker from source, for the harness and tests: the same protocol as the app's built worker. */
import type { CoreClientOptions } from '../../main/core/host/core-client';

export function sourceCoreWorker(): CoreClientOptions['worker'] {
  return {
    file: new URL('./ts-worker.mjs', import.meta.url),
    workerData: { entry: new URL('../../main/core/host/core-worker.ts', import.meta.url).href },
  };
}
