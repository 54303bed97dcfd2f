/** Fault injection for tests and benchmarks; every field can be changed while the simulator runs. */
export interface FaultKnobs {
  /** Added to every API request (held while in flight, so it also exercises the concurrency cap). */
  latencyMs: number;
  /** Share of API requests answered 500 SystemFault before doing anything (0..1, seeded PRNG). */
  serverErrorRate: number;
  /** Share of write requests whose socket is destroyed AFTER the write was committed (0..1). */
  dropConnectionRate: number;
  /** Every access token counts as expired (401) until switched off. */
  expireAccessTokens: boolean;
  /** The next N API requests fail with failNextStatus before doing anything. */
  failNext: number;
  failNextStatus: number;
  /** Books closed through this date (YYYY-MM-DD): 6210 on transactions dated on or before it. */
  closingDate: string | null;
  /** Company preference "warn on duplicate transaction numbers": 6140 on duplicate DocNumber. */
  duplicateDocNumberCheck: boolean;
  /** Subscription ended: writes fault 6190. */
  subscriptionEnded: boolean;
}

export const DEFAULT_KNOBS: FaultKnobs = {
  latencyMs: 0,
  serverErrorRate: 0,
  dropConnectionRate: 0,
  expireAccessTokens: false,
  failNext: 0,
  failNextStatus: 503,
  closingDate: null,
  duplicateDocNumberCheck: true,
  subscriptionEnded: false,
};
