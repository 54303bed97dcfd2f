/**
 * Undo a posted export: delete the transaction in QBO (or void an invoice, which keeps it with zero
 * amounts), then the ledger marks the job undone and remembers how. Only a success or 610 (object not
 * found: already gone) counts as undone; 800 (other transactions depend on it) and everything else is a
 * refusal (QBO.md). A stale SyncToken (5010) is read again and retried once. An undo whose answer was
 * lost is checked by reading the transaction, never assumed.
 */
import { randomBytes } from 'node:crypto';
import { LedgerError, type Ledger, type OutboxJob } from '../../ledger';
import type { QboClient } from '../../qbo/qbo-client';
import { isNotFound, isStale, isUncertainWriteOutcome } from '../../qbo/qbo-fault';
import { exportJobOf, isEnsureKind } from './job-payload';
import { PAID_AT_CLOSE_SUFFIX } from '../modes/export-parts';

export type UndoHow = 'delete' | 'void';

const TRANSACTIONS = new Set(['JournalEntry', 'Invoice', 'CreditMemo', 'Payment']);
type UndoableEntity = 'JournalEntry' | 'Invoice' | 'CreditMemo' | 'Payment';

export async function undoExport(ledger: Ledger, client: QboClient, jobId: number, how: UndoHow = 'delete'): Promise<OutboxJob> {
  const row = ledger.outbox.get(jobId);
  if (!row) throw new LedgerError(`No export job ${jobId}.`);
  // Undone already (a payment goes with its invoice, below): asked again, nothing is undone twice.
  if (row.status === 'undone') return row;
  if (row.status !== 'posted') throw new LedgerError(`Export job ${jobId} is ${row.status}; only a posted export can be undone.`);
  if (isEnsureKind(row.kind)) {
    throw new LedgerError(
      `Job ${jobId} created a ${row.kind.toLowerCase()} in QuickBooks; list entries are kept (other entries may use them). Make it inactive in QuickBooks if it is not wanted.`,
    );
  }
  if (!row.qboId) return ledger.outbox.markUndone(jobId, { how }); // nothing was ever sent (netted to zero)
  if (!TRANSACTIONS.has(row.kind)) throw new LedgerError(`Export job ${jobId} (${row.kind}) cannot be undone by the app.`);
  if (how === 'void' && row.kind !== 'Invoice') how = 'delete'; // QBO voids invoices; journals and credit memos are deleted
  const entity = row.kind as UndoableEntity;
  // QBO refuses to remove an invoice a payment is applied to (800): the app's own payments on it go first.
  if (entity === 'Invoice') for (const p of paymentsOnInvoice(ledger, row)) await undoExport(ledger, client, p.id, 'delete');
  const qboId = row.qboId;
  // A new requestid per undo: QBO may replay a cached refusal (closed books, 800) for an old one.
  const requestId = `${row.requestId}-${how === 'void' ? 'v' : 'd'}${randomBytes(4).toString('hex')}`;

  let syncToken = row.qboSyncToken;
  for (let attempt = 1; ; attempt++) {
    try {
      if (!syncToken) syncToken = (await client.read(entity, qboId)).SyncToken ?? '0';
      let newToken: string | null = null;
      if (how === 'void') newToken = (await client.void('Invoice', { Id: qboId, SyncToken: syncToken }, { requestId })).SyncToken ?? null;
      else await client.delete(entity, { Id: qboId, SyncToken: syncToken }, { requestId });
      return ledger.outbox.markUndone(jobId, { how, syncToken: newToken });
    } catch (err) {
      if (isStale(err) && attempt === 1) {
        syncToken = null; // re-read, then retry once
        continue;
      }
      if (isNotFound(err)) return ledger.outbox.markUndone(jobId, { how });
      // No definite answer: what QBO holds now says whether the undo ran.
      if (isUncertainWriteOutcome(err) && (await undoneInQbo(client, entity, qboId, how))) return ledger.outbox.markUndone(jobId, { how });
      throw err;
    }
  }
}

/** True when QBO no longer holds the transaction (deleted) or holds it voided. */
/** Posted paid-at-close payments that the app applied to this invoice job's invoice. */
function paymentsOnInvoice(ledger: Ledger, invoiceRow: OutboxJob): OutboxJob[] {
  const baseKey = invoiceRow.idempotencyKey.replace(/~r\d+$/, '');
  return invoiceRow.documentKeys
    .flatMap((k) => ledger.outbox.jobsForDocument(`${k}${PAID_AT_CLOSE_SUFFIX}`))
    .filter((j) => {
      const p = j.status === 'posted' ? exportJobOf(j)?.payload : undefined;
      return p?.entity === 'Payment' && p.invoiceJobKey === baseKey;
    });
}

async function undoneInQbo(client: QboClient, entity: UndoableEntity, id: string, how: UndoHow): Promise<boolean> {
  try {
    const current = (await client.read(entity, id)) as { TotalAmt?: number; PrivateNote?: string; Line?: unknown[] };
    return how === 'void' && Number(current.TotalAmt ?? 0) === 0 && /voided/i.test(String(current.PrivateNote ?? ''));
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
}
