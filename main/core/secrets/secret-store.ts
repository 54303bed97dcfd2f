import { AppError } from '../app-error';
import type { Environment } from '../environment';

/**
 * What we keep in the OS keychain for one QBO connection. The whole OAuth token is one entry so a
 * rotated refresh token and its access token are written together, never half.
 */
export const SECRET_KINDS = ['client-id', 'client-secret', 'token'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** One keychain entry: per environment (service) and per realm (account). */
export interface SecretRef {
  environment: Environment;
  realmId: string;
  kind: SecretKind;
}

/** The small interface everything else sees; keytar backs it in the app, CLI and keychain tests (a 0600 file when opted in). */
export interface SecretStore {
  get(ref: SecretRef): Promise<string | null>;
  set(ref: SecretRef, value: string): Promise<void>;
  /** True when an entry was removed. */
  delete(ref: SecretRef): Promise<boolean>;
}

export const SECRET_SERVICE_PREFIX = 'por-qbo-companion';

/** Keychain service name: `por-qbo-companion/<env>`, so environments never share an entry. */
export function secretService(environment: Environment, prefix = SECRET_SERVICE_PREFIX): string {
  return `${prefix}/${environment}`;
}

/** Keychain account name: `<realmId>:<kind>`. */
export function secretAccount(ref: Pick<SecretRef, 'realmId' | 'kind'>): string {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(ref.realmId)) {
    // Guards the namespace: a realm with ':' or '/' could alias another entry.
    throw new Error(`Invalid realm ID for the keychain: ${JSON.stringify(ref.realmId.slice(0, 70))}`);
  }
  return `${ref.realmId}:${ref.kind}`;
}

/** Raised when the OS keychain cannot be reached; the message says what to do, never a secret. */
export class SecretStoreUnavailableError extends AppError {
  constructor(detail: string) {
    super(
      'unavailable',
      `The system keychain is not available (${detail}). POR QBO Companion keeps QuickBooks credentials ` +
        'in the keychain: on Linux start a Secret Service (GNOME Keyring or KWallet) and unlock it. On a server ' +
        'without a desktop session, opt in to a file readable only by you instead: "por-qbo connect --credential-store file" ' +
        '(or PORQBO_CREDENTIAL_STORE=file).',
    );
    this.name = 'SecretStoreUnavailableError';
  }
}

/** Removes every entry of one connection (disconnect, failed connect rollback). */
export async function deleteConnectionSecrets(store: SecretStore, environment: Environment, realmId: string): Promise<void> {
  for (const kind of SECRET_KINDS) await store.delete({ environment, realmId, kind });
}
