/**
 * "Approve before posting" (production, optional): anyone who can write the inbox gets entries into the
 * books, so a store may ask that every imported file be approved by a person first. With the setting on,
 * the import marks the documents it records as waiting; the engine holds their exports (and the ledger
 * refuses to release them) until approveImports() is called for their file.
 */
import type { Ledger } from '../ledger';
import { APPROVAL_HOLD_REASON } from '../ledger/file-registry';

export const APPROVE_BEFORE_POSTING_KEY = 'inboxApproveBeforePosting';

/** Only production asks (practice and sandbox are rehearsals). */
export function approvalRequired(ledger: Ledger): boolean {
  return ledger.environment === 'production' && ledger.settings.get(APPROVE_BEFORE_POSTING_KEY) === true;
}

export function setApproveBeforePosting(ledger: Ledger, on: boolean): void {
  ledger.settings.set(APPROVE_BEFORE_POSTING_KEY, on);
}

/** Files waiting for approval, oldest first. */
export function importsAwaitingApproval(ledger: Ledger) {
  return ledger.files.awaitingApproval();
}

/**
 * Approves one file's documents (or every waiting file's) and sends back to the queue the exports held
 * only for that. Returns how many documents were approved and exports released.
 */
export function approveImports(ledger: Ledger, options: { fileName?: string; by: string }): { documents: number; released: number } {
  return ledger.transaction(() => {
    const documents = ledger.files.approve(options.by, options.fileName);
    let released = 0;
    for (const id of ledger.outbox.heldIdsByReason(APPROVAL_HOLD_REASON)) {
      if (ledger.files.jobAwaitingApproval(id)) continue;
      ledger.outbox.release(id);
      released++;
    }
    return { documents, released };
  });
}
