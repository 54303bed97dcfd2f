/**
 * Child-process entry for one measured task (a core run, the readers, the latency runs), each in a fresh
 * process so its memory and CPU are its own. The simulator lives in the simulator host; calls to it go
 * through the orchestrator ("sim.*").
 */
import { runCore, type CoreRunInput } from '../core/core-run';
import { runInboxLatency, type InboxLatencyInput } from '../inbox/inbox-latency';
import { runLatency, type LatencyRunInput } from '../latency/latency-run';
import { runLocalPipeline, type LocalPipelineInput } from '../local/local-pipeline';
import { RemoteSim } from '../sim/remote-sim';
import { runScale, type ScaleRunInput } from '../scale/scale-run';
import type { SimInfo } from '../sim/sim-handle';
import { caller, serve } from './rpc';

export interface SimRef {
  simId: number;
  simInfo: SimInfo;
}

const call = caller(process);
const simOf = (ref: SimRef) => new RemoteSim((method, ...args) => call(`sim.${method}`, ...args), ref.simId, ref.simInfo);

serve(process, {
  core: ({ simId, simInfo, ...rest }: Omit<CoreRunInput, 'sim'> & SimRef) => runCore({ ...rest, sim: simOf({ simId, simInfo }) }),
  latency: ({ simId, simInfo, ...rest }: Omit<LatencyRunInput, 'sim'> & SimRef) => runLatency({ ...rest, sim: simOf({ simId, simInfo }) }),
  scale: ({ simId, simInfo, ...rest }: Omit<ScaleRunInput, 'sim'> & SimRef) => runScale({ ...rest, sim: simOf({ simId, simInfo }) }),
  local: (input: LocalPipelineInput) => runLocalPipeline(input),
  inbox: (input: InboxLatencyInput) => runInboxLatency(input),
});
process.on('disconnect', () => process.exit(0));
