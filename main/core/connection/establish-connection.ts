/**
 * The common end of both connect paths: obtain a token (refresh of a pasted one, or a code exchange),
 * store it in the keychain at once, verify with a token refresh and a CompanyInfo read, then record
 * the connection. A failed attempt puts the keychain back as it was.
 */
import type { Environment } from '../environment';
import { EndpointConfigError, isCustomEndpoints, type QboEndpoints } from '../qbo/endpoints';
import { QboClient } from '../qbo/qbo-client';
import { QboFault, QboNetworkError, ReconnectNeededError } from '../qbo/qbo-fault';
import { limiterFor } from '../qbo/rate-limiter';
import { forgetReferenceCache } from '../qbo/reference-cache';
import { SECRET_KINDS, SecretStoreUnavailableError, type SecretKind } from '../secrets/secret-store';
import { logFileOf, logUnknownError } from '../log/file-log';
import { ConnectError } from './connect-error';
import { endpointsFor, oauthFor, type ConnectionDeps } from './connection-deps';
import { readConnectionRecord, writeConnectionRecord, type ConnectionRecord } from './connection-record';
import { composeStatus, type ConnectionStatus } from './connection-status';
import { serializeToken, type StoredToken } from './oauth-token';
import { OAuthRequestError, type ClientCredentials, type OAuthTransport } from './oauth-transport';
import { TokenManager } from './token-manager';

/** What a successful connect returns to the UI or CLI. No secret in it. */
export interface ConnectResult {
  environment: Environment;
  realmId: string;
  companyName: string;
  connectedAt: string;
  method: 'paste' | 'sign-in';
  status: ConnectionStatus;
}

export interface EstablishArgs {
  environment: Environment;
  method: 'paste' | 'sign-in';
  credentials: ClientCredentials;
  /** Known up front on the paste path; from the redirect on the sign-in path. */
  realmId: string;
  endpoints: QboEndpoints;
  oauth: OAuthTransport;
  obtainToken: () => Promise<StoredToken>;
  /** Sign-in: prove the fresh refresh token works too (paste already did a refresh). */
  refreshAfterObtain: boolean;
}

export async function establishConnection(args: EstablishArgs, deps: ConnectionDeps): Promise<ConnectResult> {
  const { environment, realmId } = args;
  const now = deps.now ?? Date.now;
  const token = await mapErrors(deps, args.obtainToken);
  token.realmId = realmId;

  const secretRef = (kind: SecretKind) => ({ environment, realmId, kind });
  const snapshot = await mapErrors(deps, async () => {
    const values = await Promise.all(SECRET_KINDS.map((kind) => deps.secrets.get(secretRef(kind))));
    return SECRET_KINDS.map((kind, i) => ({ kind, value: values[i] ?? null }));
  });

  let companyName: string;
  try {
    // The token first: a rotated refresh token must be safe before its access token is used.
    await deps.secrets.set(secretRef('token'), serializeToken(token));
    await deps.secrets.set(secretRef('client-id'), args.credentials.clientId);
    await deps.secrets.set(secretRef('client-secret'), args.credentials.clientSecret);
    const tokens = new TokenManager({ environment, realmId, secrets: deps.secrets, oauth: args.oauth, now: deps.now, logger: deps.logger });
    if (args.refreshAfterObtain) await tokens.refresh();
    const client = new QboClient({
      realmId,
      apiBaseUrl: args.endpoints.apiBaseUrl,
      tokens,
      limiter: limiterFor(environment, realmId),
      logger: deps.logger,
      ...deps.client,
      // Verification is interactive: a few quick retries, not minutes of backoff.
      retry: { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 2_000, maxRetryAfterMs: 5_000, ...deps.client?.retry },
    });
    const info = await client.companyInfo();
    companyName = info.CompanyName || info.LegalName || `Company ${realmId}`;
  } catch (err) {
    await restore(
      deps,
      snapshot.map((s) => ({ ...s, ref: secretRef(s.kind) })),
    );
    throw logged(deps, toConnectError(err, realmId, logFileOf(deps.dataDir)), err);
  }

  const previous = readConnectionRecord(deps.dataDir, environment);
  if (previous && previous.realmId !== realmId) await retireConnection(previous, deps);
  forgetReferenceCache(environment, realmId);

  const at = new Date(now()).toISOString();
  const record: ConnectionRecord = {
    environment,
    realmId,
    companyName,
    connectedAt: at,
    method: args.method,
    lastVerifiedAt: at,
    // Remember a simulator or sandbox override so later runs talk to the same server; never for production.
    endpoints: environment !== 'production' && isCustomEndpoints(args.endpoints) ? { ...args.endpoints } : null,
    reconnectNeeded: null,
  };
  writeConnectionRecord(deps.dataDir, record);
  deps.logger?.({ level: 'info', event: 'connection.connected', message: `Connected to ${companyName}`, environment, realmId, method: args.method });
  const tokens = new TokenManager({ environment, realmId, secrets: deps.secrets, oauth: args.oauth, now: deps.now });
  return { environment, realmId, companyName, connectedAt: at, method: args.method, status: composeStatus(environment, record, await tokens.status()) };
}

/** Connecting an environment to another company: revoke and forget the old one (best effort). */
async function retireConnection(previous: ConnectionRecord, deps: ConnectionDeps): Promise<void> {
  try {
    const endpoints = endpointsFor(previous.environment, deps, previous);
    const tokens = new TokenManager({
      environment: previous.environment,
      realmId: previous.realmId,
      secrets: deps.secrets,
      oauth: oauthFor(previous.environment, endpoints, deps),
    });
    await tokens.disconnect();
  } catch {
    // The old company's entries are removed by disconnect() even when revoking fails; nothing else to do.
  }
  forgetReferenceCache(previous.environment, previous.realmId);
}

async function restore(
  deps: ConnectionDeps,
  entries: { ref: { environment: Environment; realmId: string; kind: SecretKind }; value: string | null }[],
): Promise<void> {
  for (const entry of entries) {
    try {
      if (entry.value === null) await deps.secrets.delete(entry.ref);
      else await deps.secrets.set(entry.ref, entry.value);
    } catch {
      // Keychain gone mid-way: the original error is what the user needs to see.
    }
  }
}

function logged(deps: ConnectionDeps, error: ConnectError, cause: unknown): ConnectError {
  const fields = { code: error.code, intuit_tid: error.intuit_tid };
  if (error.code === 'unexpected' && deps.logger) {
    // The person is told the details are in the log: write them (scrubbed by the file log).
    logUnknownError(deps.logger, 'connection.connect-failed', cause, fields);
  } else {
    // A known failure: its message says it all; only the class name of the cause.
    deps.logger?.({
      level: 'error',
      event: 'connection.connect-failed',
      message: error.message,
      ...fields,
      cause: cause instanceof Error ? cause.name : typeof cause,
    });
  }
  return error;
}

async function mapErrors<T>(deps: ConnectionDeps, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw logged(deps, toConnectError(err, null, logFileOf(deps.dataDir)), err);
  }
}

/** A connect step's failure as a ConnectError; anything not already one is logged with its details. */
export function connectFailure(err: unknown, realmId: string | null, deps: ConnectionDeps): ConnectError {
  if (err instanceof ConnectError) return err;
  return logged(deps, toConnectError(err, realmId, logFileOf(deps.dataDir)), err);
}

/**
 * Every failure as a ConnectError with a plain message; unknown errors never pass their text on, and
 * their message says where the log is (`logFile`) that holds the details.
 */
export function toConnectError(err: unknown, realmId: string | null, logFile: string | null = null): ConnectError {
  if (err instanceof ConnectError) return err;
  if (err instanceof OAuthRequestError) {
    if (err.isInvalidGrant) {
      return new ConnectError(
        'refresh-token-rejected',
        'Intuit did not accept the refresh token or sign-in code (invalid_grant). It may have expired, been used already, or belong to a different Client ID or environment. Get a new one (OAuth Playground, step 2) and try again.',
        [],
        err.intuit_tid,
      );
    }
    if (err.isInvalidClient && !err.isTransient) {
      return new ConnectError(
        'client-rejected',
        'Intuit did not accept the Client ID and Client Secret (invalid_client). Copy both again from the Keys & credentials page of the same app and environment.',
        [],
        err.intuit_tid,
      );
    }
    return new ConnectError(
      'network',
      `Could not reach Intuit's sign-in service (${err.error}${err.httpStatus ? `, HTTP ${err.httpStatus}` : ''}). Check the internet connection and try again.`,
      [],
      err.intuit_tid,
    );
  }
  if (err instanceof ReconnectNeededError) {
    return new ConnectError(
      'company-access-denied',
      `QuickBooks accepted the token but refused access to company ${realmId ?? ''}`.trim() +
        '. Check that the Realm ID is the company you authorized in the OAuth Playground.',
      [],
      err.fault?.intuit_tid ?? null,
    );
  }
  if (err instanceof QboNetworkError)
    return new ConnectError('network', `Could not reach QuickBooks (${err.code}). Check the internet connection and try again.`);
  if (err instanceof QboFault) {
    if (err.httpStatus === 403 || err.httpStatus === 401) {
      return new ConnectError('company-access-denied', `QuickBooks refused access to company ${realmId ?? ''}: ${err.message}`, [], err.intuit_tid);
    }
    return new ConnectError('network', `QuickBooks answered with an error while verifying the connection: ${err.describe()}`, [], err.intuit_tid);
  }
  if (err instanceof SecretStoreUnavailableError) return new ConnectError('keychain', err.message);
  if (err instanceof EndpointConfigError) return new ConnectError('endpoint-config', err.message);
  return new ConnectError('unexpected', unexpectedConnectMessage(logFile));
}

export function unexpectedConnectMessage(logFile: string | null): string {
  const where = logFile ? `the details are in the log: ${logFile}` : "the details are in the app's log (Settings → Log)";
  return `Something unexpected went wrong while connecting to QuickBooks. Try again; if it happens again, ${where}`;
}
