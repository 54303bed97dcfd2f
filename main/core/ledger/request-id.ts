import { createHash } from 'node:crypto';
import type { Environment } from '../environment';

/**
 * QBO's `requestid` for one outbox job: derived only from the row, so it is the same wherever it is
 * computed. It changes only when the job must go out as a new request: a revised payload (generation),
 * or a resend after QBO definitely refused the last one or was found not to hold it (seq); QBO may
 * replay cached answers under an old id (QBO.md). The ledger's own random id is part of it, so a
 * re-created ledger never gets an old ledger's answers replayed. UUID layout, 36 chars: within QBO's
 * batch limit.
 */
export function deriveRequestId(environment: Environment, idempotencyKey: string, generation: number, ledgerId = '', seq = 1): string {
  const scope = ledgerId || seq !== 1 ? `\n${ledgerId}\n${seq}` : '';
  const h = createHash('sha256').update(`${environment}\n${idempotencyKey}\n${generation}${scope}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
