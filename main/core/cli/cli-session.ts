/**
 * The one way a `por-qbo` command opens an environment: the ledger alone (no network: import, lists,
 * status) or the environment's session (ledger, QuickBooks connection, engine; practice: its simulator from
 * the data folder), with the credential store the person chose. Closed when the command's work ends,
 * whatever happens. Commands never open the ledger or the runtime themselves (a lint rule keeps it so),
 * so this is the one place to swap for the app's environment session.
 */
import type { Environment } from '../environment';
import { openLedger, type Ledger } from '../ledger';
import type { QboLogger } from '../qbo/qbo-log';
import type { RunningSimulator } from '../practice/simulator';
import { openEnvironmentSession, type EnvironmentSession } from '../session/environment-session';
import { chooseCredentialStore, openSecretStore, type CredentialStoreChoice } from '../secrets/credential-store-choice';
import type { SecretStore } from '../secrets/secret-store';
import { openSettings, type SettingsStore } from '../settings/settings-store';
import { cliLog } from './cli-log';

export interface CliSessionOptions {
  environment: Environment;
  dataDir: string;
  /** Recover jobs a crash left in flight when the ledger opens (default true; `status` only reads). */
  recover?: boolean;
  /** Instead of the chosen credential store (`practice` keeps its throwaway credentials in memory). */
  secretStore?: SecretStore;
  /** Practice: this simulator instead of the one kept in the data folder. */
  practiceSimulator?: RunningSimulator;
}

export interface CliLedgerSession {
  environment: Environment;
  dataDir: string;
  settings: SettingsStore;
  credentialStore: CredentialStoreChoice;
  secrets: SecretStore;
  log: QboLogger;
  ledger: Ledger;
}

export interface CliRuntimeSession extends CliLedgerSession {
  runtime: EnvironmentSession;
}

/** The settings, the credential store and the log of a data folder: what every session starts from. */
export function cliBasics(dataDir: string, secretStore?: SecretStore) {
  const settings = openSettings(dataDir);
  const credentialStore = chooseCredentialStore(settings);
  return { settings, credentialStore, secrets: secretStore ?? openSecretStore(dataDir, credentialStore), log: cliLog(dataDir) };
}

export async function withCliSession<T>(options: CliSessionOptions & { open: 'runtime' }, fn: (session: CliRuntimeSession) => Promise<T>): Promise<T>;
export async function withCliSession<T>(options: CliSessionOptions & { open: 'ledger' }, fn: (session: CliLedgerSession) => Promise<T>): Promise<T>;
export async function withCliSession<T>(
  options: CliSessionOptions & { open: 'ledger' | 'runtime' },
  fn: ((session: CliRuntimeSession) => Promise<T>) | ((session: CliLedgerSession) => Promise<T>),
): Promise<T> {
  const { environment, dataDir } = options;
  const basics = cliBasics(dataDir, options.secretStore);
  if (options.open === 'ledger') {
    const ledger = openLedger(dataDir, environment, { actor: 'cli', ...(options.recover === false ? { recover: false } : {}) });
    try {
      return await (fn as (session: CliLedgerSession) => Promise<T>)({ environment, dataDir, ...basics, ledger });
    } finally {
      ledger.close();
    }
  }
  const runtime = await openEnvironmentSession({
    connectEmbedded: true,
    dataDir,
    environment,
    settings: basics.settings,
    secretStore: basics.secrets,
    actor: 'cli',
    log: basics.log,
    ...(options.practiceSimulator ? { practiceSimulator: options.practiceSimulator } : {}),
  });
  try {
    return await (fn as (session: CliRuntimeSession) => Promise<T>)({ environment, dataDir, ...basics, ledger: runtime.ledger, runtime });
  } finally {
    await runtime.close();
  }
}
