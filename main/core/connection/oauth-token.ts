/**
 * The whole OAuth token as Intuit returns it plus `createdAt`, persisted as one keychain entry
 * (QBO.md: persist the whole token incl. createdAt). Shape matches intuit-oauth's Token.getToken().
 */
export interface StoredToken {
  realmId: string;
  token_type: string;
  access_token: string;
  refresh_token: string;
  /** Seconds the access token lives from createdAt (3600). */
  expires_in: number;
  /** Seconds the refresh token lives from createdAt (about 100 days, rolling). */
  x_refresh_token_expires_in: number;
  /** Seconds until the 5-year hard cap, when Intuit sends it. */
  x_refresh_token_hard_expires_in?: number;
  /** Epoch ms when we asked for this token (so expiry is never later than Intuit's). */
  createdAt: number;
}

const DAY_MS = 86_400_000;

export function accessTokenExpiresAt(token: StoredToken): number {
  return token.createdAt + token.expires_in * 1000;
}

export function refreshTokenExpiresAt(token: StoredToken): number {
  const rolling = token.createdAt + token.x_refresh_token_expires_in * 1000;
  const hard = token.x_refresh_token_hard_expires_in ? token.createdAt + token.x_refresh_token_hard_expires_in * 1000 : Infinity;
  return Math.min(rolling, hard);
}

/** Whole days until the refresh token dies (0 on its last day, negative once dead). */
export function refreshTokenDaysLeft(token: StoredToken, now: number): number {
  return Math.floor((refreshTokenExpiresAt(token) - now) / DAY_MS);
}

/** Builds a StoredToken from an Intuit token response; throws a plain error when fields are missing. */
export function toStoredToken(json: unknown, realmId: string, createdAt: number): StoredToken {
  const obj = (json ?? {}) as Record<string, unknown>;
  const access = obj.access_token;
  const refresh = obj.refresh_token;
  if (typeof access !== 'string' || !access || typeof refresh !== 'string' || !refresh) {
    throw new Error('The token endpoint answered without an access token and refresh token');
  }
  const seconds = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback);
  const token: StoredToken = {
    realmId,
    token_type: typeof obj.token_type === 'string' ? obj.token_type : 'bearer',
    access_token: access,
    refresh_token: refresh,
    expires_in: seconds(obj.expires_in, 3600),
    x_refresh_token_expires_in: seconds(obj.x_refresh_token_expires_in, 100 * 86_400),
    createdAt,
  };
  const hard = seconds(obj.x_refresh_token_hard_expires_in, 0);
  if (hard > 0) token.x_refresh_token_hard_expires_in = hard;
  return token;
}

/**
 * What the keychain keeps of a token: the refresh token, realm and dates, never the access token. Intuit's
 * access tokens may be 4,096 characters and Windows' Credential Manager refuses entries over about 2,500
 * (keytar #112); the access token lives an hour and stays in memory (a new process refreshes once).
 */
export function serializeToken(token: StoredToken): string {
  const { access_token: _access, ...kept } = token;
  return JSON.stringify(kept);
}

/** Reads a keychain value back; null when it is missing or not a token we wrote. */
export function parseStoredToken(text: string | null): StoredToken | null {
  if (!text) return null;
  try {
    const obj = JSON.parse(text) as Partial<StoredToken>;
    if (typeof obj.refresh_token !== 'string' || !obj.refresh_token) return null;
    if (typeof obj.createdAt !== 'number' || typeof obj.expires_in !== 'number') return null;
    return {
      realmId: String(obj.realmId ?? ''),
      token_type: String(obj.token_type ?? 'bearer'),
      // Not kept in the keychain (see serializeToken): empty means "refresh before use".
      access_token: typeof obj.access_token === 'string' ? obj.access_token : '',
      refresh_token: obj.refresh_token,
      expires_in: obj.expires_in,
      x_refresh_token_expires_in: Number(obj.x_refresh_token_expires_in ?? 0),
      ...(obj.x_refresh_token_hard_expires_in ? { x_refresh_token_hard_expires_in: Number(obj.x_refresh_token_hard_expires_in) } : {}),
      createdAt: obj.createdAt,
    };
  } catch {
    return null;
  }
}
