/** Runs one task of bench-child.ts in a fresh child process, relaying its simulator calls to the host. */
import type { ChildProcess } from 'node:child_process';
import { coreHeapFlags } from '../../main/core/host/core-heap';
import { forkBuilt } from './fork-built';
import { caller, forkTs, serve } from './rpc';
import type { RemoteSim, SimHost } from '../sim/remote-sim';
import type { SimRef } from './bench-child';

const SIM_METHODS = ['stats', 'setKnobs', 'list', 'startTimeline', 'stopTimeline'] as const;

type Task = 'core' | 'latency' | 'local' | 'inbox' | 'scale';

/**
 * Tasks whose memory is the figure: run as the app runs the core, built JS (not through tsx, whose
 * transform and source maps cost the process 30-60 MB) with the core worker's heap bounds (core-heap.ts).
 */
const AS_THE_APP_RUNS: readonly Task[] = ['scale'];

export async function runInChild<T>(
  task: Task,
  input: object,
  options: { host?: SimHost; sim?: RemoteSim; execArgv?: readonly string[]; asApp?: boolean } = {},
): Promise<T> {
  const entry = new URL('./bench-child.ts', import.meta.url).pathname;
  const asApp = options.asApp ?? AS_THE_APP_RUNS.includes(task);
  const child: ChildProcess = asApp ? forkBuilt(entry, [...coreHeapFlags(), ...(options.execArgv ?? [])]) : forkTs(entry, [], options.execArgv ?? []);
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
