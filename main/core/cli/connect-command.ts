/**
 * `por-qbo connect`: the paste path from the command line, plus `--status`; `por-qbo disconnect`.
 *
 *   por-qbo connect --env sandbox --client-id X --realm R     (asks for the secret and the token, hidden)
 *   por-qbo connect --env sandbox --stdin            (JSON object or KEY=value lines on stdin, at most 64 KB)
 *   por-qbo connect ... --client-secret Y --refresh-token T --insecure-argv   (visible to `ps`: refused without the flag)
 *   PORQBO_CLIENT_SECRET=... PORQBO_REFRESH_TOKEN=... por-qbo connect --env sandbox --client-id X --realm R
 *   por-qbo connect --status [--env E] [--verify] [--json]
 *   por-qbo disconnect [--env E] [--json]
 *
 * Secrets go to the OS keychain only; the connection's non-secret facts to <data folder>/connections/.
 * Endpoints follow PORQBO_QBO_BASE_URL / PORQBO_OAUTH_TOKEN_URL (sandbox, practice), so the practice
 * simulator (`por-qbo simulator`) can stand in for Intuit.
 */
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../data-dir';
import { ENVIRONMENT_LABELS, isEnvironment, type Environment } from '../environment';
import { openSettings } from '../settings/settings-store';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import { cliLog } from './cli-log';
import type { ConnectionDeps } from '../connection/connection-deps';
import { ConnectError } from '../connection/connect-error';
import { connectWithPastedCredentials } from '../connection/paste-connect';
import { getConnectionStatus, type ConnectionStatus } from '../connection/connection-status';
import { disconnectEnvironment } from '../connection/disconnect';
import { openQboConnection } from '../connection/open-connection';
import { updateConnectionRecord } from '../connection/connection-record';
import { connectFailure } from '../connection/establish-connection';
import type { PastedCredentials } from '../connection/credential-checks';
import { SecretInputError, promptHidden, readBoundedStdin, type TerminalIn } from './secret-input';

/** Env vars that may carry the four values (kept out of shell history and `ps`). */
export const CREDENTIAL_ENV_VARS: Record<keyof PastedCredentials, string> = {
  clientId: 'PORQBO_CLIENT_ID',
  clientSecret: 'PORQBO_CLIENT_SECRET',
  realmId: 'PORQBO_REALM_ID',
  refreshToken: 'PORQBO_REFRESH_TOKEN',
};

const STDIN_KEYS: Record<string, keyof PastedCredentials> = {
  clientid: 'clientId', client_id: 'clientId', 'client-id': 'clientId', porqbo_client_id: 'clientId',
  clientsecret: 'clientSecret', client_secret: 'clientSecret', 'client-secret': 'clientSecret', porqbo_client_secret: 'clientSecret',
  realmid: 'realmId', realm_id: 'realmId', realm: 'realmId', 'realm-id': 'realmId', porqbo_realm_id: 'realmId',
  refreshtoken: 'refreshToken', refresh_token: 'refreshToken', 'refresh-token': 'refreshToken', porqbo_refresh_token: 'refreshToken',
};

class UsageError extends Error {}

function deps(dataDir: string): ConnectionDeps {
  return { dataDir, secrets: new KeytarSecretStore(), logger: cliLog(dataDir) };
}

function pickEnvironment(value: string | undefined, dataDir: string): Environment {
  const env = value ?? openSettings(dataDir).get('environment');
  if (!isEnvironment(env)) throw new UsageError(`--env must be practice, sandbox or production; got "${String(env)}"`);
  return env;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        realm: { type: 'string' },
        'refresh-token': { type: 'string' },
        stdin: { type: 'boolean', default: false },
        'insecure-argv': { type: 'boolean', default: false },
        status: { type: 'boolean', default: false },
        verify: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err), false);
  }
  const json = values.json;
  const dataDir = resolveDataDir();
  try {
    const environment = pickEnvironment(values.env, dataDir);
    if (values.status) return await status(environment, dataDir, values.verify, json);

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
    const terminal = process.stdin as TerminalIn;
    if (values.stdin && terminal.isTTY) {
      // Typed at a terminal, --stdin would echo the secret: ask for each value without echo instead.
      for (const [field, label] of PROMPTS) if (!input[field]) input[field] = await promptHidden(label, terminal, process.stderr);
    } else if (values.stdin) {
      Object.assign(input, parseStdin(await readBoundedStdin(process.stdin)));
    }
    const flags: Partial<Record<keyof PastedCredentials, string | undefined>> = {
      clientId: values['client-id'], clientSecret: values['client-secret'], realmId: values.realm, refreshToken: values['refresh-token'],
    };
    for (const [field, value] of Object.entries(flags) as [keyof PastedCredentials, string | undefined][]) if (value !== undefined) input[field] = value;
    if (!values.stdin && terminal.isTTY && !json) {
      // At a terminal with values missing: ask for the secret ones without echo.
      for (const [field, label] of PROMPTS) if (!input[field] && (field === 'clientSecret' || field === 'refreshToken')) input[field] = await promptHidden(label, terminal, process.stderr);
    }

    const result = await connectWithPastedCredentials(environment, input, deps(dataDir));
    if (json) {
      process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
    } else {
      process.stdout.write(`Connected to ${result.companyName} (${ENVIRONMENT_LABELS[environment]}), realm ${result.realmId}.\n`);
      process.stdout.write('Credentials are in the system keychain.\n');
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof SecretInputError) return usage(err.message, json);
    const error = err instanceof ConnectError ? err : connectFailure(err, null, deps(dataDir));
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

/** `por-qbo disconnect [--env E] [--json]` (registered in commands.ts). */
export async function runDisconnect(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { env: { type: 'string' }, json: { type: 'boolean', default: false } } }));
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err), false, 'disconnect');
  }
  const dataDir = resolveDataDir();
  let environment: Environment;
  try {
    environment = pickEnvironment(values.env, dataDir);
  } catch (err) {
    return usage((err as Error).message, values.json, 'disconnect');
  }
  const result = await disconnectEnvironment(environment, deps(dataDir));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (!result.wasConnected) {
    process.stdout.write(`${ENVIRONMENT_LABELS[environment]} was not connected.\n`);
  } else {
    process.stdout.write(`Disconnected from ${result.companyName} (${ENVIRONMENT_LABELS[environment]}); its credentials were removed from the keychain.\n`);
    if (!result.revoked) process.stdout.write(`Intuit could not be told (${result.revokeError ?? 'unknown'}); the token will expire on its own.\n`);
  }
  return 0;
}

async function status(environment: Environment, dataDir: string, verify: boolean, json: boolean): Promise<number> {
  const d = deps(dataDir);
  let verified: { ok: boolean; message: string } | null = null;
  if (verify) {
    const connection = await openQboConnection(environment, { ...d, client: { retry: { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 2000 } } });
    if (connection) {
      try {
        const info = await connection.client.companyInfo();
        updateConnectionRecord(dataDir, environment, { lastVerifiedAt: new Date().toISOString(), companyName: info.CompanyName });
        verified = { ok: true, message: `QuickBooks answered for ${info.CompanyName.replace(/\.$/, "")}.` };
      } catch (err) {
        verified = { ok: false, message: connectFailure(err, connection.realmId, d).message };
      } finally {
        connection.close();
      }
    }
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

function describeStatus(s: ConnectionStatus): string {
  const lines = [s.message];
  if (s.state !== 'not-connected') {
    lines.push(`  Company:   ${s.companyName} (realm ${s.realmId})`);
    lines.push(`  Connected: ${s.connectedAt} by ${s.method === 'sign-in' ? 'Sign in with Intuit' : 'pasted credentials'}`);
    if (s.refreshTokenDaysLeft !== null) lines.push(`  Renews:    the connection lapses in ${Math.max(0, s.refreshTokenDaysLeft)} day(s) unless the app syncs`);
  }
  return `${lines.join('\n')}\n`;
}

function usage(message: string, json: boolean, command = 'connect'): number {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message, problems: [] } })}\n`);
  else {
    process.stderr.write(`por-qbo ${command}: ${message}\n`);
    process.stderr.write(command === 'connect'
      ? 'Usage: por-qbo connect --env practice|sandbox|production --client-id X --realm R [--json]   (asks for secret and token, hidden)\n' +
        '       por-qbo connect --env E --stdin   (or PORQBO_CLIENT_ID / PORQBO_CLIENT_SECRET / PORQBO_REALM_ID / PORQBO_REFRESH_TOKEN)\n' +
        '       por-qbo connect ... --client-secret Y --refresh-token T --insecure-argv   (visible to ps and shell history)\n' +
        '       por-qbo connect --status [--env E] [--verify] [--json]\n'
      : 'Usage: por-qbo disconnect [--env practice|sandbox|production] [--json]\n');
  }
  return 2;
}

const PROMPTS: [keyof PastedCredentials, string][] = [
  ['clientId', 'Client ID: '], ['clientSecret', 'Client Secret (not shown): '], ['realmId', 'Realm ID: '], ['refreshToken', 'Refresh Token (not shown): '],
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
