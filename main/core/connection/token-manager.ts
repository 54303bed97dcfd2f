/**
 * Owns one connection's OAuth token. Refreshes are serialized (one in flight, concurrent callers
 * share it), a rotated refresh token is written to the keychain before the new access token is
 * handed to anyone, the token is refreshed ahead of expiry, and an `invalid_grant` (or a 401 right
 * after a refresh) flips the connection to "reconnect needed" instead of failing work: callers get a
 * ReconnectNeededError and keep their queued rows.
 */
import type { Environment } from '../environment';
import type { AccessTokenProvider } from '../qbo/qbo-client';
import { QboNetworkError, ReconnectNeededError } from '../qbo/qbo-fault';
import { silentLogger, type QboLogger } from '../qbo/qbo-log';
import { deleteConnectionSecrets, type SecretStore } from '../secrets/secret-store';
import { accessTokenExpiresAt, parseStoredToken, refreshTokenDaysLeft, refreshTokenExpiresAt, serializeToken, type StoredToken } from './oauth-token';
import { OAuthRequestError, type ClientCredentials, type OAuthTransport } from './oauth-transport';

export type TokenState = 'connected' | 'reconnect-needed' | 'disconnected';

/** Safe to show and send over IPC: dates and counts only. */
export interface TokenStatus {
  state: TokenState;
  /** False when the keychain holds no token for this connection. */
  hasToken: boolean;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  refreshTokenDaysLeft: number | null;
  /** True when the refresh token dies within warnDays: the UI asks the user to keep the app running or reconnect. */
  refreshTokenExpiringSoon: boolean;
  reconnectReason: string | null;
  lastRefreshAt: string | null;
}

export interface TokenManagerOptions {
  environment: Environment;
  realmId: string;
  secrets: SecretStore;
  oauth: OAuthTransport;
  /** Refresh this long before the access token expires (default 5 minutes). */
  refreshAheadMs?: number;
  /** Warn when the refresh token has this many days or fewer left (default 14). */
  warnDays?: number;
  /** Start in "reconnect needed" (remembered from an earlier run). */
  reconnectReason?: string | null;
  now?: () => number;
  logger?: QboLogger;
}

type Listener = (status: TokenStatus) => void;

export class TokenManager implements AccessTokenProvider {
  readonly environment: Environment;
  readonly realmId: string;
  private token: StoredToken | null = null;
  private credentials: ClientCredentials | null = null;
  private inflight: Promise<StoredToken> | null = null;
  private state: TokenState = 'connected';
  private reason: string | null = null;
  private lastRefreshAt: number | null = null;
  private refreshCount = 0;
  private readonly listeners = new Set<Listener>();
  private readonly now: () => number;
  private readonly refreshAheadMs: number;
  private readonly warnDays: number;
  private readonly log: QboLogger;

  constructor(private readonly options: TokenManagerOptions) {
    this.environment = options.environment;
    this.realmId = options.realmId;
    this.now = options.now ?? Date.now;
    this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
    this.warnDays = options.warnDays ?? 14;
    this.log = options.logger ?? silentLogger;
    if (options.reconnectReason) {
      this.state = 'reconnect-needed';
      this.reason = options.reconnectReason;
    }
  }

  /** Number of refreshes this manager performed (tests and diagnostics). */
  get refreshes(): number {
    return this.refreshCount;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getAccessToken(): Promise<string> {
    this.assertUsable();
    const token = await this.current();
    // The keychain holds no access token (it may be too long for Windows'): a new process refreshes once.
    if (token.access_token && this.now() < accessTokenExpiresAt(token) - this.refreshAheadMs) return token.access_token;
    return (await this.refresh()).access_token;
  }

  async handleUnauthorized(rejected: string): Promise<string> {
    this.assertUsable();
    if (this.inflight) return (await this.inflight).access_token;
    const token = await this.current();
    // Someone else already refreshed since this request took its token: use theirs.
    if (token.access_token !== rejected) return token.access_token;
    return (await this.refresh()).access_token;
  }

  markReconnectNeeded(reason: string): void {
    if (this.state === 'reconnect-needed' && this.reason === reason) return;
    this.state = 'reconnect-needed';
    this.reason = reason;
    this.log({ level: 'error', event: 'connection.reconnect-needed', message: reason, environment: this.environment, realmId: this.realmId });
    this.emit();
  }

  /** Refreshes now unless a refresh is already running (then shares it). */
  refresh(): Promise<StoredToken> {
    this.assertUsable();
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * Rolls the refresh token forward when it is within warnDays of dying, so an app that runs now and
   * then never lets the connection lapse. Returns true when it refreshed.
   */
  async keepAlive(): Promise<boolean> {
    this.assertUsable();
    const token = await this.current();
    if (refreshTokenDaysLeft(token, this.now()) > this.warnDays) return false;
    await this.refresh();
    return true;
  }

  async status(): Promise<TokenStatus> {
    let token: StoredToken | null = null;
    try {
      token = this.state === 'disconnected' ? null : await this.loadToken();
    } catch {
      token = null; // keychain unavailable: the status still answers
    }
    const now = this.now();
    const daysLeft = token ? refreshTokenDaysLeft(token, now) : null;
    return {
      state: this.state,
      hasToken: token !== null,
      accessTokenExpiresAt: token ? new Date(accessTokenExpiresAt(token)).toISOString() : null,
      refreshTokenExpiresAt: token ? new Date(refreshTokenExpiresAt(token)).toISOString() : null,
      refreshTokenDaysLeft: daysLeft,
      refreshTokenExpiringSoon: daysLeft !== null && daysLeft <= this.warnDays,
      reconnectReason: this.reason,
      lastRefreshAt: this.lastRefreshAt === null ? null : new Date(this.lastRefreshAt).toISOString(),
    };
  }

  /**
   * Revokes the token at Intuit (best effort: a dead token or no network must not keep secrets
   * around) and deletes this connection's keychain entries.
   */
  async disconnect(): Promise<{ revoked: boolean; revokeError: string | null }> {
    let revoked = false;
    let revokeError: string | null = null;
    try {
      const token = await this.current();
      await this.options.oauth.revoke(await this.clientCredentials(), token.refresh_token);
      revoked = true;
    } catch (err) {
      revokeError = err instanceof OAuthRequestError || err instanceof ReconnectNeededError ? err.message : 'no token to revoke';
    }
    await deleteConnectionSecrets(this.options.secrets, this.environment, this.realmId);
    this.token = null;
    this.credentials = null;
    this.state = 'disconnected';
    this.reason = null;
    this.emit();
    return { revoked, revokeError };
  }

  private async doRefresh(): Promise<StoredToken> {
    // Another process (the CLI next to the app) may have rotated the token: start from the keychain.
    const stored = parseStoredToken(await this.options.secrets.get(this.tokenRef()));
    if (stored) {
      if (stored.access_token && this.token && stored.createdAt > this.token.createdAt && this.now() < accessTokenExpiresAt(stored) - this.refreshAheadMs) {
        this.token = stored;
        return stored;
      }
      // Another process rotated the refresh token: use its (the one it may have left us is dead in 24 h).
      if (!this.token || stored.createdAt >= this.token.createdAt) this.token = { ...stored, access_token: this.token?.access_token ?? '' };
    }
    const current = await this.current();
    let next: StoredToken;
    try {
      next = await this.options.oauth.refresh(await this.clientCredentials(), current.refresh_token, this.realmId);
    } catch (err) {
      if (err instanceof OAuthRequestError && (err.isInvalidGrant || (err.isInvalidClient && !err.isTransient))) {
        const reason = err.isInvalidGrant
          ? 'Intuit no longer accepts the saved refresh token (invalid_grant)'
          : 'Intuit refused the app credentials (invalid_client)';
        this.markReconnectNeeded(reason);
        throw new ReconnectNeededError(reason);
      }
      if (err instanceof OAuthRequestError) {
        this.log({ level: 'warn', event: 'connection.refresh-failed', message: err.message, intuit_tid: err.intuit_tid });
        throw new QboNetworkError(
          err.httpStatus ? `OAUTH_HTTP_${err.httpStatus}` : 'OAUTH_UNREACHABLE',
          `Could not refresh the QuickBooks token: ${err.message}`,
        );
      }
      throw err;
    }
    next.realmId = this.realmId;
    // Persist first: if we crash after this line the rotated refresh token is safe; before it, the old one still works.
    await this.options.secrets.set(this.tokenRef(), serializeToken(next));
    this.token = next;
    this.lastRefreshAt = this.now();
    this.refreshCount++;
    this.log({ level: 'info', event: 'connection.refreshed', message: 'QuickBooks token refreshed', environment: this.environment, realmId: this.realmId });
    this.emit();
    return next;
  }

  /** The token in memory or the keychain, without changing any state. */
  private async loadToken(): Promise<StoredToken | null> {
    if (this.token) return this.token;
    this.token = parseStoredToken(await this.options.secrets.get(this.tokenRef()));
    return this.token;
  }

  private async current(): Promise<StoredToken> {
    const token = await this.loadToken();
    if (!token) {
      const reason = 'no QuickBooks token is saved in the keychain for this company';
      this.markReconnectNeeded(reason);
      throw new ReconnectNeededError(reason);
    }
    return token;
  }

  private async clientCredentials(): Promise<ClientCredentials> {
    if (this.credentials) return this.credentials;
    const ref = { environment: this.environment, realmId: this.realmId };
    const [clientId, clientSecret] = await Promise.all([
      this.options.secrets.get({ ...ref, kind: 'client-id' }),
      this.options.secrets.get({ ...ref, kind: 'client-secret' }),
    ]);
    if (!clientId || !clientSecret) {
      const reason = 'the app credentials (Client ID and Secret) are missing from the keychain';
      this.markReconnectNeeded(reason);
      throw new ReconnectNeededError(reason);
    }
    this.credentials = { clientId, clientSecret };
    return this.credentials;
  }

  private assertUsable(): void {
    if (this.state === 'reconnect-needed') throw new ReconnectNeededError(this.reason ?? 'reconnect needed');
    if (this.state === 'disconnected') throw new ReconnectNeededError('QuickBooks is disconnected');
  }

  private tokenRef() {
    return { environment: this.environment, realmId: this.realmId, kind: 'token' as const };
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    void this.status().then((status) => {
      for (const listener of [...this.listeners]) listener(status);
    });
  }
}
