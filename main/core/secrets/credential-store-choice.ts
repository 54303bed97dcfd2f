/**
 * Where QuickBooks credentials are kept: the OS keychain (default), or, only when someone opts in,
 * a 0600 file in the data folder for servers with no keychain (a headless Linux box has no Secret
 * Service without a desktop session). The choice is remembered in the settings; the env var wins.
 */
import { join } from 'node:path';
import type { Settings } from '../settings/settings-schema';
import { FileSecretStore } from './file-secret-store';
import { KeytarSecretStore } from './keytar-secret-store';
import type { SecretStore } from './secret-store';

export const CREDENTIAL_STORES = ['keychain', 'file'] as const;
export type CredentialStoreKind = (typeof CREDENTIAL_STORES)[number];

export const CREDENTIAL_STORE_ENV_VAR = 'PORQBO_CREDENTIAL_STORE';
/** The opt-in file, in the data folder. */
export const CREDENTIAL_FILE_NAME = 'credentials.json';

export function credentialFilePath(dataDir: string): string {
  return join(dataDir, CREDENTIAL_FILE_NAME);
}

export class CredentialStoreChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialStoreChoiceError';
  }
}

export interface CredentialStoreChoice {
  kind: CredentialStoreKind;
  /** Why this one: the env var, the remembered setting, or nothing said (the keychain). */
  source: 'env' | 'settings' | 'default';
}

export function isCredentialStoreKind(value: unknown): value is CredentialStoreKind {
  return typeof value === 'string' && (CREDENTIAL_STORES as readonly string[]).includes(value);
}

export function chooseCredentialStore(
  settings: { get(key: 'credentialStore'): Settings['credentialStore'] },
  env: NodeJS.ProcessEnv = process.env,
): CredentialStoreChoice {
  const fromEnv = env[CREDENTIAL_STORE_ENV_VAR]?.trim();
  if (fromEnv) {
    if (!isCredentialStoreKind(fromEnv)) {
      throw new CredentialStoreChoiceError(`${CREDENTIAL_STORE_ENV_VAR} must be one of ${CREDENTIAL_STORES.join(', ')}; got "${fromEnv.slice(0, 40)}"`);
    }
    return { kind: fromEnv, source: 'env' };
  }
  const remembered = settings.get('credentialStore');
  return isCredentialStoreKind(remembered) && remembered !== 'keychain' ? { kind: remembered, source: 'settings' } : { kind: 'keychain', source: 'default' };
}

export function openSecretStore(dataDir: string, choice: CredentialStoreChoice): SecretStore {
  return choice.kind === 'file' ? new FileSecretStore(credentialFilePath(dataDir)) : new KeytarSecretStore();
}

/** One sentence for people: where the credentials are. */
export function describeCredentialStore(dataDir: string, choice: CredentialStoreChoice): string {
  if (choice.kind === 'keychain') return 'Credentials are in the system keychain.';
  return (
    `Credentials are in ${credentialFilePath(dataDir)}, a file readable only by you (the credential store "file"` +
    `${choice.source === 'env' ? `, chosen by ${CREDENTIAL_STORE_ENV_VAR}` : ', chosen with --credential-store file'}), not in a keychain: ` +
    'anyone who can read it as you can use the QuickBooks connection.'
  );
}
