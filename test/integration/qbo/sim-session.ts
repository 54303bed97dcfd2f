/**
 * A QBO client wired to a running practice simulator the way the app wires it: a TokenManager on a
 * SecretStore holding a fresh grant, intuit-oauth for refreshes. Every request body the client sends
 * is recorded so tests can check it against the XSD-derived schema.
 */
import { expect } from 'vitest';
import type { RunningSimulator } from '../../../main/core/practice/simulator';
import { checkBodyAgainstSchema } from '../../../main/core/qbo/schema';
import { QboClient, type QboClientOptions, type QboRequestEvent } from '../../../main/core/qbo/qbo-client';
import { IntuitOAuthTransport } from '../../../main/core/connection/intuit-oauth-transport';
import { serializeToken, toStoredToken } from '../../../main/core/connection/oauth-token';
import { TokenManager } from '../../../main/core/connection/token-manager';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import type { SecretStore } from '../../../main/core/secrets/secret-store';
import type { Environment } from '../../../main/core/environment';

export interface SimSession {
  client: QboClient;
  tokens: TokenManager;
  secrets: SecretStore;
  sent: QboRequestEvent[];
}

export const FAST_RETRY = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 1500 };

export async function simSession(
  sim: RunningSimulator,
  options: Partial<Omit<QboClientOptions, 'realmId' | 'apiBaseUrl' | 'tokens'>> & { secrets?: SecretStore; environment?: Environment } = {},
): Promise<SimSession> {
  const environment = options.environment ?? 'practice';
  const secrets = options.secrets ?? new MemorySecretStore();
  const ref = { environment, realmId: sim.realmId };
  await secrets.set({ ...ref, kind: 'token' }, serializeToken(toStoredToken(sim.issueTokens(), sim.realmId, Date.now())));
  await secrets.set({ ...ref, kind: 'client-id' }, sim.clientId);
  await secrets.set({ ...ref, kind: 'client-secret' }, sim.clientSecret);
  const tokens = new TokenManager({ environment, realmId: sim.realmId, secrets, oauth: new IntuitOAuthTransport(environment, sim) });
  const sent: QboRequestEvent[] = [];
  const client = new QboClient({
    realmId: sim.realmId,
    apiBaseUrl: sim.baseUrl,
    tokens,
    retry: FAST_RETRY,
    ...options,
    onRequest: (event) => {
      sent.push(event);
      options.onRequest?.(event);
    },
  });
  return { client, tokens, secrets, sent };
}

const PATH_ENTITY: Record<string, string> = {
  journalentry: 'JournalEntry',
  invoice: 'Invoice',
  creditmemo: 'CreditMemo',
  payment: 'Payment',
  deposit: 'Deposit',
  customer: 'Customer',
  item: 'Item',
  class: 'Class',
  department: 'Department',
  account: 'Account',
};

/** Every POST body the client sent fits Intuit's schema; also checks the query string rules. */
export function expectSentBodiesFitSchema(sent: QboRequestEvent[]): void {
  expect(sent.length).toBeGreaterThan(0);
  for (const event of sent) {
    expect(event.params.minorversion).toBe('75');
    if (event.method !== 'POST') continue;
    if (event.path === 'batch') {
      const items = (event.body as { BatchItemRequest: Record<string, unknown>[] }).BatchItemRequest;
      expect(items.length).toBeLessThanOrEqual(30);
      expect(event.params.requestid?.length ?? 0).toBeLessThanOrEqual(36);
      for (const item of items) {
        expect(String(item.bId).length).toBeLessThanOrEqual(10);
        const entity = Object.keys(item).find((k) => !['bId', 'operation', 'optionsData', 'Query'].includes(k));
        if (entity) expect(checkBodyAgainstSchema(entity, item[entity]), `${entity} in batch`).toEqual([]);
      }
      continue;
    }
    const entity = PATH_ENTITY[event.path];
    expect(entity, event.path).toBeDefined();
    expect(checkBodyAgainstSchema(entity!, event.body), `${entity} body`).toEqual([]);
    if (!event.params.operation) expect(event.params.requestid, `create ${entity} carries a requestid`).toBeTruthy();
  }
}

/** Ids of seeded objects by a natural key. */
export function simIds(sim: RunningSimulator) {
  const find = (entity: string, match: (o: Record<string, unknown>) => boolean): string => {
    const row = sim.list(entity).find(match);
    if (!row) throw new Error(`seed has no matching ${entity}`);
    return String(row.Id);
  };
  return {
    account: (acctNum: string) => find('Account', (a) => a.AcctNum === acctNum),
    item: (name: string) => find('Item', (i) => i.Name === name),
    customer: (name: string) => find('Customer', (c) => c.DisplayName === name),
    klass: (name: string) => find('Class', (c) => c.Name === name),
    department: (name: string) => find('Department', (d) => d.Name === name),
  };
}
