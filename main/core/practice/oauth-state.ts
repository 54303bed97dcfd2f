/**
 * Intuit OAuth 2.0 as the simulator plays it: single-use authorization codes tied to their
 * redirect_uri, access tokens (1 h), rotating refresh tokens (the previous one keeps working for a
 * grace period, then dies), revocation of a whole grant.
 */
import { randomBytes } from 'node:crypto';
import { isSecretDigest, secretDigest } from './state-file';

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  /** Only when asked for with the x-include-refresh-token-hard-expires-in header. */
  x_refresh_token_hard_expires_in?: number;
}

export interface OAuthTimings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a rotated-out refresh token still works (Intuit: 24 h). */
  refreshGraceSeconds: number;
  /** Authorization codes expire quickly (Intuit: minutes). */
  codeTtlSeconds: number;
  /** A grant ends for good this long after it was made (Intuit: 5 years), however often it is refreshed. */
  grantHardTtlSeconds: number;
}

interface CodeEntry {
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}
interface RefreshEntry {
  grant: string;
  expiresAt: number;
  diesAt: number | null;
}
interface AccessEntry {
  grant: string;
  expiresAt: number;
  realmId: string;
}

export interface OAuthSnapshot {
  refresh: Record<string, RefreshEntry>;
  access: Record<string, AccessEntry>;
  revokedGrants: string[];
  /** grant -> created at (ms) */
  grants?: Record<string, number>;
}

export type AccessCheck = 'ok' | 'missing' | 'expired' | 'invalid';

const token = (prefix: string, bytes: number): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export class OAuthState {
  private readonly codes = new Map<string, CodeEntry>();
  private refresh = new Map<string, RefreshEntry>();
  private access = new Map<string, AccessEntry>();
  private revokedGrants = new Set<string>();
  private grants = new Map<string, number>();

  constructor(
    readonly realmId: string,
    private readonly timings: OAuthTimings,
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  issueCode(redirectUri: string): string {
    const code = token('AB1', 30);
    this.codes.set(code, { redirectUri, expiresAt: this.now() + this.timings.codeTtlSeconds * 1000, used: false });
    return code;
  }

  /** A brand-new grant, as the OAuth Playground hands out (the "paste path"). */
  newGrant(): TokenResponse {
    return this.issue(this.createGrant());
  }

  private createGrant(): string {
    const grant = token('g', 9);
    this.grants.set(grant, this.now());
    return grant;
  }

  exchangeCode(code: string, redirectUri: string): TokenResponse | null {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.now() || entry.redirectUri !== redirectUri) {
      if (entry) entry.used = true; // a replayed or mismatched code is burnt for good
      return null;
    }
    entry.used = true;
    return this.issue(this.createGrant());
  }

  refreshWith(refreshToken: string, includeHardExpiry = false): TokenResponse | null {
    const entry = this.refresh.get(secretDigest(refreshToken));
    if (!entry || !this.refreshAlive(entry)) return null;
    // Rotation: the old token dies after the grace period, never extends.
    if (entry.diesAt === null) entry.diesAt = this.now() + this.timings.refreshGraceSeconds * 1000;
    const issued = this.issue(entry.grant);
    if (includeHardExpiry) issued.x_refresh_token_hard_expires_in = Math.floor((this.hardExpiry(entry.grant) - this.now()) / 1000);
    return issued;
  }

  private hardExpiry(grant: string): number {
    return (this.grants.get(grant) ?? this.now()) + this.timings.grantHardTtlSeconds * 1000;
  }

  /** Revokes the grant a refresh or access token belongs to (Intuit revokes both together). */
  revoke(anyToken: string): void {
    const key = secretDigest(anyToken);
    const grant = this.refresh.get(key)?.grant ?? this.access.get(key)?.grant;
    if (!grant) return;
    this.revokedGrants.add(grant);
    this.onChange();
  }

  checkAccess(accessToken: string | undefined): { result: AccessCheck; realmId?: string } {
    if (!accessToken) return { result: 'missing' };
    const entry = this.access.get(secretDigest(accessToken));
    if (!entry || this.revokedGrants.has(entry.grant)) return { result: 'invalid' };
    if (entry.expiresAt <= this.now()) return { result: 'expired' };
    return { result: 'ok', realmId: entry.realmId };
  }

  private refreshAlive(entry: RefreshEntry): boolean {
    const now = this.now();
    if (this.revokedGrants.has(entry.grant) || entry.expiresAt <= now || this.hardExpiry(entry.grant) <= now) return false;
    return entry.diesAt === null || entry.diesAt > now;
  }

  private issue(grant: string): TokenResponse {
    const now = this.now();
    // As long as Intuit's may be (up to 4,096 characters since 2020): a client keeping it in a keychain entry
    // with Windows' ~2,500-character limit fails here, not in a store's back office.
    const accessToken = token('eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..', 2_000 + (randomBytes(2).readUInt16BE(0) % 1_000));
    const refreshToken = token('AB11', 36);
    // A refresh token never outlives its grant's hard expiry.
    const refreshExpiresAt = Math.min(now + this.timings.refreshTokenTtlSeconds * 1000, this.hardExpiry(grant));
    // Kept by digest only: the state file (and memory) never hold a usable token.
    this.access.set(secretDigest(accessToken), { grant, expiresAt: now + this.timings.accessTokenTtlSeconds * 1000, realmId: this.realmId });
    this.refresh.set(secretDigest(refreshToken), { grant, expiresAt: refreshExpiresAt, diesAt: null });
    this.prune(now);
    this.onChange();
    return {
      token_type: 'bearer',
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: this.timings.accessTokenTtlSeconds,
      x_refresh_token_expires_in: Math.floor((refreshExpiresAt - now) / 1000),
    };
  }

  /** Keeps memory and the state file bounded: dead tokens are forgotten. */
  private prune(now: number): void {
    for (const [k, v] of this.access) if (v.expiresAt <= now) this.access.delete(k);
    for (const [k, v] of this.refresh) if (!this.refreshAlive(v)) this.refresh.delete(k);
    for (const [k, v] of this.codes) if (v.expiresAt <= now) this.codes.delete(k);
  }

  snapshot(): OAuthSnapshot {
    return {
      refresh: Object.fromEntries(this.refresh),
      access: Object.fromEntries(this.access),
      revokedGrants: [...this.revokedGrants],
      grants: Object.fromEntries(this.grants),
    };
  }

  restore(snap: OAuthSnapshot): void {
    // A file from before digests held the tokens themselves: they are digested (and written so next time).
    const byDigest = <V>(o: Record<string, V>) => new Map(Object.entries(o).map(([k, v]) => [isSecretDigest(k) ? k : secretDigest(k), v]));
    this.refresh = byDigest(snap.refresh);
    this.access = byDigest(snap.access);
    this.revokedGrants = new Set(snap.revokedGrants);
    this.grants = new Map(Object.entries(snap.grants ?? {}));
  }
}
