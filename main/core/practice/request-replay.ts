/**
 * QBO idempotency: a repeated `requestid` gets the original response and nothing is done twice.
 * Batch items are keyed by requestid + bId (QBO's reason for the 36 + 10 character limits).
 * Only successful writes are remembered: a request that faulted changed nothing, so a retry after
 * the user fixed the cause (closing date, mapping) must run again.
 */
export interface ReplayEntry {
  status: number;
  body: unknown;
}

const MAX_ENTRIES = 20_000;

export class RequestReplay {
  private entries = new Map<string, ReplayEntry>();

  constructor(private readonly onChange: () => void = () => {}) {}

  static single(requestId: string): string {
    return `r:${requestId}`;
  }

  static batchItem(requestId: string, bId: string): string {
    return `b:${requestId}:${bId}`;
  }

  get(key: string): ReplayEntry | undefined {
    return this.entries.get(key);
  }

  remember(key: string, entry: ReplayEntry): void {
    this.entries.set(key, structuredClone(entry));
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.onChange();
  }

  snapshot(): Record<string, ReplayEntry> {
    return Object.fromEntries(this.entries);
  }

  restore(snap: Record<string, ReplayEntry>): void {
    this.entries = new Map(Object.entries(snap));
  }
}
