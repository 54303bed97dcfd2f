/**
 * Practice mode's "setup meeting" done by itself: the practice store's documents go into the ledger,
 * every store gets its `Parent:Sub` class and API-QBO, the export mode is chosen, and POR accounts are
 * mapped by automap; a practice account the simulated company lacks is created there first (practice
 * only: a real company's chart is never changed by the app).
 */
import { profileOf } from '../environment-profile';
import type { Ledger } from '../ledger';
import type { ExportMode } from '../ledger/env-settings';
import { automap, porAccountsUsed } from '../por/accounts';
import { generatePracticeStore, type PracticeStoreData } from '../por/practice';
import type { PorDocument } from '../por/model';
import type { Account } from '../qbo/entities';
import type { QboClient } from '../qbo/qbo-client';
import type { ReferenceCache } from '../qbo/reference-cache';

export interface PracticeSetupOptions {
  seed?: number;
  stores?: number;
  /** First business day (YYYY-MM-DD). */
  startDate: string;
  days: number;
  mode: ExportMode;
  /** Which generated documents go into the ledger now (tests hold some back); default all. */
  include?: (doc: PorDocument) => boolean;
}

export interface PracticeSetupResult {
  data: PracticeStoreData;
  recorded: { accepted: number; duplicate: number; other: number };
  mapped: number;
  /** QBO accounts created in the practice company because it had none for a POR account. */
  accountsCreated: string[];
}

export async function setupPracticeData(
  ledger: Ledger,
  qbo: { client: QboClient; references: ReferenceCache },
  options: PracticeSetupOptions,
): Promise<PracticeSetupResult> {
  if (!profileOf(ledger.environment).testData) {
    throw new Error('Practice data only ever goes into the practice (or a test sandbox) environment.');
  }
  const data = generatePracticeStore({ seed: options.seed ?? 1, stores: options.stores ?? 2, startDate: options.startDate, days: options.days });
  const recorded = { accepted: 0, duplicate: 0, other: 0 };
  ledger.transaction(() => {
    for (const doc of data.documents) {
      if (options.include && !options.include(doc)) continue;
      const outcome = ledger.documents.record(doc).outcome;
      if (outcome === 'accepted') recorded.accepted++;
      else if (outcome === 'duplicate') recorded.duplicate++;
      else recorded.other++;
    }
    for (const s of data.stores) {
      const current = ledger.stores.get(s.number);
      if (!current?.className) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
    }
    ledger.settings.set('exportMode', options.mode);
    if (options.mode === 'transaction') ledger.settings.set('transactionModeConfirmed', true);
  });

  const used = porAccountsUsed(data.documents);
  let accounts = (await qbo.references.list('Account')) as Account[];
  const created: string[] = [];
  const first = automap(used, accounts);
  const missing = first.filter((s) => !s.qboAccountId && s.inactiveMatches.length === 0 && s.candidates.length === 0);
  for (const s of missing) {
    const chart = data.accounts.find((a) => a.number === s.porAccount);
    const account = await qbo.client.create(
      'Account',
      {
        Name: chart?.name ?? `POR ${s.porAccount}`,
        AcctNum: s.porAccount,
        AccountType: chart?.accountType ?? 'Other Current Asset',
        ...(chart?.accountSubType ? { AccountSubType: chart.accountSubType } : {}),
      },
      { requestId: `practice-account-${s.porAccount}`.slice(0, 50) },
    );
    created.push(`${account.AcctNum ?? s.porAccount} ${account.Name}`);
  }
  if (missing.length > 0) {
    await qbo.references.reload('Account');
    accounts = (await qbo.references.list('Account')) as Account[];
  }
  const { saved } = ledger.mappings.applyAuto(automap(used, accounts));
  return { data, recorded, mapped: saved.length, accountsCreated: created };
}
