/** A SimHandle whose simulator lives in another process (the simulator host), reached over RPC. */
import type { FaultKnobs, SimulatorStats } from '../../main/core/practice/simulator';
import { forkTs, type Caller, caller } from '../proc/rpc';
import type { SimHandle, SimInfo, SimStartOptions, StatsSample } from './sim-handle';

export class RemoteSim implements SimHandle {
  constructor(
    private readonly call: Caller,
    readonly id: number,
    readonly info: SimInfo,
  ) {}

  static async start(call: Caller, options: SimStartOptions): Promise<RemoteSim> {
    const { id, info } = (await call('start', options)) as { id: number; info: SimInfo };
    return new RemoteSim(call, id, info);
  }

  stats(): Promise<SimulatorStats> {
    return this.call('stats', this.id) as Promise<SimulatorStats>;
  }

  async setKnobs(knobs: Partial<FaultKnobs>): Promise<void> {
    await this.call('setKnobs', this.id, knobs);
  }

  list(entity: string): Promise<Record<string, unknown>[]> {
    return this.call('list', this.id, entity) as Promise<Record<string, unknown>[]>;
  }

  async startTimeline(intervalMs: number): Promise<void> {
    await this.call('startTimeline', this.id, intervalMs);
  }

  stopTimeline(): Promise<StatsSample[]> {
    return this.call('stopTimeline', this.id) as Promise<StatsSample[]>;
  }

  async close(): Promise<void> {
    await this.call('close', this.id);
  }
}

/** The simulator host child process and a way to start simulators in it. */
export interface SimHost {
  call: Caller;
  start(options: SimStartOptions): Promise<RemoteSim>;
  exit(): Promise<void>;
}

export function startSimHost(): SimHost {
  const child = forkTs(new URL('./sim-host.ts', import.meta.url).pathname);
  const call = caller(child);
  return {
    call,
    start: (options) => RemoteSim.start(call, options),
    async exit() {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('exit').catch(() => undefined);
      await gone;
    },
  };
}
