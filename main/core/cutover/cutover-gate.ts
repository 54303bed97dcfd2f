/**
 * Hold and replay at cutover. While production is selected but not ready, planned jobs go into the
 * outbox held (nothing is lost, nothing leaves). The first time the checklist's gate passes, the
 * cutover holds are released in one transaction and production is marked live; the released rows keep
 * their requestids, so each is sent exactly once. Jobs a person held for other reasons stay held.
 */
import { profileOf } from '../environment-profile';
import { existsSync } from 'node:fs';
import type { ConnectionStatus } from '../connection/connection-status';
import { readConnectionRecord } from '../connection/connection-record';
import type { Environment } from '../environment';
import { ledgerPath, openLedger, type Ledger, type OutboxJob } from '../ledger';
import { porAccountsUsed } from '../por/accounts';
import type { Account, QboClass } from '../qbo/entities';
import { activeDocuments } from '../sync/engine/plan-step';
import { CUTOVER_HOLD_PREFIX, PERSON_CHECKS, type CutoverChecklist, type CutoverFacts, type PersonCheckId } from './cutover-checklist';
import { realmProblem } from './realm-guard';

const LIVE_KEY = 'cutoverLiveSince';
const CONFIRMATIONS_KEY = 'cutoverConfirmations';

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
  const docs = activeDocuments(ledger).map((d) => d.document);
  const validation = ledger.mappings.validate(porAccountsUsed(docs), input.accounts && input.accounts.length ? input.accounts : null);
  const sandboxRecord = safeRecord(input.dataDir, 'sandbox');
  const mode = ledger.settings.get('exportMode') ?? null;
  return {
    connection: { state: input.connection.state, companyName: input.connection.companyName, realmId: input.connection.realmId, message: input.connection.message },
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
      checked: new Set(porAccountsUsed(docs).map((r) => `${r.store}|${r.account}`)).size,
      examples: validation.issues.slice(0, 3).map((i) => i.message),
    },
    sandboxPosted: sandboxPostedCount(input.dataDir, input.environment),
    syncServicesOn: input.syncServicesOn,
    confirmations: confirmations(ledger),
    liveSince: (ledger.settings.get(LIVE_KEY) as string | undefined) ?? null,
    company: ledger.settings.get('companySettings') ?? null,
  };
}

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

function heldJobs(ledger: Ledger): OutboxJob[] {
  const out: OutboxJob[] = [];
  let before: number | undefined;
  for (;;) {
    const page = ledger.outbox.list({ status: 'held' }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
    out.push(...page.rows);
    if (page.nextBefore === null) return out.sort((a, b) => a.id - b.id);
    before = page.nextBefore;
  }
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

