import type { StoredToken } from './oauth-token';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Talks to Intuit's (or the simulator's) OAuth endpoints. IntuitOAuthTransport is the real one. */
export interface OAuthTransport {
  /** URL to open in the system browser. */
  authorizeUrl(credentials: ClientCredentials, redirectUri: string, state: string): string;
  /** Exchanges the code from the redirect; realmId comes from the same redirect. */
  exchangeCode(credentials: ClientCredentials, redirectUri: string, code: string, realmId: string): Promise<StoredToken>;
  refresh(credentials: ClientCredentials, refreshToken: string, realmId: string): Promise<StoredToken>;
  revoke(credentials: ClientCredentials, token: string): Promise<void>;
}

/**
 * A token endpoint refusal or failure, reduced to what is safe to show and log: the OAuth error code
 * (invalid_grant, invalid_client, ...), Intuit's description, the HTTP status and intuit_tid.
 */
export class OAuthRequestError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly httpStatus: number,
    readonly intuit_tid: string | null,
  ) {
    super(`Intuit OAuth error ${error}${description && description !== error ? `: ${description}` : ''}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
    this.name = 'OAuthRequestError';
  }

  /** The refresh token (or code) is dead: only a new connection helps. */
  get isInvalidGrant(): boolean {
    return this.error === 'invalid_grant';
  }

  get isInvalidClient(): boolean {
    return this.error === 'invalid_client' || this.httpStatus === 401;
  }

  /** No answer, 429 or 5xx: worth trying again later. */
  get isTransient(): boolean {
    return this.httpStatus === 0 || this.httpStatus === 429 || this.httpStatus >= 500;
  }
}

/** For status-only token managers: any OAuth call is a programming error. */
export const OFFLINE_OAUTH: OAuthTransport = {
  authorizeUrl: () => {
    throw new Error('OFFLINE_OAUTH: no OAuth calls here');
  },
  exchangeCode: () => Promise.reject(new Error('OFFLINE_OAUTH: no OAuth calls here')),
  refresh: () => Promise.reject(new Error('OFFLINE_OAUTH: no OAuth calls here')),
  revoke: () => Promise.reject(new Error('OFFLINE_OAUTH: no OAuth calls here')),
};
