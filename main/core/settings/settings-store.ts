import Conf from 'conf';
import { SETTINGS_DEFAULTS, SETTINGS_FILE_NAME, SETTINGS_SCHEMA, type Settings } from './settings-schema';

/** The small interface the core sees. The app (in the core's worker thread), the CLI and tests all back it with conf. */
export interface SettingsStore {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  all(): Settings;
  /** The JSON file on disk (tests check no secret ever lands in it). */
  readonly path: string;
}

/** conf is what electron-store is built on; same schema, same file, no Electron needed. */
export function openSettings(dataDir: string): SettingsStore {
  const conf = new Conf<Settings>({
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    projectName: 'por-qbo-companion',
    schema: SETTINGS_SCHEMA as never,
    defaults: SETTINGS_DEFAULTS,
    clearInvalidConfig: false,
  });
  return wrapConf(conf);
}

/** Shared by the conf and electron-store backends (electron-store extends conf). */
export function wrapConf(conf: Conf<Settings>): SettingsStore {
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    all: () => ({ ...SETTINGS_DEFAULTS, ...conf.store }),
    get path() {
      return conf.path;
    },
  };
}
