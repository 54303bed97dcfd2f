/**
 * What the UI, tray and CLI show about an environment's connection. Built from the connection record
 * and the token's dates; it holds no secret, so it may cross IPC as is.
 */
import type { Environment } from '../environment';
import { ENVIRONMENT_LABELS } from '../environment';
import type { ConnectionDeps } from './connection-deps';
import { readConnectionRecord, type ConnectionRecord } from './connection-record';
import { OFFLINE_OAUTH } from './oauth-transport';
import { TokenManager, type TokenStatus } from './token-manager';

export type ConnectionState = 'not-connected' | 'connected' | 'reconnect-needed';

export interface ConnectionStatus {
  environment: Environment;
  state: ConnectionState;
  realmId: string | null;
  companyName: string | null;
  connectedAt: string | null;
  method: 'paste' | 'sign-in' | null;
  lastVerifiedAt: string | null;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  refreshTokenDaysLeft: number | null;
  refreshTokenExpiringSoon: boolean;
  reconnectReason: string | null;
  /** One plain sentence for the setup screen and `por-qbo connect --status`. */
  message: string;
}

export function composeStatus(environment: Environment, record: ConnectionRecord | null, token: TokenStatus | null): ConnectionStatus {
  if (!record) {
    return {
      environment,
      state: 'not-connected',
      realmId: null,
      companyName: null,
      connectedAt: null,
      method: null,
      lastVerifiedAt: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      refreshTokenDaysLeft: null,
      refreshTokenExpiringSoon: false,
      reconnectReason: null,
      message: `Not connected to ${ENVIRONMENT_LABELS[environment]}.`,
    };
  }
  const reconnectReason =
    token?.state === 'reconnect-needed'
      ? token.reconnectReason
      : (record.reconnectNeeded?.reason ?? (token && !token.hasToken ? 'no QuickBooks token is saved in the keychain for this company' : null));
  const state: ConnectionState = reconnectReason ? 'reconnect-needed' : 'connected';
  const days = token?.refreshTokenDaysLeft ?? null;
  const expiring = state === 'connected' && (token?.refreshTokenExpiringSoon ?? false);
  const message =
    state === 'reconnect-needed'
      ? `Reconnect needed for ${record.companyName}: ${reconnectReason}. Queued work is kept and resumes after reconnecting.`
      : expiring
        ? `Connected to ${record.companyName}, but the connection expires in ${Math.max(0, days ?? 0)} day(s) unless the app syncs or you reconnect.`
        : `Connected to ${record.companyName} (${ENVIRONMENT_LABELS[environment]}).`;
  return {
    environment,
    state,
    realmId: record.realmId,
    companyName: record.companyName,
    connectedAt: record.connectedAt,
    method: record.method,
    lastVerifiedAt: record.lastVerifiedAt,
    accessTokenExpiresAt: token?.accessTokenExpiresAt ?? null,
    refreshTokenExpiresAt: token?.refreshTokenExpiresAt ?? null,
    refreshTokenDaysLeft: days,
    refreshTokenExpiringSoon: expiring,
    reconnectReason,
    message,
  };
}

/** Status without any network call: the record plus the token's dates from the keychain. */
export async function getConnectionStatus(environment: Environment, deps: Pick<ConnectionDeps, 'dataDir' | 'secrets' | 'now'>): Promise<ConnectionStatus> {
  const record = readConnectionRecord(deps.dataDir, environment);
  if (!record) return composeStatus(environment, null, null);
  const tokens = new TokenManager({
    environment,
    realmId: record.realmId,
    secrets: deps.secrets,
    now: deps.now,
    oauth: OFFLINE_OAUTH,
    reconnectReason: record.reconnectNeeded?.reason ?? null,
  });
  return composeStatus(environment, record, await tokens.status());
}
