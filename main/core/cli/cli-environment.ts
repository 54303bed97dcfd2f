import type { Environment } from '../environment';
import { openSettings } from '../settings/settings-store';

/** Every command's `--env` (already checked by the parser), else the environment chosen in the app's settings. */
export function cliEnvironment(flag: Environment | undefined, dataDir: string): Environment {
  return flag ?? openSettings(dataDir).get('environment');
}
