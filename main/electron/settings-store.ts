/** electron-store behind the core's SettingsStore interface, with the same schema the CLI and tests use. */
import Store from 'electron-store';
import { SETTINGS_DEFAULTS, SETTINGS_FILE_NAME, SETTINGS_SCHEMA, type Settings } from '../core/settings/settings-schema';
import { wrapConf, type SettingsStore } from '../core/settings/settings-store';

export function openElectronSettings(dataDir: string): SettingsStore {
  const store = new Store<Settings>({
    cwd: dataDir,
    name: SETTINGS_FILE_NAME,
    schema: SETTINGS_SCHEMA as never,
    defaults: SETTINGS_DEFAULTS,
    clearInvalidConfig: false,
  });
  return wrapConf(store);
}
