/**
 * Cutover: production selected but not ready holds every document; once production is configured the
 * held work is replayed exactly once; sandbox data never reaches a production realm.
 *
 * Production always talks to Intuit's URLs (nothing can redirect them), so the test swaps the network
 * underneath: the QBO client's fetch and the OAuth transport are pointed at a practice simulator
 * playing the production company.
 */
import { reconcileRange } from '../../../main/core/use-cases/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import type { ConnectionDeps } from '../../../main/core/connection/connection-deps';
import { automap, porAccountsUsed } from '../../../main/core/por/accounts';
import { generatePracticeStore } from '../../../main/core/por/practice';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simulatorEndpoints } from '../../../main/core/qbo/endpoints';
import type { Account } from '../../../main/core/qbo/entities';
import { openEnvironmentSession, type EnvironmentSession } from '../../../main/core/session/environment-session';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { testSimProfile } from '../../helpers/sim-profile';
import { FAST_RETRY, connectToSimulator, duplicateDocNumbers, simEndpoints } from '../sync/sync-fixture';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const INTUIT_API = 'https://quickbooks.api.intuit.com';

/** Production's network, rerouted to a simulator: the client's fetch and the token calls. */
function productionNetwork(sim: RunningSimulator): Pick<ConnectionDeps, 'oauth'> & { client: NonNullable<ConnectionDeps['client']> } {
  return {
    client: {
      retry: FAST_RETRY,
      fetch: ((url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(INTUIT_API, sim.baseUrl), init)) as typeof fetch,
    },
    oauth: (environment) => new IntuitOAuthTransport(environment, simulatorEndpoints(sim)),
  };
}

async function setup(productionRealm: string) {
  const temp = makeTempDir('porqbo-cutover-');
  cleanup.push(() => temp.remove());
  const sandboxSim = await startSimulator({ realmId: '4620816365111111111', seed: 1, profile: testSimProfile() });
  cleanup.push(() => sandboxSim.close());
  const productionSim = await startSimulator({ realmId: productionRealm, seed: 2, profile: testSimProfile() });
  cleanup.push(() => productionSim.close());
  const secrets = new MemorySecretStore();
  await connectToSimulator('sandbox', sandboxSim, { dataDir: temp.path, secrets, endpoints: simEndpoints(sandboxSim), env: {}, client: { retry: FAST_RETRY } });
  const settings = openSettings(temp.path);
  settings.set('environment', 'production');
  const network = productionNetwork(productionSim);
  const runtime = await openEnvironmentSession({
    connectEmbedded: true,
    dataDir: temp.path,
    environment: 'production',
    settings,
    secretStore: secrets,
    env: {},
    ...network,
    actor: 'test',
  });
  cleanup.push(() => runtime.close());
  return { dir: temp.path, sandboxSim, productionSim, secrets, settings, runtime, network };
}

function recordProductionDocuments(runtime: EnvironmentSession) {
  const data = generatePracticeStore({ seed: 4, stores: 2, startDate: '2026-04-01', days: 2 });
  runtime.ledger.transaction(() => {
    for (const d of data.documents) runtime.ledger.documents.record(d);
    for (const s of data.stores) runtime.ledger.stores.upsert({ store: s.number, className: s.className, exportFormat: 'API-QBO' });
  });
  return data;
}

describe('cutover', () => {
  it('holds production documents until production is ready, then replays each exactly once', async () => {
    const { runtime, productionSim, sandboxSim, secrets, dir, network } = await setup('9130350000222222222');
    const data = recordProductionDocuments(runtime);

    // Not connected, no mode, no mapping: planned work is held, nothing leaves.
    await runtime.syncNow();
    let counts = runtime.ledger.outbox.counts();
    expect(counts.held).toBeGreaterThan(0);
    expect(counts.queued + counts.posted).toBe(0);
    expect(runtime.cutoverChecklist().readyToSend).toBe(false);
    expect(runtime.ledger.outbox.list({ status: 'held' }).rows[0]!.holdReason).toMatch(/^Production is not ready yet:/);

    await connectWithPastedCredentials(
      'production',
      { clientId: productionSim.clientId, clientSecret: productionSim.clientSecret, realmId: productionSim.realmId, refreshToken: productionSim.refreshToken },
      { dataDir: dir, secrets, env: {}, ...network },
    );
    await runtime.reloadConnection();
    runtime.ledger.settings.set('exportMode', 'batch');
    await runtime.syncNow();
    const checklist = runtime.cutoverChecklist();
    expect(checklist.readyToSend).toBe(false);
    expect(checklist.items.find((i) => i.id === 'mapping')?.state).toBe('todo');
    expect(checklist.items.find((i) => i.id === 'credentials')?.state).toBe('ok');
    expect(checklist.items.find((i) => i.id === 'realm')?.state).toBe('ok');
    expect(productionSim.list('JournalEntry').length).toBe(0);

    const accounts = (await runtime.connection!.references.list('Account')) as Account[];
    runtime.ledger.mappings.applyAuto(automap(porAccountsUsed(data.documents), accounts));
    const cycle = await runtime.syncNow();
    expect(cycle?.released).toBe(counts.held);
    expect(runtime.cutoverChecklist().liveSince).not.toBeNull();
    counts = runtime.ledger.outbox.counts();
    expect(counts).toMatchObject({ held: 0, queued: 0, failed: 0 });
    expect(productionSim.list('JournalEntry').length).toBe(4); // 2 stores x 2 days, batch mode
    expect(duplicateDocNumbers(productionSim, 'JournalEntry')).toEqual([]);
    expect(sandboxSim.list('JournalEntry').length).toBe(0);

    await runtime.syncNow();
    expect(productionSim.list('JournalEntry').length).toBe(4);
    expect((await reconcileRange(runtime, { from: '2026-04-01', to: '2026-04-02' })).match).toBe(true);
  });

  it('production connected to the sandbox company is refused: held before go-live, stopped by the realm guard after', async () => {
    // The "production" simulator answers with the sandbox's realm id: the same company.
    const { runtime, productionSim, secrets, dir, network } = await setup('4620816365111111111');
    const data = recordProductionDocuments(runtime);
    await connectWithPastedCredentials(
      'production',
      { clientId: productionSim.clientId, clientSecret: productionSim.clientSecret, realmId: productionSim.realmId, refreshToken: productionSim.refreshToken },
      { dataDir: dir, secrets, env: {}, ...network },
    );
    await runtime.reloadConnection();
    runtime.ledger.settings.set('exportMode', 'batch');
    const accounts = (await runtime.connection!.references.list('Account')) as Account[];
    runtime.ledger.mappings.applyAuto(automap(porAccountsUsed(data.documents), accounts));

    await runtime.syncNow();
    const realm = runtime.cutoverChecklist().items.find((i) => i.id === 'realm')!;
    expect(realm.state).toBe('todo');
    expect(realm.detail).toMatch(/same company as the sandbox/);
    expect(runtime.ledger.outbox.counts().held).toBeGreaterThan(0);

    // Even if someone marked production live by hand, the engine's guard refuses the realm.
    runtime.ledger.settings.set('cutoverLiveSince', '2026-04-03T00:00:00.000Z');
    const cycle = await runtime.syncNow();
    expect(cycle?.drain?.stopped?.reason).toBe('guard');
    expect(runtime.status().state).toBe('error');
    expect(runtime.status().message).toMatch(/Sandbox data must never reach production/);
    expect(productionSim.list('JournalEntry').length).toBe(0);
  });

  it('person confirmations are remembered and shown, and never hold documents', async () => {
    const { runtime } = await setup('9130350000333333333');
    const before = runtime.cutoverChecklist().items.find((i) => i.id === 'porSandboxDeactivated');
    expect(before).toMatchObject({ state: 'unconfirmed', automatic: false, gate: false });
    const after = runtime.confirmCutover('porSandboxDeactivated', true).items.find((i) => i.id === 'porSandboxDeactivated');
    expect(after?.state).toBe('confirmed');
  });
});
