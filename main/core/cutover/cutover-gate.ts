/**
 * Hold and replay at cutover. While production is selected but not ready, planned jobs go into the
 * outbox held (nothing is lost, nothing leaves). The first time the checklist's gate passes, the
 * cutover holds are released in one transaction and production is marked live; the released rows keep
 * their requestids, so each is sent exactly once. Jobs a person held for other reasons stay held.
 */
import { profileOf } from '../environment-profile';
import type { Environment } from '../environment';
import type { Ledger, OutboxJob } from '../ledger';
import { CUTOVER_HOLD_PREFIX, PERSON_CHECKS, type CutoverChecklist, type PersonCheckId } from './cutover-checklist';

export const LIVE_KEY = 'cutoverLiveSince';
const CONFIRMATIONS_KEY = 'cutoverConfirmations';

export function confirmations(ledger: Ledger): Partial<Record<PersonCheckId, boolean>> {
  return (ledger.settings.get(CONFIRMATIONS_KEY) ?? {}) as Partial<Record<PersonCheckId, boolean>>;
}

export function setConfirmation(ledger: Ledger, id: PersonCheckId, confirmed: boolean): void {
  if (!(PERSON_CHECKS as readonly string[]).includes(id)) throw new RangeError(`"${id}" is not a confirmation a person gives`);
  ledger.settings.set(CONFIRMATIONS_KEY, { ...confirmations(ledger), [id]: confirmed });
}

/** Only production is gated; practice and sandbox always send. */
export function needsCutoverGate(environment: Environment): boolean {
  return profileOf(environment).realBooks;
}

export function isCutoverHold(job: Pick<OutboxJob, 'status' | 'holdReason'>): boolean {
  return job.status === 'held' && (job.holdReason ?? '').startsWith(CUTOVER_HOLD_PREFIX);
}

/**
 * Applies the checklist: ready the first time -> mark live and release every cutover hold (one
 * transaction). Returns the released jobs.
 */
export function applyCutoverGate(ledger: Ledger, checklist: CutoverChecklist, now: () => Date = () => new Date()): OutboxJob[] {
  if (!checklist.readyToSend) return [];
  return ledger.transaction(() => {
    if (!ledger.settings.get(LIVE_KEY)) ledger.settings.set(LIVE_KEY, now().toISOString());
    const released: OutboxJob[] = [];
    for (const job of heldJobs(ledger)) if (isCutoverHold(job)) released.push(ledger.outbox.release(job.id));
    return released;
  });
}

/** Held jobs, oldest first (at most `max`: a screen lists a page of them, the release takes all). */
export function heldJobs(ledger: Ledger, max = Infinity): OutboxJob[] {
  const out: OutboxJob[] = [];
  let before: number | undefined;
  for (;;) {
    const page = ledger.outbox.list({ status: 'held' }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
    out.push(...page.rows);
    if (page.nextBefore === null || out.length >= max) return out.sort((a, b) => a.id - b.id);
    before = page.nextBefore;
  }
}
