import type { ReferenceCache } from '../qbo/reference-cache';

/**
 * QuickBooks' chart of accounts into the ledger's cache, which mapping works against: read again
 * (`reload`), or only when it was never read.
 */
export async function readChartOfAccounts(qbo: { references: ReferenceCache }, reload: boolean): Promise<void> {
  if (reload) await qbo.references.reload('Account');
  else await qbo.references.list('Account');
  qbo.references.flush();
}
