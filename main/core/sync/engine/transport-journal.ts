/**
 * How each job travels to QBO, written down BEFORE it is sent. QBO de-duplicates a create by its
 * requestid, and a batch item by the batch's requestid plus its bId; so once a job has left in a batch,
 * every later attempt must leave in that same batch identity (or, if it left alone, alone with its own
 * requestid). Otherwise a crash between "QBO created it" and "the ledger knows" would let a retry
 * create it a second time. The record lives in the ledger's history (same file, same transaction as
 * the claim), so it survives exactly what the outbox survives.
 */
import { createHash } from 'node:crypto';
import type { Ledger, OutboxJob } from '../../ledger';
import { MAX_BATCH_REQUEST_ID, MAX_BID } from '../../qbo/request-id';

export type Transport = { via: 'single'; requestId: string } | { via: 'batch'; batchRequestId: string; bId: string };

const SENT_ALONE = 'sentAlone';
const SENT_IN_BATCH = 'sentInBatch';

interface TransportDetail {
  idempotencyKey: string;
  /** The job's own requestid at the time: a revised payload (new generation) starts afresh. */
  requestId: string;
  batchRequestId?: string;
  bId?: string;
  batchSize?: number;
}

/** A job's bId: derived from its row, so a resend of the same batch carries the same bId. */
export function batchItemId(job: Pick<OutboxJob, 'id' | 'generation'>): string {
  const id = `${job.id.toString(36)}${job.generation > 1 ? `g${job.generation.toString(36)}` : ''}`;
  if (id.length <= MAX_BID) return id;
  // Astronomically many rows: a hash of the same facts, still stable across resends.
  return `h${BigInt(`0x${createHash('sha256').update(`${job.id}:${job.generation}`).digest('hex').slice(0, 16)}`)
    .toString(36)
    .slice(0, MAX_BID - 1)}`;
}

/** A batch's requestid from its members' requestids (same members -> same id), at most 36 characters. */
export function batchRequestId(members: readonly Pick<OutboxJob, 'requestId'>[]): string {
  const digest = createHash('sha256')
    .update(
      members
        .map((m) => m.requestId)
        .sort()
        .join('\n'),
    )
    .digest('base64url');
  return `B${digest}`.slice(0, MAX_BATCH_REQUEST_ID).replace(/[^A-Za-z0-9._~:-]/g, '_');
}

export class TransportJournal {
  constructor(private readonly ledger: Ledger) {}

  /**
   * The transport a job already used for its current requestid, or null when it never left. Only jobs
   * claimed before (attempts > 1) can have one, so fresh jobs cost no lookup.
   */
  previous(job: OutboxJob): Transport | null {
    if (job.attempts <= 1) return null;
    const page = this.ledger.history.query({ subjectKind: 'job', subjectKey: `job:${job.id}` }, { limit: 50 });
    for (const entry of page.rows) {
      if (entry.action !== SENT_ALONE && entry.action !== SENT_IN_BATCH) continue;
      const detail = entry.detail as TransportDetail | null;
      if (!detail || detail.requestId !== job.requestId) return null;
      if (entry.action === SENT_ALONE) return { via: 'single', requestId: job.requestId };
      if (detail.batchRequestId && detail.bId) return { via: 'batch', batchRequestId: detail.batchRequestId, bId: detail.bId };
      return null;
    }
    return null;
  }

  /** Records that these jobs leave now, together, under `transport`. Call inside the claim's transaction. */
  recordBatch(jobs: readonly OutboxJob[], batchId: string, bIds: ReadonlyMap<number, string>): void {
    for (const job of jobs) {
      const detail: TransportDetail = {
        idempotencyKey: job.idempotencyKey,
        requestId: job.requestId,
        batchRequestId: batchId,
        bId: bIds.get(job.id)!,
        batchSize: jobs.length,
      };
      this.record(job, SENT_IN_BATCH, detail);
    }
  }

  recordSingle(job: OutboxJob): void {
    this.record(job, SENT_ALONE, { idempotencyKey: job.idempotencyKey, requestId: job.requestId });
  }

  private record(job: OutboxJob, action: string, detail: TransportDetail): void {
    this.ledger.history.record({
      subjectKind: 'job',
      subjectKey: `job:${job.id}`,
      action,
      from: job.status,
      to: job.status,
      store: job.store,
      businessDate: job.businessDate,
      detail,
    });
  }
}
