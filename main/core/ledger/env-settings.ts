import type { HistoryLog } from './history-log';
import type { CompanySettings } from '../qbo/company-settings';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export const EXPORT_MODES = ['batch', 'realtime', 'transaction'] as const;
export type ExportMode = (typeof EXPORT_MODES)[number];

/** Well-known keys; any other JSON value may be stored too. */
export interface KnownEnvSettings {
  /** POR export mode for this environment. */
  exportMode: ExportMode;
  /** The person confirmed transaction mode's consequences (see PRODUCT.md). */
  transactionModeConfirmed: boolean;
  /** QBO company this environment is connected to (not a secret). */
  realmId: string | null;
  /** The company's settings as last read from Preferences (connect, or the engine's one read). */
  companySettings: CompanySettings;
}

/**
 * Accounting settings of one environment, kept in its ledger (not in the app settings file) so sandbox and
 * production can never read each other's mode, realm or mapping choices.
 */
export class EnvSettings {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
  ) {}

  get<K extends keyof KnownEnvSettings>(key: K): KnownEnvSettings[K] | undefined;
  get(key: string): unknown;
  get(key: string): unknown {
    const v = prepared(this.ctx.db, 'SELECT value FROM env_settings WHERE key = ?', 'pluck').get(key) as string | undefined;
    return v === undefined ? undefined : JSON.parse(v);
  }

  set<K extends keyof KnownEnvSettings>(key: K, value: KnownEnvSettings[K]): void;
  set(key: string, value: unknown): void;
  set(key: string, value: unknown): void {
    if (key === 'exportMode' && !(EXPORT_MODES as readonly unknown[]).includes(value)) {
      throw new RangeError(`exportMode must be one of ${EXPORT_MODES.join(', ')}, not ${JSON.stringify(value)}`);
    }
    this.ctx.write(() => {
      const before = this.get(key);
      prepared(
        this.ctx.db,
        'INSERT INTO env_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(key, JSON.stringify(value), this.ctx.now());
      this.history.record({
        subjectKind: 'setting',
        subjectKey: key,
        action: 'settingChanged',
        from: before === undefined ? null : JSON.stringify(before),
        to: JSON.stringify(value),
      });
    });
  }

  all(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of prepared(this.ctx.db, 'SELECT key, value FROM env_settings ORDER BY key').all() as { key: string; value: string }[]) {
      out[r.key] = JSON.parse(r.value);
    }
    return out;
  }
}
