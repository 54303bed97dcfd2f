/**
 * Where the measured pieces run. The benchmark: QBO's side in a simulator host process, each measured
 * task in a fresh child process (two cores: the core on one, QBO on the other). The smoke test: all in
 * this process, at toy size, so the code paths are exercised without spawning anything.
 */
import type { CoreRunInput, CoreRunResult } from './core/core-run';
import { runCore } from './core/core-run';
import type { InboxLatencyInput, InboxLatencyResult } from './inbox/inbox-latency';
import { runInboxLatency } from './inbox/inbox-latency';
import type { LatencyRunInput, LatencyRunResult } from './latency/latency-run';
import { runLatency } from './latency/latency-run';
import type { LocalPipelineInput, LocalPipelineResult } from './local/local-pipeline';
import { runLocalPipeline } from './local/local-pipeline';
import { runInChild } from './proc/child-task';
import { startSimHost, type RemoteSim, type SimHost } from './sim/remote-sim';
import { LocalSim, type SimHandle, type SimStartOptions } from './sim/sim-handle';

export interface Executor {
  readonly where: 'processes' | 'in-process';
  startSim(options: SimStartOptions): Promise<SimHandle>;
  core(input: Omit<CoreRunInput, 'sim'>, sim: SimHandle): Promise<CoreRunResult>;
  latency(input: Omit<LatencyRunInput, 'sim'>, sim: SimHandle): Promise<LatencyRunResult>;
  local(input: LocalPipelineInput): Promise<LocalPipelineResult>;
  inbox(input: InboxLatencyInput): Promise<InboxLatencyResult>;
  close(): Promise<void>;
}

export function inProcessExecutor(): Executor {
  return {
    where: 'in-process',
    startSim: (options) => LocalSim.start(options),
    core: (input, sim) => runCore({ ...input, sim }),
    latency: (input, sim) => runLatency({ ...input, sim }),
    local: (input) => runLocalPipeline(input),
    inbox: (input) => runInboxLatency(input),
    close: async () => {},
  };
}

export function childProcessExecutor(): Executor {
  let host: SimHost | null = null;
  const simHost = (): SimHost => (host ??= startSimHost());
  return {
    where: 'processes',
    startSim: (options) => simHost().start(options),
    core: (input, sim) => runInChild<CoreRunResult>('core', input, { host: simHost(), sim: sim as RemoteSim }),
    latency: (input, sim) => runInChild<LatencyRunResult>('latency', input, { host: simHost(), sim: sim as RemoteSim }),
    local: (input) => runInChild<LocalPipelineResult>('local', input),
    inbox: (input) => runInChild<InboxLatencyResult>('inbox', input),
    async close() {
      await host?.exit();
      host = null;
    },
  };
}
