/**
 * Connect path 2: "Sign in with Intuit". The system browser opens Intuit's consent page (the
 * capability is injected: Electron's shell.openExternal in the app), Intuit redirects to our
 * loopback listener with code, state and realmId, and intuit-oauth exchanges the code. Intuit only
 * redirects to a URI registered in the app exactly (port included) and only to https for production
 * keys, so production uses the paste path and the UI is told which URI to register.
 */
import { profileOf } from '../environment-profile';
import { randomBytes } from 'node:crypto';
import type { Environment } from '../environment';
import { ConnectError } from './connect-error';
import { endpointsFor, oauthFor, type ConnectionDeps } from './connection-deps';
import { checkPastedCredentials } from './credential-checks';
import { connectFailure, establishConnection, type ConnectResult } from './establish-connection';
import {
  CALLBACK_PATH,
  PortsBusyError,
  SIGN_IN_PORTS,
  SignInCancelledError,
  SignInTimeoutError,
  signInRedirectUris,
  startLoopbackListener,
} from './loopback-listener';

export const PRODUCTION_SIGN_IN_NOTE =
  'Production keys need an https redirect URI, which a desktop app cannot receive. For production, paste the Client ID, ' +
  'Client Secret, Realm ID and Refresh Token from the Intuit OAuth Playground instead.';

/** What the UI shows before and during sign-in. No secret in it. */
export interface SignInInfo {
  environment: Environment;
  /** False for production: use the paste path. */
  available: boolean;
  /** The redirect URI the app listens on (before start: the default one). Register it exactly. */
  redirectUri: string | null;
  /** Fallback URIs used when the default port is busy; register them too to be safe. */
  alternateRedirectUris: string[];
  /** False in practice (the simulator accepts any loopback URI). */
  mustRegisterRedirectUri: boolean;
  /** True once started on a fallback port. */
  usedFallbackPort: boolean;
  productionNeedsHttps: boolean;
  /** Plain sentences, in order, for the setup screen. */
  notes: string[];
}

export interface SignInOptions {
  ports?: readonly number[];
  redirectHost?: 'localhost' | '127.0.0.1';
}

export function describeSignIn(environment: Environment, options: SignInOptions = {}): SignInInfo {
  const ports = options.ports ?? SIGN_IN_PORTS;
  const uris = signInRedirectUris(options.redirectHost ?? 'localhost', ports, CALLBACK_PATH);
  if (environment === 'production') {
    return {
      environment,
      available: false,
      redirectUri: null,
      alternateRedirectUris: [],
      mustRegisterRedirectUri: false,
      usedFallbackPort: false,
      productionNeedsHttps: true,
      notes: [PRODUCTION_SIGN_IN_NOTE],
    };
  }
  const practice = profileOf(environment).embeddedSimulator;
  const [primary = null, ...alternates] = uris;
  return {
    environment,
    available: true,
    redirectUri: primary,
    alternateRedirectUris: alternates,
    mustRegisterRedirectUri: !practice,
    usedFallbackPort: false,
    productionNeedsHttps: false,
    notes: practice
      ? ['Practice mode signs in to the practice QuickBooks simulator; nothing needs to be registered.']
      : [
          `In your Intuit app (Development keys), add this Redirect URI exactly: ${primary}.`,
          ...(alternates.length ? [`If that port is busy the app uses ${alternates.join(' or ')}; add those too so sign-in always works.`] : []),
          'Intuit accepts http://localhost redirects for development (sandbox) keys only. ' + PRODUCTION_SIGN_IN_NOTE,
        ],
  };
}

export interface SignInSession {
  /** The redirect URI actually in use, and whether it is a fallback that must also be registered. */
  info: SignInInfo;
  /** Settles when the connection is verified, or with a ConnectError. */
  result: Promise<ConnectResult>;
  cancel(): Promise<void>;
}

export interface StartSignInOptions extends SignInOptions {
  clientId: string;
  clientSecret: string;
  /** Opens a URL in the user's default browser (Electron: shell.openExternal). */
  openExternal: (url: string) => Promise<void> | void;
  /** How long to wait for the redirect (default 5 minutes). */
  timeoutMs?: number;
}

export async function startSignIn(environment: Environment, options: StartSignInOptions, deps: ConnectionDeps): Promise<SignInSession> {
  if (environment === 'production') throw new ConnectError('sign-in-unavailable', PRODUCTION_SIGN_IN_NOTE);
  const checked = checkPastedCredentials({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    realmId: '1234567890',
    refreshToken: 'placeholder-refresh-token',
  });
  if (!checked.ok) throw new ConnectError('invalid-credentials', checked.problems.map((p) => p.message).join(' '), checked.problems);
  const credentials = { clientId: checked.value.clientId, clientSecret: checked.value.clientSecret };

  let endpoints;
  try {
    endpoints = endpointsFor(environment, deps);
  } catch (err) {
    throw connectFailure(err, null, deps);
  }
  const oauth = oauthFor(environment, endpoints, deps);
  const state = randomBytes(32).toString('base64url');
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;

  let listener;
  try {
    listener = await startLoopbackListener({ expectedState: state, timeoutMs, ports: options.ports, redirectHost: options.redirectHost });
  } catch (err) {
    if (err instanceof PortsBusyError) throw new ConnectError('ports-busy', err.message);
    throw err;
  }
  const { redirectUri } = listener;
  const described = describeSignIn(environment, options);
  const info: SignInInfo = {
    ...described,
    redirectUri,
    alternateRedirectUris: described.alternateRedirectUris.filter((uri) => uri !== redirectUri),
    usedFallbackPort: listener.usedFallbackPort,
    notes:
      listener.usedFallbackPort && described.mustRegisterRedirectUri
        ? [`The default port was busy: this sign-in uses ${redirectUri}, which must be registered in the Intuit app exactly.`, ...described.notes]
        : described.notes,
  };

  const result = listener.callback.then(
    async ({ params, respond }) => {
      try {
        if (params.error) {
          throw new ConnectError(
            'sign-in-denied',
            params.error === 'access_denied'
              ? 'The QuickBooks connection was declined on the Intuit page.'
              : `Intuit ended the sign-in with "${params.error.slice(0, 60)}".`,
          );
        }
        if (!params.code || !params.realmId || !/^\d{1,20}$/.test(params.realmId)) {
          throw new ConnectError('sign-in-denied', 'The Intuit redirect did not carry a sign-in code and company (realmId). Start again.');
        }
        const { code, realmId } = params;
        const connected = await establishConnection(
          {
            environment,
            method: 'sign-in',
            credentials,
            realmId,
            endpoints,
            oauth,
            refreshAfterObtain: true,
            obtainToken: () => oauth.exchangeCode(credentials, redirectUri, code, realmId),
          },
          deps,
        );
        respond({ ok: true, title: 'Connected', message: `POR QBO Companion is connected to ${connected.companyName}. You can close this tab.` });
        return connected;
      } catch (err) {
        const error = connectFailure(err, params.realmId, deps);
        respond({ ok: false, title: 'Not connected', message: error.message });
        throw error;
      }
    },
    (err: unknown) => {
      if (err instanceof SignInTimeoutError) throw new ConnectError('sign-in-timeout', err.message);
      if (err instanceof SignInCancelledError) throw new ConnectError('sign-in-cancelled', err.message);
      throw connectFailure(err, null, deps);
    },
  );
  result.catch(() => {}); // the caller awaits it; a rejection here must never be "unhandled"

  try {
    await options.openExternal(oauth.authorizeUrl(credentials, redirectUri, state));
  } catch {
    await listener.close();
    throw new ConnectError('unexpected', 'Could not open the browser for Sign in with Intuit. Use the paste path instead.');
  }
  return { info, result, cancel: () => listener.close() };
}
