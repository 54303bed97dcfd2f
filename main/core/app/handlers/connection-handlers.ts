/**
 * Connecting an environment to QuickBooks. The four pasted values (or the sign-in's client id and secret)
 * arrive here once, go to the connection functions and from there to the keychain only; nothing secret
 * is ever returned, emitted or logged by these handlers.
 */
import { profileOf } from '../../environment-profile';
import type { ConnectionInfo, ConnectOptions, Handlers } from '../../../../preload/contract';
import { getConnectionStatus, type ConnectionStatus } from '../../connection/connection-status';
import { disconnectEnvironment } from '../../connection/disconnect';
import { connectWithPastedCredentials } from '../../connection/paste-connect';
import { describeSignIn, startSignIn, type SignInSession } from '../../connection/sign-in-connect';
import type { Environment } from '../../environment';
import type { AppContext } from '../app-context';
import { asAppError } from '../../use-cases/app-error-of';
import { AppError } from '../../app-error';
import { recordPracticeDays } from './inbox-handlers';

/** The practice store's first week: practice comes with a business to rehearse on. */
const PRACTICE_FIRST_DAYS = 7;

export function connectionInfoOf(status: ConnectionStatus): ConnectionInfo {
  const connected = status.state === 'connected';
  return {
    environment: status.environment,
    connected: status.state !== 'not-connected',
    realmId: status.realmId,
    companyName: status.companyName,
    method: profileOf(status.environment).connect.embedded && status.method ? 'practice' : status.method,
    connectedAt: status.connectedAt,
    reconnectNeeded: status.state === 'reconnect-needed',
    refreshTokenExpiresAt: status.refreshTokenExpiresAt,
    warning: status.state === 'reconnect-needed' || (connected && status.refreshTokenExpiringSoon) ? status.message : null,
  };
}

export function connectOptions(environment: Environment): ConnectOptions {
  const signIn = describeSignIn(environment);
  const profile = profileOf(environment);
  return {
    environment,
    practice: profile.connect.embedded,
    paste: {
      allowed: profile.connect.paste,
      note: "Copy them from Intuit's OAuth Playground for your own Intuit app: Client ID and Client Secret from the app's keys, Realm ID (company ID) and Refresh Token from the Playground. They are checked with QuickBooks and kept in this computer's keychain only.",
    },
    signIn: {
      allowed: signIn.available && profile.connect.signIn,
      note: signIn.notes.join(' '),
      redirectUri: signIn.available && signIn.mustRegisterRedirectUri ? signIn.redirectUri : null,
    },
  };
}

function asUserError(err: unknown): never {
  throw asAppError(err);
}

export function connectionHandlers(
  ctx: AppContext,
  hooks: { onConnectionChanged(): Promise<void> },
): Pick<
  Handlers,
  'connection:get' | 'connection:paste' | 'connection:sign-in' | 'connection:sign-in-cancel' | 'connection:practice' | 'connection:disconnect'
> {
  let signIn: SignInSession | null = null;
  const statusNow = async (environment: Environment) => getConnectionStatus(environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
  const connected = async (environment: Environment) => {
    await hooks.onConnectionChanged();
    ctx.changed('connection', 'setup');
    return connectionInfoOf(await statusNow(environment));
  };

  return {
    'connection:get': async () => {
      const { environment } = await ctx.sessions.current();
      return { info: connectionInfoOf(await statusNow(environment)), options: connectOptions(environment) };
    },
    'connection:paste': async (values) => {
      const session = await ctx.sessions.current();
      if (!profileOf(session.environment).connect.paste) {
        throw new AppError('refused', 'Practice connects to its own simulated company: use "Connect to the practice company".', { code: 'practice' });
      }
      await connectWithPastedCredentials(session.environment, values, await session.connectionDeps()).catch(asUserError);
      return connected(session.environment);
    },
    'connection:sign-in': async ({ clientId, clientSecret }) => {
      const session = await ctx.sessions.current();
      if (signIn) throw new AppError('busy', 'A sign-in is already waiting for the browser. Finish it or cancel it first.', { code: 'sign-in-busy' });
      const started = await startSignIn(
        session.environment,
        {
          clientId,
          clientSecret,
          openExternal: async (url) => {
            if (!(await ctx.capabilities.openExternal(url))) throw new Error('browser refused');
          },
        },
        await session.connectionDeps(),
      ).catch(asUserError);
      signIn = started;
      try {
        await started.result.catch(asUserError);
      } finally {
        signIn = null;
      }
      return connected(session.environment);
    },
    'connection:sign-in-cancel': async () => {
      if (!signIn) return { accepted: false, message: 'No sign-in is waiting.' };
      await signIn.cancel();
      return { accepted: true, message: 'Sign-in cancelled.' };
    },
    'connection:practice': async () => {
      const session = await ctx.sessions.current();
      if (!profileOf(session.environment).connect.embedded) {
        throw new AppError('practice-only', 'Only the Practice environment connects to the practice company.', { code: 'not-practice' });
      }
      const sim = session.simulatorOrRefuse();
      // The simulator's own credentials go straight from it to the keychain; the UI never sees them.
      await connectWithPastedCredentials(
        'practice',
        { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.issueTokens().refresh_token },
        await session.connectionDeps(),
      ).catch(asUserError);
      if (session.ledger.documents.counts().active === 0) {
        recordPracticeDays(session, PRACTICE_FIRST_DAYS);
        ctx.changed('documents', 'stores', 'mapping');
      }
      return connected('practice');
    },
    'connection:disconnect': async () => {
      const session = await ctx.sessions.current();
      await disconnectEnvironment(session.environment, await session.connectionDeps());
      return connected(session.environment);
    },
  };
}
