/**
 * QBO idempotency memory. Docs: a repeated `requestid` gets the original response and nothing is done
 * twice. Batch items are keyed by requestid + bId (QBO's reason for the 36 + 10 character limits), and
 * a batch's requestid on its own records that the batch was seen.
 *
 * Every outcome is remembered, faults included; what a repeat gets is decided by the
 * `requestIdReplay` knob (fault-knobs.ts). Under the documented reading ('original') only a success is
 * replayed: a request that faulted changed nothing, so a retry after the user fixed the cause
 * (closing date, mapping) runs again.
 */
import { QboFault, type FaultType } from './faults';

export interface ReplayEntry {
  status: number;
  /** A success: { key, value }. A fault: the fault's fields (FaultRecord). A batch marker: null. */
  body: unknown;
  /** The remembered request faulted (absent in state files written before faults were remembered). */
  faulted?: boolean;
}

export interface FaultRecord {
  code: string;
  message: string;
  detail: string;
  element: string;
  type: FaultType;
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

  /** The batch as a whole (for "was this batch requestid seen before"). */
  static batch(requestId: string): string {
    return `B:${requestId}`;
  }

  get(key: string): ReplayEntry | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  remember(key: string, entry: ReplayEntry): void {
    this.entries.delete(key); // re-insert at the end: the oldest entry is the one dropped
    this.entries.set(key, structuredClone(entry));
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.onChange();
  }

  rememberFault(key: string, fault: QboFault): void {
    const record: FaultRecord = { code: fault.code, message: fault.faultMessage, detail: fault.detail, element: fault.element, type: fault.type };
    this.remember(key, { status: fault.status, body: record, faulted: true });
  }

  /** The fault a remembered faulted entry holds, as a throwable QboFault. */
  static faultOf(entry: ReplayEntry): QboFault {
    const r = entry.body as FaultRecord;
    return new QboFault(entry.status, r.code, r.message, r.detail, r.element, r.type);
  }

  snapshot(): Record<string, ReplayEntry> {
    return Object.fromEntries(this.entries);
  }

  restore(snap: Record<string, ReplayEntry>): void {
    this.entries = new Map(Object.entries(snap));
  }
}
