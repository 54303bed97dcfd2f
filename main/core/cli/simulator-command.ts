/**
 * `por-qbo simulator [--port N] [--realm R] [--state FILE] [--seed N] [--profile NAME]`: runs the
 * practice QBO simulator in the foreground and prints one JSON line with everything the paste path
 * needs (base URL, token URL, realm, client id/secret, refresh token) and the behaviour profile.
 * Stops on SIGINT/SIGTERM.
 */
import { startSimulator } from '../practice/simulator';
import { DEFAULT_PROFILE } from '../practice/profiles';
import { usageError, type ParsedArgs } from './cli-args';
import { SPECS } from './command-table';

export async function run({ values }: ParsedArgs<typeof SPECS.simulator>): Promise<number> {
  const port = values.port ?? 0;
  if (values.realm !== undefined && !/^\d{1,32}$/.test(values.realm)) {
    return usageError('simulator', SPECS.simulator, `--realm must be digits (a QBO realm ID); got "${values.realm}"`);
  }
  const profile = values.profile ?? DEFAULT_PROFILE;
  const sim = await startSimulator({
    port,
    profile,
    ...(values.realm ? { realmId: values.realm } : {}),
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
  });
  const info = {
    baseUrl: sim.baseUrl,
    tokenUrl: sim.tokenUrl,
    revokeUrl: sim.revokeUrl,
    authorizeUrl: sim.authorizeUrl,
    realmId: sim.realmId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    refreshToken: sim.refreshToken,
    companyName: sim.companyName,
    profile: sim.profile,
  };
  // Practice credentials only: they open nothing but this loopback simulator.
  process.stdout.write(`${JSON.stringify(info)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sim.close();
  return 0;
}
