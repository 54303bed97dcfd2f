/** Counters tests and benchmarks assert on (e.g. "steady-state sync makes almost no metered reads"). */
export interface SimulatorStats {
  requests: number;
  meteredReads: number;
  creates: number;
  throttled: number;
  maxInFlight: number;
  batchRequests: number;
  byEntity: Record<string, number>;
}

export function emptyStats(): SimulatorStats {
  return { requests: 0, meteredReads: 0, creates: 0, throttled: 0, maxInFlight: 0, batchRequests: 0, byEntity: {} };
}

export function countEntity(stats: SimulatorStats, entity: string): void {
  stats.byEntity[entity] = (stats.byEntity[entity] ?? 0) + 1;
}
