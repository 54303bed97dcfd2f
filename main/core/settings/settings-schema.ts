import type { Environment } from '../environment';

/**
 * App-level preferences (not accounting data: that lives in each environment's ledger).
 * One JSON schema and one file (conf): the app (in the core's worker thread), the CLI and tests read the same settings.
 * Never put a secret here: secrets live in the OS keychain only.
 */
export interface Settings {
  environment: Environment;
  /** "Accounting Sync Services" on/off: the scheduler runs only when on. */
  syncServicesOn: boolean;
  paused: boolean;
  startAtLogin: boolean;
  /** Folder watched for POR GL export and feed files; null = the default under Documents. */
  inboxDir: string | null;
  /** Where QuickBooks credentials are kept: the keychain, or (opt-in, servers) a 0600 file in the data folder. */
  credentialStore: 'keychain' | 'file';
}

export const SETTINGS_DEFAULTS: Settings = {
  environment: 'practice',
  syncServicesOn: false,
  paused: false,
  startAtLogin: false,
  inboxDir: null,
  credentialStore: 'keychain',
};

export const SETTINGS_SCHEMA = {
  environment: { type: 'string', enum: ['practice', 'sandbox', 'production'], default: 'practice' },
  syncServicesOn: { type: 'boolean', default: false },
  paused: { type: 'boolean', default: false },
  startAtLogin: { type: 'boolean', default: false },
  inboxDir: { type: ['string', 'null'], default: null },
  credentialStore: { type: 'string', enum: ['keychain', 'file'], default: 'keychain' },
} as const;

export const SETTINGS_FILE_NAME = 'settings';
