/**
 * Intuit's OAuth endpoints on the simulator: authorize (redirects straight back with a code, as if
 * the user had signed in and picked the practice company), token (code exchange, refresh with
 * rotation) and revoke. Error bodies match Intuit's: {"error":"invalid_grant"}, {"error":"invalid_client"}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFields, readBody, sendJson, sendText } from './http-io';
import type { OAuthState } from './oauth-state';
import { secretDigest } from './state-file';

export const AUTHORIZE_PATH = '/connect/oauth2';
export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Digests of every client secret this simulator issued (one per start; older ones keep working). */
  secretDigests?: ReadonlySet<string>;
}

function basicAuthOk(req: IncomingMessage, creds: OAuthClientCredentials): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  if (decoded === `${creds.clientId}:${creds.clientSecret}`) return true;
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(0, colon) === creds.clientId && !!creds.secretDigests?.has(secretDigest(decoded.slice(colon + 1)));
}

export function handleAuthorize(url: URL, res: ServerResponse, oauth: OAuthState, creds: OAuthClientCredentials, headers: Record<string, string>): void {
  const p = url.searchParams;
  const redirectUri = p.get('redirect_uri');
  if (p.get('client_id') !== creds.clientId) return sendText(res, 400, 'invalid_client: unknown client_id', headers);
  if (!redirectUri) return sendText(res, 400, 'invalid_request: redirect_uri is required', headers);
  if (p.get('response_type') !== 'code') return sendText(res, 400, 'unsupported_response_type', headers);
  if (!(p.get('scope') ?? '').split(/\s+/).includes('com.intuit.quickbooks.accounting')) {
    return sendText(res, 400, 'invalid_scope: com.intuit.quickbooks.accounting is required', headers);
  }
  const target = new URL(redirectUri);
  target.searchParams.set('code', oauth.issueCode(redirectUri));
  if (p.get('state') !== null) target.searchParams.set('state', p.get('state')!);
  target.searchParams.set('realmId', oauth.realmId);
  res.writeHead(302, { location: target.toString(), ...headers });
  res.end();
}

export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  oauth: OAuthState,
  creds: OAuthClientCredentials,
  headers: Record<string, string>,
): Promise<void> {
  const fields = parseFields(await readBody(req), req.headers['content-type']);
  const noStore = { ...headers, 'cache-control': 'no-store', pragma: 'no-cache' };
  if (!basicAuthOk(req, creds)) return sendJson(res, 401, { error: 'invalid_client' }, noStore);
  let result = null;
  if (fields.grant_type === 'authorization_code') {
    result = oauth.exchangeCode(fields.code ?? '', fields.redirect_uri ?? '');
  } else if (fields.grant_type === 'refresh_token') {
    result = oauth.refreshWith(fields.refresh_token ?? '', req.headers['x-include-refresh-token-hard-expires-in'] === 'true');
  } else {
    return sendJson(res, 400, { error: 'unsupported_grant_type' }, noStore);
  }
  if (!result) return sendJson(res, 400, { error: 'invalid_grant' }, noStore);
  sendJson(res, 200, result, noStore);
}

export async function handleRevoke(
  req: IncomingMessage,
  res: ServerResponse,
  oauth: OAuthState,
  creds: OAuthClientCredentials,
  headers: Record<string, string>,
): Promise<void> {
  const fields = parseFields(await readBody(req), req.headers['content-type']);
  if (!basicAuthOk(req, creds)) return sendJson(res, 401, { error: 'invalid_client' }, headers);
  if (!fields.token) return sendJson(res, 400, { error: 'invalid_request' }, headers);
  oauth.revoke(fields.token);
  sendJson(res, 200, undefined, headers);
}
