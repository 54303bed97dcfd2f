import { profileOf } from '../environment-profile';
import { AppError } from '../app-error';
import type { Environment } from '../environment';

/** Where one environment's QBO API and Intuit OAuth endpoints live. Not secret. */
export interface QboEndpoints {
  /** API origin (and optional path prefix) before `/v3/company/{realmId}`. */
  apiBaseUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  authorizeUrl: string;
}

const INTUIT_OAUTH = {
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
};

/** Intuit's published endpoints (QBO.md). */
export const INTUIT_ENDPOINTS: Record<'sandbox' | 'production', QboEndpoints> = {
  sandbox: { apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com', ...INTUIT_OAUTH },
  production: { apiBaseUrl: 'https://quickbooks.api.intuit.com', ...INTUIT_OAUTH },
};

/** Env vars that point sandbox (and practice) at another server, e.g. the practice simulator. */
export const ENDPOINT_ENV_VARS = {
  apiBaseUrl: 'PORQBO_QBO_BASE_URL',
  tokenUrl: 'PORQBO_OAUTH_TOKEN_URL',
  revokeUrl: 'PORQBO_OAUTH_REVOKE_URL',
  authorizeUrl: 'PORQBO_OAUTH_AUTHORIZE_URL',
} as const satisfies Record<keyof QboEndpoints, string>;

export class EndpointConfigError extends AppError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'EndpointConfigError';
  }
}

export interface ResolveEndpointsOptions {
  /** Explicit values (the in-process simulator's URLs, a test). Win over env vars. */
  overrides?: Partial<QboEndpoints>;
  /** Values remembered with the connection (practice/sandbox only). Lose to env vars. */
  persisted?: Partial<QboEndpoints> | null;
  env?: NodeJS.ProcessEnv;
}

/**
 * Endpoints for one environment. Production is always Intuit's: nothing can redirect production
 * tokens elsewhere. Sandbox defaults to Intuit's sandbox and may be overridden; practice has no
 * default because it always talks to the practice simulator.
 */
export function resolveEndpoints(environment: Environment, options: ResolveEndpointsOptions = {}): QboEndpoints {
  if (environment === 'production') return { ...INTUIT_ENDPOINTS.production };
  const env = options.env ?? process.env;
  const fromEnv: Partial<QboEndpoints> = {};
  for (const [key, name] of Object.entries(ENDPOINT_ENV_VARS) as [keyof QboEndpoints, string][]) {
    const value = env[name]?.trim();
    if (value) fromEnv[key] = value;
  }
  const merged: Partial<QboEndpoints> = {
    ...(environment === 'sandbox' ? INTUIT_ENDPOINTS.sandbox : {}),
    ...stripEmpty(options.persisted ?? {}),
    ...fromEnv,
    ...stripEmpty(options.overrides ?? {}),
  };
  // A redirected token endpoint implies its own revoke/authorize on the same server (Intuit's paths),
  // so a disconnect never sends a practice token to Intuit.
  const redirected = merged.tokenUrl && !isIntuitUrl(merged.tokenUrl);
  if (redirected && merged.tokenUrl) {
    const origin = new URL(merged.tokenUrl).origin;
    if (!merged.revokeUrl || isIntuitUrl(merged.revokeUrl)) merged.revokeUrl = `${origin}/v2/oauth2/tokens/revoke`;
    if (!merged.authorizeUrl || isIntuitUrl(merged.authorizeUrl)) merged.authorizeUrl = `${origin}/connect/oauth2`;
  }
  const missing = (Object.keys(ENDPOINT_ENV_VARS) as (keyof QboEndpoints)[]).filter((k) => !merged[k]);
  if (missing.length > 0) {
    throw new EndpointConfigError(
      profileOf(environment).embeddedSimulator
        ? 'Practice mode needs the practice QuickBooks simulator: start it ("por-qbo simulator") and set ' +
            `${ENDPOINT_ENV_VARS.apiBaseUrl} and ${ENDPOINT_ENV_VARS.tokenUrl} to the URLs it prints.`
        : `Missing QuickBooks endpoint(s): ${missing.join(', ')}`,
    );
  }
  const result = merged as QboEndpoints;
  for (const key of Object.keys(ENDPOINT_ENV_VARS) as (keyof QboEndpoints)[]) checkUrl(key, result[key]);
  result.apiBaseUrl = result.apiBaseUrl.replace(/\/+$/, '');
  return result;
}

/** True when endpoints point somewhere other than Intuit (worth remembering with the connection). */
export function isCustomEndpoints(endpoints: QboEndpoints): boolean {
  return !isIntuitUrl(endpoints.apiBaseUrl) || !isIntuitUrl(endpoints.tokenUrl);
}

function isIntuitUrl(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith('.intuit.com');
  } catch {
    return false;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https anywhere; plain http only on loopback, so tokens never cross a network unencrypted. */
function checkUrl(key: keyof QboEndpoints, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EndpointConfigError(`${ENDPOINT_ENV_VARS[key]} is not a URL: ${JSON.stringify(value.slice(0, 100))}`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return;
  throw new EndpointConfigError(`${ENDPOINT_ENV_VARS[key]} must be https (http is allowed on 127.0.0.1 only): ${url.origin}`);
}

function stripEmpty(values: Partial<QboEndpoints>): Partial<QboEndpoints> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Partial<QboEndpoints>;
}

/** The practice simulator's URLs (startSimulator() / `por-qbo simulator`) as endpoints. */
export function simulatorEndpoints(sim: { baseUrl: string; tokenUrl: string; revokeUrl: string; authorizeUrl: string }): QboEndpoints {
  return { apiBaseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, revokeUrl: sim.revokeUrl, authorizeUrl: sim.authorizeUrl };
}
