/** Runs one task of bench-child.ts in a fresh child process, relaying its simulator calls to the host. */
import { caller, forkTs, serve } from './rpc';
import type { RemoteSim, SimHost } from '../sim/remote-sim';
import type { SimRef } from './bench-child';

const SIM_METHODS = ['stats', 'setKnobs', 'list', 'startTimeline', 'stopTimeline'] as const;

export async function runInChild<T>(
  task: 'core' | 'latency' | 'local' | 'inbox' | 'scale',
  input: object,
  options: { host?: SimHost; sim?: RemoteSim; execArgv?: readonly string[] } = {},
): Promise<T> {
  const child = forkTs(new URL('./bench-child.ts', import.meta.url).pathname, [], options.execArgv ?? []);
  const relay: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  const host = options.host;
  if (host) for (const m of SIM_METHODS) relay[`sim.${m}`] = (...args) => host.call(m, ...args);
  serve(child, relay);
  const call = caller(child);
  const ref: Partial<SimRef> = options.sim ? { simId: options.sim.id, simInfo: options.sim.info } : {};
  try {
    return (await call(task, { ...input, ...ref })) as T;
  } finally {
    child.disconnect();
  }
}
