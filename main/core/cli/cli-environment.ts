import { ENVIRONMENTS, isEnvironment, type Environment } from '../environment';
import { openSettings } from '../settings/settings-store';

/** Every command's `--env`: the flag if given (validated), else the environment chosen in the app's settings. */
export function cliEnvironment(flag: string | undefined, dataDir: string): Environment | { error: string } {
  if (flag === undefined) return openSettings(dataDir).get('environment');
  return isEnvironment(flag) ? flag : { error: `--env must be one of ${ENVIRONMENTS.join(', ')}; got "${flag}"` };
}
