/**
 * The facts the go-live checklist is judged on, gathered from an environment's ledger, its connection and
 * QuickBooks' lists. Here, above both the cutover rules and the sync planner, because it needs both
 * (which POR accounts the active documents use) and neither may import the other.
 */
import { existsSync } from 'node:fs';
import type { ConnectionStatus } from '../connection/connection-status';
import { readConnectionRecord } from '../connection/connection-record';
import type { CutoverFacts } from '../cutover/cutover-checklist';
import { confirmations, LIVE_KEY } from '../cutover/cutover-gate';
import { realmProblem } from '../cutover/realm-guard';
import type { Environment } from '../environment';
import { ledgerPath, openLedger, type Ledger } from '../ledger';
import type { Account, QboClass } from '../qbo/entities';

export interface GatherInput {
  dataDir: string;
  environment: Environment;
  ledger: Ledger;
  connection: ConnectionStatus;
  /** QBO's lists when loaded (reference cache), else null. */
  accounts: readonly Account[] | null;
  classes: readonly QboClass[] | null;
  syncServicesOn: boolean;
}

export function gatherCutoverFacts(input: GatherInput): CutoverFacts {
  const { ledger } = input;
  const stores = ledger.stores.list();
  const known = new Set((input.classes ?? []).filter((c) => c.Active !== false).map((c) => (c.FullyQualifiedName ?? c.Name).toLowerCase()));
  // The accounts-seen table, as the mapping screen reads it: never every document of the ledger in memory (a year of a chain's is millions).
  const used = ledger.reconciliation.porAccountsInUse();
  const validation = ledger.mappings.validate(used, input.accounts && input.accounts.length ? input.accounts : null);
  const sandboxRecord = safeRecord(input.dataDir, 'sandbox');
  const mode = ledger.settings.get('exportMode') ?? null;
  return {
    connection: {
      state: input.connection.state,
      companyName: input.connection.companyName,
      realmId: input.connection.realmId,
      message: input.connection.message,
    },
    realmProblem: input.connection.realmId ? realmProblem(input.dataDir, input.environment, input.connection.realmId) : null,
    sandboxRealmId: sandboxRecord?.realmId ?? null,
    storesApiQbo: stores.filter((s) => s.exportFormat === 'API-QBO').length,
    storesTotal: stores.length,
    mode,
    transactionModeConfirmed: ledger.settings.get('transactionModeConfirmed') === true,
    missingClasses: input.classes ? stores.filter((s) => s.className && !known.has(s.className.toLowerCase())).map((s) => s.className!) : [],
    storesWithoutClass: stores.filter((s) => !s.className).map((s) => s.store),
    mapping: {
      unmapped: validation.issues.filter((i) => i.kind === 'unmapped').length,
      inactive: validation.issues.filter((i) => i.kind === 'inactive').length,
      missing: validation.issues.filter((i) => i.kind === 'missing').length,
      accountsKnown: validation.accountsCached,
      checked: new Set(used.map((r) => `${r.store}|${r.account}`)).size,
      examples: validation.issues.slice(0, 3).map((i) => i.message),
    },
    sandboxPosted: sandboxPostedCount(input.dataDir, input.environment),
    syncServicesOn: input.syncServicesOn,
    confirmations: confirmations(ledger),
    liveSince: (ledger.settings.get(LIVE_KEY) as string | undefined) ?? null,
    company: ledger.settings.get('companySettings') ?? null,
  };
}

function safeRecord(dataDir: string, environment: Environment) {
  try {
    return readConnectionRecord(dataDir, environment);
  } catch {
    return null;
  }
}

/** Exports that reached the sandbox company (read from the sandbox ledger, if there is one). */
function sandboxPostedCount(dataDir: string, environment: Environment): number {
  if (environment === 'sandbox') return 0;
  if (!existsSync(ledgerPath(dataDir, 'sandbox'))) return 0;
  let sandbox: Ledger | null = null;
  try {
    sandbox = openLedger(dataDir, 'sandbox', { recover: false, actor: 'cutover-check' });
    return sandbox.outbox.counts().posted;
  } catch {
    return 0;
  } finally {
    sandbox?.close();
  }
}
