/**
 * The setup meeting for imported practice files (the benchmark imports POR's files through the inbox
 * pipeline, so use-cases/practice-setup.ts, which records generated documents itself, does not fit):
 * stores with their class and API-QBO, the export mode, and automap of every POR account used; a
 * practice account the simulated company lacks is created there first, as practice setup does.
 * POR's GL export nets A/R with no customer; the engine posts those lines to each store's A/R summary
 * customer, so A/R stays mapped to QuickBooks' A/R exactly as automap puts it.
 */
import type { Ledger } from '../../main/core/ledger';
import type { ExportMode } from '../../main/core/ledger/env-settings';
import type { PorDocument } from '../../main/core/por/model';
import { automap, porAccountsUsed } from '../../main/core/por/accounts';
import type { PorAccountRef } from '../../main/core/por/accounts/mapping-types';
import { expandPracticeAccounts, practiceStores } from '../../main/core/por/practice';
import type { Account } from '../../main/core/qbo/entities';
import type { QboClient } from '../../main/core/qbo/qbo-client';
import type { ReferenceCache } from '../../main/core/qbo/reference-cache';

export interface SetupResult {
  mapped: number;
  accountsCreated: number;
}

export async function setupImportedPractice(
  ledger: Ledger,
  qbo: { client: QboClient; references: ReferenceCache },
  documents: readonly PorDocument[],
  mode: ExportMode,
): Promise<SetupResult> {
  const storeNumbers = new Set(documents.map((d) => d.store).filter((s): s is number => s !== null));
  return setupPracticeLedger(ledger, qbo, Math.max(1, ...storeNumbers), porAccountsUsed(documents), mode);
}

/** The same from what the ledger already knows (the accounts seen on import): no document is loaded. */
export async function setupPracticeLedger(
  ledger: Ledger,
  qbo: { client: QboClient; references: ReferenceCache },
  storeCount: number,
  used: readonly PorAccountRef[],
  mode: ExportMode,
): Promise<SetupResult> {
  const stores = practiceStores(storeCount);
  ledger.transaction(() => {
    for (const s of stores) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
    ledger.settings.set('exportMode', mode);
    if (mode === 'transaction') ledger.settings.set('transactionModeConfirmed', true);
  });
  const chart = expandPracticeAccounts(stores);
  let accounts = (await qbo.references.list('Account')) as Account[];
  // The practice company keeps a closed store's account inactive; a chain that uses the store again makes it active.
  const inactive = automap(used, accounts).filter((s) => !s.qboAccountId && s.candidates.length === 0 && s.inactiveMatches.length === 1);
  for (const s of inactive) {
    const a = accounts.find((x) => x.Id === s.inactiveMatches[0]!.id)!;
    await qbo.client.update('Account', { Id: a.Id!, SyncToken: a.SyncToken!, sparse: true, Active: true } as never);
  }
  if (inactive.length > 0) {
    await qbo.references.reload('Account');
    accounts = (await qbo.references.list('Account')) as Account[];
  }
  const missing = automap(used, accounts).filter((s) => !s.qboAccountId && s.inactiveMatches.length === 0 && s.candidates.length === 0);
  for (const s of missing) {
    const a = chart.find((c) => c.number === s.porAccount);
    await qbo.client.create(
      'Account',
      {
        Name: a?.name ?? `POR ${s.porAccount}`,
        AcctNum: s.porAccount,
        AccountType: a?.accountType ?? 'Other Current Asset',
        ...(a?.accountSubType ? { AccountSubType: a.accountSubType } : {}),
      },
      { requestId: `bench-account-${s.porAccount}`.slice(0, 50) },
    );
  }
  if (missing.length > 0) {
    await qbo.references.reload('Account');
    accounts = (await qbo.references.list('Account')) as Account[];
  }
  const { saved, unresolved } = ledger.mappings.applyAuto(automap(used, accounts));
  if (unresolved.length > 0) throw new Error(`benchmark setup left ${unresolved.length} POR accounts unmapped (first: ${JSON.stringify(unresolved[0])})`);
  return { mapped: saved.length, accountsCreated: missing.length };
}
