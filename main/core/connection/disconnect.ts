/** Disconnect: revoke the token at Intuit (best effort), delete the keychain entries and the record. */
import type { Environment } from '../environment';
import { forgetReferenceCache } from '../qbo/reference-cache';
import { deleteConnectionSecrets } from '../secrets/secret-store';
import { endpointsFor, oauthFor, type ConnectionDeps } from './connection-deps';
import { deleteConnectionRecord, readConnectionRecord } from './connection-record';
import { TokenManager } from './token-manager';

export interface DisconnectResult {
  environment: Environment;
  wasConnected: boolean;
  realmId: string | null;
  companyName: string | null;
  /** False when Intuit could not be told (offline, token already dead); the secrets are deleted anyway. */
  revoked: boolean;
  revokeError: string | null;
}

export async function disconnectEnvironment(environment: Environment, deps: ConnectionDeps): Promise<DisconnectResult> {
  const record = readConnectionRecord(deps.dataDir, environment);
  if (!record) return { environment, wasConnected: false, realmId: null, companyName: null, revoked: false, revokeError: null };
  let revoked = false;
  let revokeError: string | null = null;
  try {
    const endpoints = endpointsFor(environment, deps, record);
    const tokens = new TokenManager({
      environment,
      realmId: record.realmId,
      secrets: deps.secrets,
      oauth: oauthFor(environment, endpoints, deps),
      logger: deps.logger,
    });
    ({ revoked, revokeError } = await tokens.disconnect());
  } catch (err) {
    revokeError = err instanceof Error ? err.name : 'unknown';
    await deleteConnectionSecrets(deps.secrets, environment, record.realmId);
  }
  deleteConnectionRecord(deps.dataDir, environment);
  forgetReferenceCache(environment, record.realmId);
  deps.logger?.({
    level: 'info',
    event: 'connection.disconnected',
    message: `Disconnected from ${record.companyName}`,
    environment,
    realmId: record.realmId,
    revoked,
  });
  return { environment, wasConnected: true, realmId: record.realmId, companyName: record.companyName, revoked, revokeError };
}
