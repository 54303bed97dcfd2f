/**
 * Peak memory of this process while something runs: RSS from the kernel's high-water mark
 * (process.resourceUsage().maxRSS, exact), V8 heap in use from samples (a short spike between two
 * samples can be missed, so heap figures are lower bounds on the true peaks). Phases split the heap
 * peak by what the process was doing (import, plan, drain).
 */
export interface MemoryPeak {
  /** RSS when the watch started (the process with its code loaded), MB. */
  baselineRssMb: number;
  /** Highest RSS of the process so far, MB. */
  peakRssMb: number;
  /** Highest sampled V8 heap in use, MB. */
  peakHeapUsedMb: number;
  /** Highest sampled heap per phase, MB. */
  phases: Record<string, number>;
}

const MB = 1024 * 1024;
const round = (x: number): number => Math.round(x * 10) / 10;

export class MemoryWatch {
  private readonly baseline = process.memoryUsage().rss;
  private peakHeap = 0;
  private phasePeak = 0;
  private readonly phases: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 25) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Take a sample now (call it at the end of synchronous phases, where timers can't run). */
  sample(): void {
    const heap = process.memoryUsage().heapUsed;
    if (heap > this.peakHeap) this.peakHeap = heap;
    if (heap > this.phasePeak) this.phasePeak = heap;
  }

  /** Ends a phase: its heap peak is remembered under `name`. */
  endPhase(name: string): void {
    this.sample();
    this.phases[name] = round(this.phasePeak / MB);
    this.phasePeak = 0;
  }

  stop(): MemoryPeak {
    this.sample();
    clearInterval(this.timer);
    return {
      baselineRssMb: round(this.baseline / MB),
      peakRssMb: round((process.resourceUsage().maxRSS * 1024) / MB),
      peakHeapUsedMb: round(this.peakHeap / MB),
      phases: { ...this.phases },
    };
  }
}
