/**
 * Connect path 1: the four values POR users copy from Intuit's OAuth Playground. Works for every
 * environment, and is the only path for production keys (they need an https redirect URI).
 */
import type { Environment } from '../environment';
import { ConnectError } from './connect-error';
import { endpointsFor, oauthFor, type ConnectionDeps } from './connection-deps';
import { checkPastedCredentials, type PastedCredentials } from './credential-checks';
import { connectFailure, establishConnection, type ConnectResult } from './establish-connection';

export async function connectWithPastedCredentials(
  environment: Environment,
  input: Partial<Record<keyof PastedCredentials, unknown>>,
  deps: ConnectionDeps,
): Promise<ConnectResult> {
  const checked = checkPastedCredentials(input);
  if (!checked.ok) {
    throw new ConnectError('invalid-credentials', checked.problems.map((p) => p.message).join(' '), checked.problems);
  }
  const { clientId, clientSecret, realmId, refreshToken } = checked.value;
  let endpoints;
  try {
    endpoints = endpointsFor(environment, deps);
  } catch (err) {
    throw connectFailure(err, realmId, deps);
  }
  const oauth = oauthFor(environment, endpoints, deps);
  const credentials = { clientId, clientSecret };
  return establishConnection(
    {
      environment,
      method: 'paste',
      credentials,
      realmId,
      endpoints,
      oauth,
      refreshAfterObtain: false,
      // The refresh is the first half of the verification; Intuit may rotate the token here.
      obtainToken: () => oauth.refresh(credentials, refreshToken, realmId),
    },
    deps,
  );
}
