/**
 * The simulator profile a test run plays (vitest.config.ts runs the exactly-once and to-the-cent suites
 * once per profile, setting PORQBO_SIM_PROFILE per project). Default: Intuit's documented behaviour.
 */
import { DEFAULT_PROFILE, isProfileName, type ProfileName } from '../../main/core/practice/profiles';

export function testSimProfile(): ProfileName {
  const name = process.env.PORQBO_SIM_PROFILE;
  if (!name) return DEFAULT_PROFILE;
  if (!isProfileName(name)) throw new Error(`PORQBO_SIM_PROFILE="${name}" is not a simulator profile`);
  return name;
}
