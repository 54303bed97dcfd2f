/**
 * Child-process entry: hosts practice simulators for the benchmark and answers RPC calls about them
 * (start, stats, knobs, list, timeline, close). QBO's side of the benchmark runs here, on its own core.
 */
import { serve } from '../proc/rpc';
import { LocalSim, type SimStartOptions } from './sim-handle';

const sims = new Map<number, LocalSim>();
let nextId = 1;

function get(id: number): LocalSim {
  const sim = sims.get(id);
  if (!sim) throw new Error(`no simulator ${id}`);
  return sim;
}

serve(process, {
  async start(options: SimStartOptions) {
    const sim = await LocalSim.start(options);
    const id = nextId++;
    sims.set(id, sim);
    return { id, info: sim.info };
  },
  stats: (id: number) => get(id).stats(),
  setKnobs: (id: number, knobs: Record<string, unknown>) => get(id).setKnobs(knobs),
  list: (id: number, entity: string) => get(id).list(entity),
  startTimeline: (id: number, intervalMs: number) => get(id).startTimeline(intervalMs),
  stopTimeline: (id: number) => get(id).stopTimeline(),
  async close(id: number) {
    await get(id).close();
    sims.delete(id);
  },
  async exit() {
    for (const sim of sims.values()) await sim.close();
    setImmediate(() => process.exit(0));
  },
});
process.on('disconnect', () => process.exit(0));
