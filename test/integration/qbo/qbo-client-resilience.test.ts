import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import type { JournalEntry } from '../../../main/core/qbo/entities';
import { QboFault, QboNetworkError, QboUncertainError, ReconnectNeededError } from '../../../main/core/qbo/qbo-fault';
import { QboClient } from '../../../main/core/qbo/qbo-client';
import { parseStoredToken } from '../../../main/core/connection/oauth-token';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { TokenManager } from '../../../main/core/connection/token-manager';
import { expectSentBodiesFitSchema, simIds, simSession, type SimSession } from './sim-session';

let sim: RunningSimulator;
let s: SimSession;

beforeEach(async () => {
  sim = await startSimulator({ seed: 7 });
  s = await simSession(sim);
});
afterEach(async () => {
  await sim.close();
});

function journal(n: number): JournalEntry {
  const ids = simIds(sim);
  return {
    TxnDate: '2026-03-14',
    DocNumber: `PR-R-${n}`,
    Line: [
      { Amount: 10, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: ids.account('1050') } } },
      { Amount: 10, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: ids.account('4000-01') } } },
    ],
  };
}

describe('QboClient retries and authentication against the simulator', () => {
  it('never resends a create that met a 5xx: it fails with QboUncertainError, and each requestid left once', async () => {
    sim.knobs.serverErrorRate = 0.3;
    const before = sim.list('JournalEntry').length;
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => s.client.create('JournalEntry', journal(i), { requestId: `practice:r5xx:${i}` })),
    );
    const created = settled.filter((r) => r.status === 'fulfilled');
    const uncertain = settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as unknown);
    expect(uncertain.length).toBeGreaterThan(0);
    for (const err of uncertain) {
      expect(err).toBeInstanceOf(QboUncertainError);
      expect((err as QboUncertainError).outcome).toMatchObject({ httpStatus: 500 });
    }
    // The simulator answers 500 before doing anything: QBO holds exactly the answered creates.
    expect(sim.list('JournalEntry').length - before).toBe(created.length);
    expect(s.client.stats().retries).toBe(0);
    const byDoc = new Map<string, number>();
    for (const e of s.sent) {
      const doc = (e.body as { DocNumber?: string } | undefined)?.DocNumber;
      if (doc) byDoc.set(doc, (byDoc.get(doc) ?? 0) + 1);
    }
    expect([...byDoc.values()].every((n) => n === 1)).toBe(true);
    expectSentBodiesFitSchema(s.sent);
  });

  it('a create whose answer was lost after QBO committed it fails as uncertain, never resent (so never duplicated)', async () => {
    sim.knobs.dropConnectionRate = 0.5;
    const before = sim.list('JournalEntry').length;
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => s.client.create('JournalEntry', journal(100 + i), { requestId: `practice:rdrop:${i}` })),
    );
    expect(s.client.stats().networkErrors).toBeGreaterThan(0);
    const lost = settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as unknown);
    expect(lost.length).toBe(s.client.stats().networkErrors);
    for (const err of lost) expect(err).toBeInstanceOf(QboUncertainError);
    // Every create ran once in QBO, answered or not.
    expect(sim.list('JournalEntry').length - before).toBe(20);
    expect(s.sent.filter((e) => e.path === 'journalentry').length).toBe(20);
  });

  it('reads are idempotent: a 5xx on a query is retried in place', async () => {
    sim.failNext(2, 503);
    const rows = await s.client.queryAll('Account', "where Name = 'Cash'");
    expect(Array.isArray(rows)).toBe(true);
    expect(s.client.stats()).toMatchObject({ serverErrors: 2, retries: 2 });
  });

  it('honours Retry-After on a 429 (waits at least that long, then succeeds)', async () => {
    sim.failNext(1, 429);
    const started = performance.now();
    const info = await s.client.companyInfo();
    expect(info.CompanyName).toBe(sim.companyName);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(s.client.stats()).toMatchObject({ throttled: 1, retries: 1 });
  });

  it('a 429 without Retry-After (as reported of real QBO) still holds the realm for at least a second', async () => {
    sim.knobs.retryAfterOn429 = false;
    sim.failNext(1, 429);
    const started = performance.now();
    await s.client.companyInfo();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(s.client.stats()).toMatchObject({ throttled: 1, retries: 1 });
  });

  it('gives up after maxAttempts with the typed fault', async () => {
    sim.failNext(6, 503);
    const err = await s.client.companyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QboFault);
    expect(err).toMatchObject({ httpStatus: 503, code: '10000', type: 'SystemFault' });
    expect(s.client.stats()).toMatchObject({ requests: 6, retries: 5 });
  });

  it('refreshes once on a 401, saves the rotated token first, then succeeds', async () => {
    const ref = { environment: 'practice' as const, realmId: sim.realmId, kind: 'token' as const };
    // A new process holds no access token (the keychain never keeps one): its first call refreshes.
    await s.client.companyInfo();
    const initial = parseStoredToken(await s.secrets.get(ref))!;
    const before = s.tokens.refreshes;
    sim.failNext(1, 401);
    const info = await s.client.companyInfo();
    expect(info.CompanyName).toBe(sim.companyName);
    expect(s.tokens.refreshes).toBe(before + 1);
    const saved = parseStoredToken(await s.secrets.get(ref))!;
    expect(saved.refresh_token).not.toBe(initial.refresh_token);
    expect(saved.access_token).toBe('');
    expect(saved.createdAt).toBeGreaterThanOrEqual(initial.createdAt);
    expect(s.client.stats().unauthorized).toBe(1);
  });

  it('a 401 right after a refresh means "reconnect needed": typed error, state kept, no further requests', async () => {
    const states: string[] = [];
    await s.client.companyInfo(); // the new process's first refresh
    const before = s.tokens.refreshes;
    s.tokens.onChange((status) => states.push(status.state));
    sim.knobs.expireAccessTokens = true;
    const err = await s.client.companyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReconnectNeededError);
    expect((err as ReconnectNeededError).fault?.httpStatus).toBe(401);
    expect(s.tokens.refreshes).toBe(before + 1);
    const status = await s.tokens.status();
    expect(status.state).toBe('reconnect-needed');
    await new Promise((r) => setTimeout(r, 10));
    expect(states).toContain('reconnect-needed');
    const requests = s.client.stats().requests;
    sim.knobs.expireAccessTokens = false;
    await expect(s.client.create('JournalEntry', journal(1), { requestId: 'practice:after' })).rejects.toBeInstanceOf(ReconnectNeededError);
    expect(s.client.stats().requests).toBe(requests);
  });

  it('a revoked refresh token (invalid_grant) means "reconnect needed" too', async () => {
    const ref = { environment: 'practice' as const, realmId: sim.realmId, kind: 'token' as const };
    const token = parseStoredToken(await s.secrets.get(ref))!;
    await s.secrets.set(ref, JSON.stringify({ ...token, refresh_token: 'AB11-not-a-real-refresh-token-0000000000000000', createdAt: 0 }));
    const err = await s.client.companyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReconnectNeededError);
    expect((err as Error).message).toMatch(/invalid_grant/);
    expect((await s.tokens.status()).state).toBe('reconnect-needed');
  });

  it('retries network failures and reports them typed when the server stays away', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new QboClient({
      realmId: sim.realmId,
      apiBaseUrl: `http://127.0.0.1:${port}`,
      tokens: s.tokens,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const err = await client.companyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QboNetworkError);
    expect((err as QboNetworkError).code).toBe('ECONNREFUSED');
    expect(client.stats()).toMatchObject({ networkErrors: 3, retries: 2 });
  });

  it('retries when the token endpoint is unreachable during a refresh, then reports it typed', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const ref = { environment: 'practice' as const, realmId: sim.realmId, kind: 'token' as const };
    const token = parseStoredToken(await s.secrets.get(ref))!;
    await s.secrets.set(ref, JSON.stringify({ ...token, createdAt: Date.now() - 2 * 3600_000 }));
    const deadOAuth = new IntuitOAuthTransport('practice', { ...sim, tokenUrl: `http://127.0.0.1:${port}/oauth2/v1/tokens/bearer` }, { maxRetries: 0 });
    const tokens = new TokenManager({ environment: 'practice', realmId: sim.realmId, secrets: s.secrets, oauth: deadOAuth });
    const client = new QboClient({ realmId: sim.realmId, apiBaseUrl: sim.baseUrl, tokens, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const err = await client.companyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QboNetworkError);
    expect((err as QboNetworkError).code).toBe('OAUTH_UNREACHABLE');
    expect(client.stats()).toMatchObject({ networkErrors: 2, retries: 1, requests: 0 });
    expect((await tokens.status()).state).toBe('connected'); // a network failure is not a reason to reconnect
  });

  it('stops waiting when the caller aborts', async () => {
    sim.knobs.latencyMs = 2000;
    const controller = new AbortController();
    const pending = s.client.companyInfo({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user stopped the sync')), 50);
    await expect(pending).rejects.toThrow('user stopped the sync');
  });
});
