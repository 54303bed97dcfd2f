/**
 * Undo a posted export: delete the transaction in QBO (or void an invoice, which keeps it with zero
 * amounts), then the ledger marks the job undone and remembers how. A stale SyncToken (5010) is read
 * again and retried once; a transaction already gone from QBO counts as undone.
 */
import { LedgerError, type Ledger, type OutboxJob } from '../../ledger';
import type { QboClient } from '../../qbo/qbo-client';
import { QboFault, isStale } from '../../qbo/qbo-fault';
import { isEnsureKind } from './job-payload';

export type UndoHow = 'delete' | 'void';

const TRANSACTIONS = new Set(['JournalEntry', 'Invoice', 'CreditMemo']);

export async function undoExport(ledger: Ledger, client: QboClient, jobId: number, how: UndoHow = 'delete'): Promise<OutboxJob> {
  const row = ledger.outbox.get(jobId);
  if (!row) throw new LedgerError(`No export job ${jobId}.`);
  if (row.status !== 'posted') throw new LedgerError(`Export job ${jobId} is ${row.status}; only a posted export can be undone.`);
  if (isEnsureKind(row.kind)) {
    throw new LedgerError(`Job ${jobId} created a ${row.kind.toLowerCase()} in QuickBooks; list entries are kept (other entries may use them). Make it inactive in QuickBooks if it is not wanted.`);
  }
  if (!row.qboId) return ledger.outbox.markUndone(jobId, { how }); // nothing was ever sent (netted to zero)
  if (!TRANSACTIONS.has(row.kind)) throw new LedgerError(`Export job ${jobId} (${row.kind}) cannot be undone by the app.`);
  if (how === 'void' && row.kind !== 'Invoice') how = 'delete'; // QBO voids invoices; journals and credit memos are deleted
  const entity = row.kind as 'JournalEntry' | 'Invoice' | 'CreditMemo';
  const requestId = `${row.requestId}-${how === 'void' ? 'v' : 'd'}`;

  let syncToken = row.qboSyncToken;
  for (let attempt = 1; ; attempt++) {
    try {
      if (!syncToken) syncToken = (await client.read(entity, row.qboId)).SyncToken ?? '0';
      let newToken: string | null = null;
      if (how === 'void') newToken = (await client.void('Invoice', { Id: row.qboId, SyncToken: syncToken }, { requestId })).SyncToken ?? null;
      else await client.delete(entity, { Id: row.qboId, SyncToken: syncToken }, { requestId });
      return ledger.outbox.markUndone(jobId, { how, syncToken: newToken });
    } catch (err) {
      if (isStale(err) && attempt === 1) {
        syncToken = null; // re-read, then retry once
        continue;
      }
      if (err instanceof QboFault && (err.code === '610' || /not found|deleted/i.test(`${err.message} ${err.detail}`))) {
        return ledger.outbox.markUndone(jobId, { how });
      }
      throw err;
    }
  }
}
