/**
 * The engine's way in: an environment's verified connection as a ready QBO client with its token
 * manager and reference cache. "Reconnect needed" is remembered in the connection record so the app
 * shows it after a restart too.
 */
import type { Environment } from '../environment';
import type { QboEndpoints } from '../qbo/endpoints';
import { QboClient } from '../qbo/qbo-client';
import { limiterFor } from '../qbo/rate-limiter';
import { referenceCacheFor, type ReferenceCache, type ReferenceCacheOptions } from '../qbo/reference-cache';
import { endpointsFor, oauthFor, type ConnectionDeps } from './connection-deps';
import { readConnectionRecord, updateConnectionRecord, type ConnectionRecord } from './connection-record';
import { composeStatus, type ConnectionStatus } from './connection-status';
import { TokenManager } from './token-manager';

export interface QboConnection {
  environment: Environment;
  realmId: string;
  companyName: string;
  endpoints: QboEndpoints;
  tokens: TokenManager;
  client: QboClient;
  references: ReferenceCache;
  status(): Promise<ConnectionStatus>;
  /** Called once each time the connection turns "reconnect needed". */
  onReconnectNeeded(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export interface OpenConnectionOptions {
  references?: ReferenceCacheOptions;
}

/** null when the environment was never connected (or was disconnected). */
export async function openQboConnection(environment: Environment, deps: ConnectionDeps, options: OpenConnectionOptions = {}): Promise<QboConnection | null> {
  const record = readConnectionRecord(deps.dataDir, environment);
  if (!record) return null;
  const endpoints = endpointsFor(environment, deps, record);
  const oauth = oauthFor(environment, endpoints, deps);
  const tokens = new TokenManager({
    environment,
    realmId: record.realmId,
    secrets: deps.secrets,
    oauth,
    now: deps.now,
    logger: deps.logger,
    reconnectReason: record.reconnectNeeded?.reason ?? null,
  });
  const client = new QboClient({
    realmId: record.realmId,
    apiBaseUrl: endpoints.apiBaseUrl,
    tokens,
    limiter: deps.client?.limiter ?? limiterFor(environment, record.realmId, deps.client?.limits),
    logger: deps.logger,
    ...deps.client,
  });
  const references = referenceCacheFor(environment, client, options.references);
  const currentRecord = (): ConnectionRecord => readConnectionRecord(deps.dataDir, environment) ?? record;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  let wasReconnectNeeded = record.reconnectNeeded !== null;
  const unsubscribe = tokens.onChange((tokenStatus) => {
    const needed = tokenStatus.state === 'reconnect-needed';
    if (needed && !wasReconnectNeeded) {
      const since = new Date((deps.now ?? Date.now)()).toISOString();
      const updated = updateConnectionRecord(deps.dataDir, environment, {
        reconnectNeeded: { since, reason: tokenStatus.reconnectReason ?? 'reconnect needed' },
      });
      const status = composeStatus(environment, updated ?? currentRecord(), tokenStatus);
      for (const listener of [...listeners]) listener(status);
    }
    wasReconnectNeeded = needed;
  });
  return {
    environment,
    realmId: record.realmId,
    companyName: record.companyName,
    endpoints,
    tokens,
    client,
    references,
    status: async () => composeStatus(environment, currentRecord(), await tokens.status()),
    onReconnectNeeded: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      unsubscribe();
      listeners.clear();
    },
  };
}
