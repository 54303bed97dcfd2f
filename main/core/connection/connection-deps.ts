import type { Environment } from '../environment';
import { resolveEndpoints, type QboEndpoints } from '../qbo/endpoints';
import type { QboClientOptions } from '../qbo/qbo-client';
import type { QboLogger } from '../qbo/qbo-log';
import type { SecretStore } from '../secrets/secret-store';
import type { ConnectionRecord } from './connection-record';
import { IntuitOAuthTransport } from './intuit-oauth-transport';
import type { OAuthTransport } from './oauth-transport';

/** The capabilities connect, status, open and disconnect work with; tests pass real ones. */
export interface ConnectionDeps {
  /** Data folder: connection records live in `<dataDir>/connections/`. */
  dataDir: string;
  /** The OS keychain (KeytarSecretStore) in the app and CLI. */
  secrets: SecretStore;
  /** Explicit endpoints (the in-process practice simulator). Win over env vars and the record. */
  endpoints?: Partial<QboEndpoints>;
  /** Where PORQBO_QBO_BASE_URL etc. are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** OAuth transport factory (default: intuit-oauth pointed at the resolved endpoints). */
  oauth?: (environment: Environment, endpoints: QboEndpoints) => OAuthTransport;
  /** Client knobs: limits, retry, fetch, onRequest. */
  client?: Partial<Omit<QboClientOptions, 'realmId' | 'apiBaseUrl' | 'tokens'>>;
  logger?: QboLogger;
  now?: () => number;
}

export function endpointsFor(environment: Environment, deps: ConnectionDeps, record?: ConnectionRecord | null): QboEndpoints {
  return resolveEndpoints(environment, { overrides: deps.endpoints, persisted: record?.endpoints ?? null, env: deps.env });
}

export function oauthFor(environment: Environment, endpoints: QboEndpoints, deps: ConnectionDeps): OAuthTransport {
  return deps.oauth ? deps.oauth(environment, endpoints) : new IntuitOAuthTransport(environment, endpoints);
}
