/**
 * The setup meeting for imported practice files (the benchmark imports POR's files through the inbox
 * pipeline, so runtime/practice-setup.ts, which records generated documents itself, does not fit):
 * stores with their class and API-QBO, the export mode, and automap of every POR account used; a
 * practice account the simulated company lacks is created there first, as practice setup does.
 *
 * POR's GL export nets every account, A/R included, so its A/R line names no customer; QBO refuses an
 * A/R line without one, and the engine (rightly) fails such a block with "map it to a non-A/R account".
 * For GL exports the benchmark does what that message says: A/R goes to a practice clearing account.
 */
import type { Ledger } from '../../main/core/ledger';
import type { ExportMode } from '../../main/core/ledger/env-settings';
import type { PorDocument } from '../../main/core/por/model';
import { automap, porAccountsUsed } from '../../main/core/por/accounts';
import { expandPracticeAccounts, practiceStores } from '../../main/core/por/practice';
import type { Account } from '../../main/core/qbo/entities';
import type { QboClient } from '../../main/core/qbo/qbo-client';
import type { ReferenceCache } from '../../main/core/qbo/reference-cache';

export interface SetupResult {
  mapped: number;
  accountsCreated: number;
  /** POR accounts (store|account) mapped to the A/R clearing account instead of QBO's A/R. */
  receivableRemapped: string[];
}

export interface SetupOptions {
  /** Map POR accounts that automap put on a QBO A/R account to a clearing account (GL exports). */
  receivableToClearing?: boolean;
}

const CLEARING = { Name: 'POR A/R summary (GL export)', AcctNum: '1290', AccountType: 'Other Current Asset', AccountSubType: 'OtherCurrentAssets' } as const;

export async function setupImportedPractice(
  ledger: Ledger,
  qbo: { client: QboClient; references: ReferenceCache },
  documents: readonly PorDocument[],
  mode: ExportMode,
  options: SetupOptions = {},
): Promise<SetupResult> {
  const storeNumbers = new Set(documents.map((d) => d.store).filter((s): s is number => s !== null));
  const stores = practiceStores(Math.max(1, ...storeNumbers));
  ledger.transaction(() => {
    for (const s of stores) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
    ledger.settings.set('exportMode', mode);
    if (mode === 'transaction') ledger.settings.set('transactionModeConfirmed', true);
  });
  const chart = expandPracticeAccounts(stores);
  const used = porAccountsUsed(documents);
  let accounts = (await qbo.references.list('Account')) as Account[];
  const missing = automap(used, accounts).filter((s) => !s.qboAccountId && s.inactiveMatches.length === 0 && s.candidates.length === 0);
  for (const s of missing) {
    const a = chart.find((c) => c.number === s.porAccount);
    await qbo.client.create(
      'Account',
      { Name: a?.name ?? `POR ${s.porAccount}`, AcctNum: s.porAccount, AccountType: a?.accountType ?? 'Other Current Asset', ...(a?.accountSubType ? { AccountSubType: a.accountSubType } : {}) },
      { requestId: `bench-account-${s.porAccount}`.slice(0, 50) },
    );
  }
  if (missing.length > 0) {
    await qbo.references.reload('Account');
    accounts = (await qbo.references.list('Account')) as Account[];
  }
  const { saved, unresolved } = ledger.mappings.applyAuto(automap(used, accounts));
  if (unresolved.length > 0) throw new Error(`benchmark setup left ${unresolved.length} POR accounts unmapped (first: ${unresolved[0]!.porAccount})`);
  const receivableRemapped: string[] = [];
  if (options.receivableToClearing) {
    const receivable = new Set(accounts.filter((a) => a.AccountType === 'Accounts Receivable').map((a) => a.Id));
    const onReceivable = saved.filter((m) => receivable.has(m.qboAccountId));
    if (onReceivable.length > 0) {
      const clearing = await qbo.client.create('Account', { ...CLEARING }, { requestId: 'bench-account-ar-clearing' });
      ledger.transaction(() => {
        for (const m of onReceivable) {
          ledger.mappings.set({ store: m.store, porAccount: m.porAccount, qboAccountId: clearing.Id!, qboAccountName: clearing.Name ?? null, source: 'manual' });
          receivableRemapped.push(`${m.store ?? '*'}|${m.porAccount}`);
        }
      });
      await qbo.references.reload('Account');
    }
  }
  return { mapped: saved.length, accountsCreated: missing.length + (receivableRemapped.length > 0 ? 1 : 0), receivableRemapped };
}
