import { createHash } from 'node:crypto';
import type { Environment } from '../environment';

/**
 * QBO's `requestid` for one outbox job: derived only from the row (environment, idempotency key and
 * payload generation), so a retry after a crash sends the very same id and QBO answers with the original
 * result instead of creating a second transaction. UUID layout, 36 chars: within QBO's batch limit.
 */
export function deriveRequestId(environment: Environment, idempotencyKey: string, generation: number): string {
  const h = createHash('sha256').update(`${environment}\n${idempotencyKey}\n${generation}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
