/**
 * Going live: the checklist, a person's confirmations, and the replay of what production held. The replay
 * is one sync run: the cycle releases the holds in one transaction once the checklist passes, and the
 * engine sends each held export exactly once.
 */
import { AppError } from '../app-error';
import type { CutoverChecklist, PersonCheckId } from '../cutover/cutover-checklist';
import type { CycleResult, EnvironmentSession } from '../session/environment-session';

export function cutoverChecklist(session: EnvironmentSession): CutoverChecklist {
  return session.cutoverChecklist();
}

export function confirmCutoverCheck(session: EnvironmentSession, id: PersonCheckId, confirmed: boolean): CutoverChecklist {
  return session.confirmCutover(id, confirmed);
}

/** Refuses unless production is ready; otherwise starts the run that sends what was held. */
export async function replayHeld(session: EnvironmentSession): Promise<{ total: number; run: Promise<CycleResult | null> }> {
  await session.qbo();
  const checklist = session.cutoverChecklist();
  if (!checklist.readyToSend)
    throw new AppError('not-ready', checklist.holdReason ?? 'Production is not ready yet.', { fix: 'Finish the go-live checklist first.' });
  const total = session.ledger.outbox.counts().held;
  return { total, run: session.track(session.syncNow()) };
}
