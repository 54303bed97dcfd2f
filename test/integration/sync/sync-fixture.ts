/**
 * A connected environment against a real practice simulator on loopback, wired the way the app wires
 * it: paste-connect (refresh + CompanyInfo), openQboConnection, a ledger file in a temp folder.
 */
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import { openQboConnection, type QboConnection } from '../../../main/core/connection/open-connection';
import type { ConnectionDeps } from '../../../main/core/connection/connection-deps';
import type { Environment } from '../../../main/core/environment';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/core/practice/simulator';
import type { QboRequestEvent } from '../../../main/core/qbo/qbo-client';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import type { SecretStore } from '../../../main/core/secrets/secret-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { testSimProfile } from '../../helpers/sim-profile';

export const FAST_RETRY = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 1_500 };

export interface SyncFixture {
  dir: string;
  sim: RunningSimulator;
  secrets: SecretStore;
  deps: ConnectionDeps;
  connection: QboConnection;
  ledger: Ledger;
  sent: QboRequestEvent[];
  close(): Promise<void>;
}

export function simEndpoints(sim: RunningSimulator) {
  return { apiBaseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, revokeUrl: sim.revokeUrl, authorizeUrl: sim.authorizeUrl };
}

export async function connectToSimulator(environment: Environment, sim: RunningSimulator, deps: ConnectionDeps): Promise<void> {
  await connectWithPastedCredentials(
    environment,
    { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
    deps,
  );
}

export async function syncFixture(options: { environment?: Environment; sim?: SimulatorOptions; retry?: typeof FAST_RETRY } = {}): Promise<SyncFixture> {
  const environment = options.environment ?? 'sandbox';
  const temp = makeTempDir('porqbo-sync-');
  const sim = await startSimulator({ seed: 7, profile: testSimProfile(), ...options.sim });
  const secrets = new MemorySecretStore();
  const sent: QboRequestEvent[] = [];
  const deps: ConnectionDeps = {
    dataDir: temp.path,
    secrets,
    endpoints: simEndpoints(sim),
    env: {},
    client: { retry: options.retry ?? FAST_RETRY, onRequest: (e) => sent.push(e) },
  };
  await connectToSimulator(environment, sim, deps);
  const connection = (await openQboConnection(environment, deps))!;
  const ledger = openLedger(temp.path, environment, { actor: 'test' });
  return {
    dir: temp.path,
    sim,
    secrets,
    deps,
    connection,
    ledger,
    sent,
    async close() {
      connection.close();
      ledger.close();
      await sim.close();
      temp.remove();
    },
  };
}

/** Sum of a QBO entity's amounts in the simulator, as cents, from what QBO holds. */
export function simTotals(sim: RunningSimulator): { journalDebits: number; invoices: number; creditMemos: number; counts: Record<string, number> } {
  const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
  const je = sim.list('JournalEntry');
  const journalDebits = je.reduce(
    (s, e) =>
      s +
      (e.Line as { Amount: number; JournalEntryLineDetail: { PostingType: string } }[])
        .filter((l) => l.JournalEntryLineDetail.PostingType === 'Debit')
        .reduce((t, l) => t + cents(l.Amount), 0),
    0,
  );
  const invoices = sim.list('Invoice').reduce((s, i) => s + cents(i.TotalAmt), 0);
  const creditMemos = sim.list('CreditMemo').reduce((s, i) => s + cents(i.TotalAmt), 0);
  return {
    journalDebits,
    invoices,
    creditMemos,
    counts: { JournalEntry: je.length, Invoice: sim.list('Invoice').length, CreditMemo: sim.list('CreditMemo').length },
  };
}

/** DocNumbers that appear more than once among the simulator's transactions of an entity. */
export function duplicateDocNumbers(sim: RunningSimulator, entity: string): string[] {
  const seen = new Map<string, number>();
  for (const row of sim.list(entity)) {
    const n = String(row.DocNumber ?? '');
    seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  return [...seen].filter(([, c]) => c > 1).map(([n]) => n);
}
