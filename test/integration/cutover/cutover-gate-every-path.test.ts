/**
 * The go-live hold is enforced in main, for every path that can post: while production's checklist is
 * not ready, a held job is not sent by resend, resend-document, retry-failed, a single-job post, a
 * repost, a replace, the scheduler's cycle (which `por-qbo sync` runs) or a bare engine drain — even a job
 * that somehow lost its hold (queued or failed in a production ledger that has not gone live) stays put.
 * Once the checklist passes, the same jobs go out once: the gate opens, it is not merely a wall.
 *
 * Production always talks to Intuit's addresses, so the network underneath is swapped: the client's
 * fetch and the token calls go to a practice simulator playing the production company.
 */
import { exportNow, replaceDocument, repost, resend, resendDocument, retryFailed } from '../../../main/core/use-cases/exports';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import type { ConnectionDeps } from '../../../main/core/connection/connection-deps';
import { automap, porAccountsUsed } from '../../../main/core/por/accounts';
import { generatePracticeStore, writePracticeFiles } from '../../../main/core/por/practice';
import type { PorDocument } from '../../../main/core/por/model';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { simulatorEndpoints } from '../../../main/core/qbo/endpoints';
import type { Account } from '../../../main/core/qbo/entities';
import { openEnvironmentSession } from '../../../main/core/session/environment-session';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { testSimProfile } from '../../helpers/sim-profile';
import { FAST_RETRY } from '../sync/sync-fixture';
import { startTestCore } from '../../unit/app/app-test-core';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const INTUIT_API = 'https://quickbooks.api.intuit.com';
const NOT_LIVE = /go-live checklist passes/;

function productionNetwork(sim: RunningSimulator): Pick<ConnectionDeps, 'oauth'> & { client: NonNullable<ConnectionDeps['client']> } {
  return {
    client: {
      retry: FAST_RETRY,
      fetch: ((url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(INTUIT_API, sim.baseUrl), init)) as typeof fetch,
    },
    oauth: (environment) => new IntuitOAuthTransport(environment, simulatorEndpoints(sim)),
  };
}

function postedInQbo(sim: RunningSimulator): number {
  return sim.list('JournalEntry').length + sim.list('Invoice').length + sim.list('CreditMemo').length;
}

/** Production connected and configured except for the mapping: its documents are held for go-live. */
async function heldProduction() {
  const temp = makeTempDir('porqbo-gate-');
  cleanup.push(() => temp.remove());
  const sim = await startSimulator({ realmId: '9130350000444444444', seed: 2, profile: testSimProfile() });
  cleanup.push(() => sim.close());
  const secrets = new MemorySecretStore();
  const settings = openSettings(temp.path);
  settings.set('environment', 'production');
  const network = productionNetwork(sim);
  await connectWithPastedCredentials(
    'production',
    { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
    { dataDir: temp.path, secrets, env: {}, ...network },
  );
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
  const data = generatePracticeStore({ seed: 4, stores: 2, startDate: '2026-04-01', days: 2 });
  runtime.ledger.transaction(() => {
    for (const d of data.documents) runtime.ledger.documents.record(d);
    for (const s of data.stores) runtime.ledger.stores.upsert({ store: s.number, className: s.className, exportFormat: 'API-QBO' });
  });
  runtime.ledger.settings.set('exportMode', 'batch');
  await runtime.syncNow();
  return { sim, runtime, data };
}

describe('the go-live hold, enforced in main on every path that can post', () => {
  it('no runtime path sends a held job (or one that lost its hold) before the checklist passes; afterwards each goes once', async () => {
    const { sim, runtime, data } = await heldProduction();
    const { ledger } = runtime;
    const held = ledger.outbox.list({ status: 'held' }).rows.sort((a, b) => a.id - b.id);
    expect(held.length).toBeGreaterThanOrEqual(4);
    expect(runtime.cutoverChecklist().readyToSend).toBe(false);

    // resend / resend a document / release all: the ledger refuses to release a go-live hold.
    await expect(resend(runtime, held[0]!.id)).rejects.toThrow(/waits for production to go live.*go-live checklist passes/);
    const withDocument = held.find((j) => j.documentKeys.length > 0)!;
    await expect(resendDocument(runtime, withDocument.documentKeys[0]!)).rejects.toThrow(/waits for production to go live/);
    expect(() => ledger.outbox.releaseAll()).toThrow(/waits for production to go live/);
    expect(ledger.outbox.get(held[0]!.id)!.status).toBe('held');

    // A job that lost its hold (queued in a production ledger that has not gone live): no drain sends it.
    const loose = ledger.outbox.enqueue({ idempotencyKey: `${held[1]!.idempotencyKey}/loose`, kind: held[1]!.kind, payload: held[1]!.payload }).job;
    expect(loose.status).toBe('queued');
    const retried = await retryFailed(runtime);
    expect(retried.drain?.stopped).toMatchObject({ reason: 'guard', message: expect.stringMatching(NOT_LIVE) });
    const direct = await runtime.engine!.drain();
    expect(direct.stopped?.message).toMatch(NOT_LIVE);
    // A failed one, retried, likewise.
    const [claimed] = ledger.outbox.claim({ limit: 1 });
    ledger.outbox.fail(claimed!.id, { message: 'test: refused' });
    expect((await retryFailed(runtime)).drain?.stopped?.message).toMatch(NOT_LIVE);
    expect((await resend(runtime, claimed!.id)).drain?.stopped?.message).toMatch(NOT_LIVE);

    // Export now and the scheduler's cycle (`por-qbo sync --once` runs this same cycle).
    expect((await exportNow(runtime, { from: '2026-04-01', to: '2026-04-02' })).drain).toBeNull();
    const cycle = await runtime.cycle('poll');
    expect(cycle.skipped).toMatch(/^Production is not ready yet/);
    expect(cycle.drain).toBeNull();

    // Repost of a cancelled job: planned again, not sent.
    ledger.outbox.cancel(held[2]!.id, 'test');
    const reposted = await repost(runtime, held[2]!.id);
    expect(reposted.drain?.stopped?.message ?? 'not drained').toMatch(/go-live checklist passes|not drained/);

    // Replace a regenerated document: decided, planned held, not sent.
    const doc = data.documents[0]!;
    const iif = { ...doc, source: { ...doc.source, kind: 'iif' } } as PorDocument;
    ledger.documents.record({ ...iif, memo: 'first' } as PorDocument);
    ledger.documents.record({ ...iif, memo: 'regenerated' } as PorDocument);
    const pending = ledger.documents.pendingDecisions();
    expect(pending.length).toBe(1);
    const replaced = await replaceDocument(runtime, pending[0]!.key);
    expect(replaced.drain).toBeNull();

    expect(postedInQbo(sim)).toBe(0);
    expect(ledger.outbox.counts().posted).toBe(0);
    expect(ledger.outbox.get(loose.id)!.status).toBe('queued');

    // The checklist passes (mapping): the gate opens, every held job goes exactly once.
    const accounts = (await runtime.connection!.references.list('Account')) as Account[];
    ledger.mappings.applyAuto(automap(porAccountsUsed(data.documents), accounts));
    const live = await runtime.syncNow();
    expect(live?.released).toBeGreaterThan(0);
    expect(ledger.outbox.counts().held).toBe(0);
    expect(sim.list('JournalEntry').length).toBeGreaterThanOrEqual(4);
  });

  it('through the app core: exports:retry and exports:post {kind:job} refuse a held job with a clear message', async () => {
    const sim = await startSimulator({ realmId: '9130350000555555555', seed: 3, profile: testSimProfile() });
    cleanup.push(() => sim.close());
    const t = await startTestCore('production', {
      watchInbox: true,
      client: { fetch: ((url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(INTUIT_API, sim.baseUrl), init)) as typeof fetch },
      oauth: (environment) => new IntuitOAuthTransport(environment, simulatorEndpoints(sim)),
    });
    cleanup.push(() => t.close());
    await writePracticeFiles(join(t.dir, 'inbox'), { seed: 9, stores: 2, startDate: '2026-05-04', days: 2, formats: ['feed'] });
    await t.call('inbox:scan', {});
    await t.call('connection:paste', {
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      realmId: sim.realmId,
      refreshToken: sim.issueTokens().refresh_token,
    });
    for (const s of (await t.call('stores:get', {})).stores) {
      await t.call('stores:update', { store: s.store, exportFormat: 'API-QBO', className: `Store ${s.store}:Main` });
    }
    await t.call('mode:set', { mode: 'batch' });
    await t.call('sync:now', {});
    let view = await t.call('cutover:get', {});
    for (let i = 0; i < 200 && view.held.count === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await t.call('cutover:get', {});
    }
    expect(view.ready, JSON.stringify(view.checks)).toBe(false);
    const jobId = view.held.rows[0]!.jobId;

    await expect(t.call('exports:retry', { jobId })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/waits for production to go live/),
    });

    const { runId } = await t.call('exports:post', { scope: { kind: 'job', jobId }, confirmed: true });
    let finished: { message: string } | undefined;
    for (let i = 0; i < 400 && !finished; i++) {
      finished = t.events.map((e) => e.payload as { runId: string; finished: boolean; message: string }).find((p) => p.runId === runId && p.finished);
      if (!finished) await new Promise((r) => setTimeout(r, 25));
    }
    expect(finished?.message).toMatch(/waits for production to go live/);

    const day = view.held.rows.find((r) => r.store !== null && r.businessDate)!;
    const { runId: dayRun } = await t.call('exports:post', { scope: { kind: 'storeDay', store: day.store!, date: day.businessDate! }, confirmed: true });
    let dayDone: { message: string } | undefined;
    for (let i = 0; i < 400 && !dayDone; i++) {
      dayDone = t.events.map((e) => e.payload as { runId: string; finished: boolean; message: string }).find((p) => p.runId === dayRun && p.finished);
      if (!dayDone) await new Promise((r) => setTimeout(r, 25));
    }
    expect(dayDone?.message).toMatch(/go-live checklist holds it/);
    await expect(t.call('cutover:replay', { confirmed: true })).rejects.toMatchObject({ code: 'not-ready' });

    expect(postedInQbo(sim)).toBe(0);
    expect((await t.call('cutover:get', {})).held.count).toBe(view.held.count);
  });
});
