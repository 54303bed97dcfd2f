/**
 * One practice simulator as the benchmark sees it: where it listens, its counters, its knobs, and a
 * timeline of its counters sampled on its own clock. The same interface in process (smoke test) and
 * in a child process (the benchmark, so QBO's side does not share the measured process's CPU or heap).
 */
import { startSimulator, type FaultKnobs, type RunningSimulator, type SimulatorOptions, type SimulatorStats } from '../../main/core/practice/simulator';

/** [epoch ms on the simulator's clock, creates, requests, metered reads] */
export type StatsSample = [t: number, creates: number, requests: number, meteredReads: number];

export interface SimInfo {
  baseUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  authorizeUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SimHandle {
  info: SimInfo;
  stats(): Promise<SimulatorStats>;
  setKnobs(knobs: Partial<FaultKnobs>): Promise<void>;
  /** Every stored object of an entity (copies). */
  list(entity: string): Promise<Record<string, unknown>[]>;
  /** Starts sampling the counters every `intervalMs` (replaces an earlier timeline). */
  startTimeline(intervalMs: number): Promise<void>;
  /** Stops sampling; returns the samples (one more is taken on stop). */
  stopTimeline(): Promise<StatsSample[]>;
  close(): Promise<void>;
}

/** Serializable options (no clock functions): what crosses the process boundary. */
export type SimStartOptions = Pick<SimulatorOptions, 'limits' | 'knobs' | 'seed' | 'profile'>;

export const wallClock = (): number => performance.timeOrigin + performance.now();

/** The part of a handle that works on a RunningSimulator in this process (the child host uses it too). */
export class LocalSim implements SimHandle {
  readonly info: SimInfo;
  private samples: StatsSample[] = [];
  private timer: NodeJS.Timeout | null = null;

  private constructor(private readonly sim: RunningSimulator) {
    this.info = {
      baseUrl: sim.baseUrl,
      tokenUrl: sim.tokenUrl,
      revokeUrl: sim.revokeUrl,
      authorizeUrl: sim.authorizeUrl,
      realmId: sim.realmId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      refreshToken: sim.refreshToken,
    };
  }

  static async start(options: SimStartOptions): Promise<LocalSim> {
    return new LocalSim(await startSimulator(options));
  }

  async stats(): Promise<SimulatorStats> {
    return this.sim.stats();
  }

  async setKnobs(knobs: Partial<FaultKnobs>): Promise<void> {
    Object.assign(this.sim.knobs, knobs);
  }

  async list(entity: string): Promise<Record<string, unknown>[]> {
    return this.sim.list(entity);
  }

  private sample(): void {
    const s = this.sim.stats();
    this.samples.push([wallClock(), s.creates, s.requests, s.meteredReads]);
  }

  async startTimeline(intervalMs: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.samples = [];
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  async stopTimeline(): Promise<StatsSample[]> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const out = this.samples;
    this.samples = [];
    return out;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sim.close();
  }
}
