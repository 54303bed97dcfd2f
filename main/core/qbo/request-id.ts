import { createHash } from 'node:crypto';

/**
 * QBO idempotency: a repeated `requestid` returns the first response and does nothing twice. The id
 * comes from the caller (the ledger row), so a retry, a crash or a resend can never double-post.
 */
export const MAX_REQUEST_ID = 50;
export const MAX_BATCH_REQUEST_ID = 36;
export const MAX_BID = 10;

const SAFE = /^[A-Za-z0-9._~:-]+$/;

export class RequestIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestIdError';
  }
}

/** Throws unless `id` is usable as a requestid on a single call (<= 50) or a batch call (<= 36). */
export function checkRequestId(id: unknown, kind: 'single' | 'batch' = 'single'): string {
  const max = kind === 'batch' ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
  if (typeof id !== 'string' || id.length === 0) throw new RequestIdError(`A requestid is required on every ${kind === 'batch' ? 'batch' : 'create'} call`);
  if (id.length > max) throw new RequestIdError(`requestid "${id}" is ${id.length} characters; QBO allows at most ${max} on a ${kind} call`);
  if (!SAFE.test(id)) throw new RequestIdError(`requestid "${id}" may only contain letters, digits and . _ ~ : -`);
  return id;
}

export function checkBatchId(bId: unknown): string {
  if (typeof bId !== 'string' || bId.length === 0) throw new RequestIdError('Every batch item needs a bId');
  if (bId.length > MAX_BID) throw new RequestIdError(`bId "${bId}" is ${bId.length} characters; QBO allows at most ${MAX_BID}`);
  if (!SAFE.test(bId)) throw new RequestIdError(`bId "${bId}" may only contain letters, digits and . _ ~ : -`);
  return bId;
}

/**
 * A stable id derived from content (e.g. a batch chunk): the same content always maps to the same id,
 * so resending an identical chunk replays QBO's stored answer instead of creating twice.
 */
export function contentRequestId(prefix: string, content: unknown, max = MAX_BATCH_REQUEST_ID): string {
  const hash = createHash('sha256').update(stableJson(content)).digest('base64url');
  return checkRequestId(`${prefix}${hash}`.slice(0, max), max <= MAX_BATCH_REQUEST_ID ? 'batch' : 'single');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
