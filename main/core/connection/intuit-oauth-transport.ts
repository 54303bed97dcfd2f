import OAuthClient from 'intuit-oauth';
import type { Environment } from '../environment';
import type { QboEndpoints } from '../qbo/endpoints';
import { toStoredToken, type StoredToken } from './oauth-token';
import { OAuthRequestError, type ClientCredentials, type OAuthTransport } from './oauth-transport';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/**
 * OAuthTransport on Intuit's own `intuit-oauth` package. Its endpoints are static properties of
 * OAuthClient, so they are set right before each call (the request URL is read synchronously, so
 * two environments in one process cannot mix). Its `logging` option stays off: it writes tokens to
 * ./logs. Its errors carry the request (Basic auth header, refresh token), so none escapes: each is
 * reduced to an OAuthRequestError.
 */
export interface IntuitOAuthRetry {
  /** intuit-oauth retries 429/5xx/ECONNRESET/ECONNREFUSED itself: this many times (default 3). */
  maxRetries: number;
  /** First delay, doubled each retry (default 1000 ms). */
  retryDelayMs: number;
}

export class IntuitOAuthTransport implements OAuthTransport {
  private readonly retry: IntuitOAuthRetry;

  constructor(
    private readonly environment: Environment,
    private readonly endpoints: Pick<QboEndpoints, 'tokenUrl' | 'revokeUrl' | 'authorizeUrl'>,
    retry: Partial<IntuitOAuthRetry> = {},
  ) {
    this.retry = { maxRetries: 3, retryDelayMs: 1000, ...retry };
  }

  authorizeUrl(credentials: ClientCredentials, redirectUri: string, state: string): string {
    const client = this.client(credentials, redirectUri);
    return client.authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
  }

  async exchangeCode(credentials: ClientCredentials, redirectUri: string, code: string, realmId: string): Promise<StoredToken> {
    const client = this.client(credentials, redirectUri);
    const startedAt = Date.now();
    const query = new URLSearchParams({ code, realmId }).toString();
    const response = await this.guard(() => client.createToken(`${redirectUri}?${query}`));
    return toStoredToken(response?.json ?? client.getToken().getToken(), realmId, startedAt);
  }

  async refresh(credentials: ClientCredentials, refreshToken: string, realmId: string): Promise<StoredToken> {
    const client = this.client(credentials);
    const startedAt = Date.now();
    // refreshUsingToken, not refresh(): refresh() refuses tokens whose expiry it was never told.
    const response = await this.guard(() => client.refreshUsingToken(refreshToken));
    return toStoredToken(response?.json ?? client.getToken().getToken(), realmId, startedAt);
  }

  async revoke(credentials: ClientCredentials, token: string): Promise<void> {
    const client = this.client(credentials);
    await this.guard(() => client.revoke({ refresh_token: token }));
  }

  private client(credentials: ClientCredentials, redirectUri?: string): OAuthClient {
    OAuthClient.authorizeEndpoint = this.endpoints.authorizeUrl;
    OAuthClient.tokenEndpoint = this.endpoints.tokenUrl;
    OAuthClient.revokeEndpoint = this.endpoints.revokeUrl;
    // Static too, and read when a retry is scheduled: fine, every transport sets it before its call.
    OAuthClient.retryConfig.maxRetries = this.retry.maxRetries;
    OAuthClient.retryConfig.retryDelay = this.retry.retryDelayMs;
    return new OAuthClient({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      environment: this.environment === 'production' ? 'production' : 'sandbox',
      redirectUri: redirectUri ?? '',
      logging: false,
      // Ask for the 5-year hard cap too, so the expiry warning is right near the end of a grant.
      includeRefreshTokenHardExpiresIn: true,
    });
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw toOAuthRequestError(err);
    }
  }
}

/** Only the safe fields of intuit-oauth's error (it also holds the request with credentials). */
export function toOAuthRequestError(err: unknown): OAuthRequestError {
  const e = (err ?? {}) as {
    error?: unknown;
    error_description?: unknown;
    intuit_tid?: unknown;
    message?: unknown;
    originalMessage?: unknown;
    authResponse?: { response?: { status?: unknown } | string };
    response?: { status?: unknown };
  };
  const response = typeof e.authResponse === 'object' ? e.authResponse.response : undefined;
  const status = Number((typeof response === 'object' ? response?.status : undefined) ?? e.response?.status ?? 0) || 0;
  const code = typeof e.error === 'string' && /^[a-z_]{3,40}$/.test(e.error) ? e.error : status ? `http_${status}` : 'network_error';
  const rawDescription =
    typeof e.error_description === 'string' && e.error_description ? e.error_description : status ? '' : String(e.originalMessage || e.message || '');
  // Descriptions come from the server or from axios ("connect ECONNREFUSED 127.0.0.1:1"); cap and keep one line.
  const description = rawDescription.replace(/\s+/g, ' ').slice(0, 200);
  const tid = typeof e.intuit_tid === 'string' && e.intuit_tid ? e.intuit_tid : null;
  return new OAuthRequestError(code, description, status, tid);
}
