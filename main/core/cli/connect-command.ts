/**
 * `por-qbo connect`: the paste path from the command line, plus `--status`; `por-qbo disconnect`.
 *
 *   por-qbo connect --env sandbox --client-id X --realm R     (asks for the secret and the token, hidden)
 *   por-qbo connect --env sandbox --stdin            (JSON object or KEY=value lines on stdin, at most 64 KB)
 *   por-qbo connect ... --client-secret Y --refresh-token T --insecure-argv   (visible to `ps`: refused without the flag)
 *   PORQBO_CLIENT_SECRET=... PORQBO_REFRESH_TOKEN=... por-qbo connect --env sandbox --client-id X --realm R
 *   por-qbo connect --env practice                   (the practice company kept in the data folder)
 *   por-qbo connect ... --credential-store file      (no keychain on this server: a 0600 file, remembered)
 *   por-qbo connect --status [--env E] [--verify] [--json]
 *   por-qbo disconnect [--env E] [--json]
 *
 * Secrets go to the OS keychain (or, opted in, the 0600 credential file); the connection's non-secret
 * facts to <data folder>/connections/. Endpoints follow PORQBO_QBO_BASE_URL / PORQBO_OAUTH_TOKEN_URL
 * (sandbox, practice), so the practice simulator (`por-qbo simulator`) can stand in for Intuit.
 */
import { profileOf } from '../environment-profile';
import { resolveDataDir } from '../data-dir';
import { ENVIRONMENT_LABELS, type Environment } from '../environment';
import { openSettings } from '../settings/settings-store';
import { cliLog } from './cli-log';
import type { ConnectionDeps } from '../connection/connection-deps';
import { ConnectError } from '../connection/connect-error';
import { connectWithPastedCredentials } from '../connection/paste-connect';
import { getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { disconnectEnvironment } from '../connection/disconnect';
import { openQboConnection } from '../connection/open-connection';
import { readConnectionRecord, updateConnectionRecord } from '../connection/connection-record';
import { connectFailure } from '../connection/establish-connection';
import type { PastedCredentials } from '../connection/credential-checks';
import { ENDPOINT_ENV_VARS } from '../qbo/endpoints';
import {
  CREDENTIAL_STORE_ENV_VAR,
  CredentialStoreChoiceError,
  credentialFilePath,
  describeCredentialStore,
  type CredentialStoreChoice,
  type CredentialStoreKind,
} from '../secrets/credential-store-choice';
import { SecretInputError, promptHidden, readBoundedStdin, type TerminalIn } from './secret-input';
import { usageError, type ParsedArgs } from './cli-args';
import { cliBasics, withCliSession } from './cli-session';
import { SPECS } from './command-table';

/** Env vars that may carry the four values (kept out of shell history and `ps`). */
export const CREDENTIAL_ENV_VARS: Record<keyof PastedCredentials, string> = {
  clientId: 'PORQBO_CLIENT_ID',
  clientSecret: 'PORQBO_CLIENT_SECRET',
  realmId: 'PORQBO_REALM_ID',
  refreshToken: 'PORQBO_REFRESH_TOKEN',
};

const STDIN_KEYS: Record<string, keyof PastedCredentials> = {
  clientid: 'clientId',
  client_id: 'clientId',
  'client-id': 'clientId',
  porqbo_client_id: 'clientId',
  clientsecret: 'clientSecret',
  client_secret: 'clientSecret',
  'client-secret': 'clientSecret',
  porqbo_client_secret: 'clientSecret',
  realmid: 'realmId',
  realm_id: 'realmId',
  realm: 'realmId',
  'realm-id': 'realmId',
  porqbo_realm_id: 'realmId',
  refreshtoken: 'refreshToken',
  refresh_token: 'refreshToken',
  'refresh-token': 'refreshToken',
  porqbo_refresh_token: 'refreshToken',
};

class UsageError extends Error {}

interface Chosen {
  deps: ConnectionDeps;
  store: CredentialStoreChoice;
}

function chosen(dataDir: string): Chosen {
  const { secrets, credentialStore, log } = cliBasics(dataDir);
  return { deps: { dataDir, secrets, logger: log }, store: credentialStore };
}

/** `--credential-store`: remembered in the settings; an env var saying otherwise is a contradiction. */
function rememberCredentialStore(dataDir: string, kind: CredentialStoreKind | undefined): void {
  if (!kind) return;
  const fromEnv = process.env[CREDENTIAL_STORE_ENV_VAR]?.trim();
  if (fromEnv && fromEnv !== kind) throw new UsageError(`--credential-store ${kind} contradicts ${CREDENTIAL_STORE_ENV_VAR}=${fromEnv}; give one of them`);
  openSettings(dataDir).set('credentialStore', kind);
}

type ConnectArgs = ParsedArgs<typeof SPECS.connect>;

export async function run({ values }: ConnectArgs): Promise<number> {
  const json = values.json;
  const dataDir = resolveDataDir();
  let deps: ConnectionDeps | null = null;
  try {
    const environment: Environment = values.env ?? openSettings(dataDir).get('environment');
    rememberCredentialStore(dataDir, values['credential-store']);
    const choice = chosen(dataDir);
    deps = choice.deps;
    if (values.status) return await status(environment, choice, values.verify, json);

    const input: Partial<Record<keyof PastedCredentials, string>> = {};
    for (const [field, name] of Object.entries(CREDENTIAL_ENV_VARS) as [keyof PastedCredentials, string][]) {
      if (process.env[name]) input[field] = process.env[name];
    }
    if ((values['client-secret'] !== undefined || values['refresh-token'] !== undefined) && !values['insecure-argv']) {
      throw new UsageError(
        'secrets on the command line are visible to every user of this PC (ps, shell history): give them with --stdin, ' +
          `${CREDENTIAL_ENV_VARS.clientSecret} / ${CREDENTIAL_ENV_VARS.refreshToken}, or leave them out to be asked (hidden); --insecure-argv allows them anyway`,
      );
    }
    const flags: Partial<Record<keyof PastedCredentials, string | undefined>> = {
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      realmId: values.realm,
      refreshToken: values['refresh-token'],
    };
    const nothingGiven = !values.stdin && Object.keys(input).length === 0 && Object.values(flags).every((v) => v === undefined);
    if (profileOf(environment).embeddedSimulator && nothingGiven && !process.env[ENDPOINT_ENV_VARS.apiBaseUrl]) {
      return await connectPractice(dataDir, choice, json);
    }
    const terminal = process.stdin as TerminalIn;
    if (values.stdin && terminal.isTTY) {
      // Typed at a terminal, --stdin would echo the secret: ask for each value without echo instead.
      for (const [field, label] of PROMPTS) if (!input[field]) input[field] = await promptHidden(label, terminal, process.stderr);
    } else if (values.stdin) {
      Object.assign(input, parseStdin(await readBoundedStdin(process.stdin)));
    }
    for (const [field, value] of Object.entries(flags) as [keyof PastedCredentials, string | undefined][]) if (value !== undefined) input[field] = value;
    if (!values.stdin && terminal.isTTY && !json) {
      // At a terminal with values missing: ask for the secret ones without echo.
      for (const [field, label] of PROMPTS)
        if (!input[field] && (field === 'clientSecret' || field === 'refreshToken')) input[field] = await promptHidden(label, terminal, process.stderr);
    }

    const result = await connectWithPastedCredentials(environment, input, choice.deps);
    reportConnected(environment, result, choice, dataDir, json);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof SecretInputError || err instanceof CredentialStoreChoiceError)
      return usageError('connect', SPECS.connect, err.message, json);
    const d = deps ?? { dataDir, secrets: { get: async () => null, set: async () => {}, delete: async () => false }, logger: cliLog(dataDir) };
    const error = err instanceof ConnectError ? err : connectFailure(err, null, d);
    if (json) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
    } else {
      process.stderr.write(`por-qbo connect: ${error.problems.length ? 'the values need fixing:' : error.message}\n`);
      for (const problem of error.problems) process.stderr.write(`  - ${problem.message}\n`);
      if (error.intuit_tid) process.stderr.write(`  (intuit_tid ${error.intuit_tid})\n`);
    }
    return error.code === 'invalid-credentials' ? 2 : 1;
  }
}

function reportConnected(environment: Environment, result: { companyName: string; realmId: string }, choice: Chosen, dataDir: string, json: boolean): void {
  const where = { kind: choice.store.kind, source: choice.store.source, ...(choice.store.kind === 'file' ? { path: credentialFilePath(dataDir) } : {}) };
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...result, credentialStore: where })}\n`);
  } else {
    process.stdout.write(`Connected to ${result.companyName} (${ENVIRONMENT_LABELS[environment]}), realm ${result.realmId}.\n`);
    process.stdout.write(`${describeCredentialStore(dataDir, choice.store)}\n`);
  }
}

/**
 * Practice with nothing pasted: the practice company kept in the data folder (its simulator started
 * from there for as long as each command runs), connected the way the app's practice session does.
 */
async function connectPractice(dataDir: string, choice: Chosen, json: boolean): Promise<number> {
  const status = await withCliSession({ environment: 'practice', dataDir, open: 'runtime', secretStore: choice.deps.secrets }, async ({ runtime }) => {
    await runtime.connectEmbedded();
    return runtime.refreshConnectionStatus();
  });
  if (status.state !== 'connected' || !status.realmId) throw new ConnectError('network', `The practice company could not be connected: ${status.message}`);
  reportConnected('practice', { companyName: status.companyName ?? 'the practice company', realmId: status.realmId }, choice, dataDir, json);
  return 0;
}

/** `por-qbo disconnect [--env E] [--json]`. */
export async function runDisconnect({ values }: ParsedArgs<typeof SPECS.disconnect>): Promise<number> {
  const dataDir = resolveDataDir();
  const environment: Environment = values.env ?? openSettings(dataDir).get('environment');
  const choice = chosen(dataDir);
  // Practice: revoke at the simulator of the data folder's company (started for this), not at an old port.
  const result =
    practiceInDataFolder(environment) && hasRecord(dataDir, environment)
      ? await withCliSession({ environment, dataDir, open: 'runtime', secretStore: choice.deps.secrets }, ({ runtime }) =>
          disconnectEnvironment(environment, runtime.connectionDeps()),
        )
      : await disconnectEnvironment(environment, choice.deps);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (!result.wasConnected) {
    process.stdout.write(`${ENVIRONMENT_LABELS[environment]} was not connected.\n`);
  } else {
    const from = choice.store.kind === 'file' ? `the credential file ${credentialFilePath(dataDir)}` : 'the keychain';
    process.stdout.write(`Disconnected from ${result.companyName} (${ENVIRONMENT_LABELS[environment]}); its credentials were removed from ${from}.\n`);
    if (!result.revoked) process.stdout.write(`Intuit could not be told (${result.revokeError ?? 'unknown'}); the token will expire on its own.\n`);
  }
  return 0;
}

async function status(environment: Environment, choice: Chosen, verify: boolean, json: boolean): Promise<number> {
  const d = choice.deps;
  let verified: { ok: boolean; message: string } | null = null;
  if (verify && hasRecord(d.dataDir, environment)) {
    verified = practiceInDataFolder(environment)
      ? await withCliSession({ environment, dataDir: d.dataDir, open: 'runtime', secretStore: d.secrets }, ({ runtime }) =>
          verifyWith(environment, runtime.connectionDeps()),
        )
      : await verifyWith(environment, d);
  }
  const current = await getConnectionStatus(environment, d);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...current, verified })}\n`);
  } else {
    process.stdout.write(describeStatus(current));
    if (verified) process.stdout.write(`Check: ${verified.message}\n`);
  }
  return current.state === 'connected' && (verified?.ok ?? true) ? 0 : 1;
}

/** Practice's company lives in the data folder: its simulator runs only inside a session, on a new port each time. */
function practiceInDataFolder(environment: Environment): boolean {
  return profileOf(environment).embeddedSimulator && !process.env[ENDPOINT_ENV_VARS.apiBaseUrl];
}

function hasRecord(dataDir: string, environment: Environment): boolean {
  try {
    return readConnectionRecord(dataDir, environment) !== null;
  } catch {
    return false;
  }
}

/** Asks QuickBooks for the company (`--verify`). */
async function verifyWith(environment: Environment, d: ConnectionDeps): Promise<{ ok: boolean; message: string } | null> {
  const connection = await openQboConnection(environment, { ...d, client: { retry: { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 2000 } } });
  if (!connection) return null;
  try {
    const info = await connection.client.companyInfo();
    updateConnectionRecord(d.dataDir, environment, { lastVerifiedAt: new Date().toISOString(), companyName: info.CompanyName });
    return { ok: true, message: `QuickBooks answered for ${info.CompanyName.replace(/\.$/, '')}.` };
  } catch (err) {
    return { ok: false, message: connectFailure(err, connection.realmId, d).message };
  } finally {
    connection.close();
  }
}

function describeStatus(s: ConnectionStatus): string {
  const lines = [s.message];
  if (s.state !== 'not-connected') {
    lines.push(`  Company:   ${s.companyName} (realm ${s.realmId})`);
    lines.push(`  Connected: ${s.connectedAt} by ${s.method === 'sign-in' ? 'Sign in with Intuit' : 'pasted credentials'}`);
    if (s.refreshTokenDaysLeft !== null) lines.push(`  Renews:    the connection lapses in ${Math.max(0, s.refreshTokenDaysLeft)} day(s) unless the app syncs`);
  }
  return `${lines.join('\n')}\n`;
}

const PROMPTS: [keyof PastedCredentials, string][] = [
  ['clientId', 'Client ID: '],
  ['clientSecret', 'Client Secret (not shown): '],
  ['realmId', 'Realm ID: '],
  ['refreshToken', 'Refresh Token (not shown): '],
];

/** A JSON object ({"clientId": ...} or the simulator's JSON line) or KEY=value lines. */
export function parseStdin(text: string): Partial<Record<keyof PastedCredentials, string>> {
  const out: Partial<Record<keyof PastedCredentials, string>> = {};
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError('--stdin was given but nothing arrived on standard input');
  const put = (key: string, value: unknown) => {
    const field = STDIN_KEYS[key.trim().toLowerCase()];
    if (field && typeof value === 'string' && value.trim()) out[field] = value.trim();
  };
  if (trimmed.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(trimmed.split('\n')[0]!);
    } catch {
      throw new UsageError('standard input starts with "{" but is not a JSON object on one line');
    }
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) put(key, value);
  } else {
    for (const [index, line] of trimmed.split(/\r?\n/).entries()) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 1) throw new UsageError(`standard input line ${index + 1}: expected KEY=value`);
      put(line.slice(0, eq), line.slice(eq + 1));
    }
  }
  return out;
}
