/**
 * `por-qbo simulator [--port N] [--realm R] [--state FILE] [--seed N] [--profile NAME]`: runs the
 * practice QBO simulator in the foreground and prints one JSON line with everything the paste path
 * needs (base URL, token URL, realm, client id/secret, refresh token) and the behaviour profile.
 * Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '../practice/simulator';
import { DEFAULT_PROFILE, PROFILE_NAMES, describeProfiles, isProfileName } from '../practice/profiles';

const USAGE = [
  'Usage: por-qbo simulator [--port N] [--realm DIGITS] [--state FILE] [--seed N] [--profile NAME]',
  '  Runs the practice QuickBooks simulator in the foreground and prints one JSON line with its URLs,',
  '  paste-path values and profile. Stops on Ctrl+C (SIGINT) or SIGTERM.',
  '',
  `Profiles (--profile, default ${DEFAULT_PROFILE}): how QBO behaves where its docs and field reports differ`,
  describeProfiles(),
  '',
  'Exit codes: 0 stopped cleanly, 1 unexpected error, 2 usage.',
].join('\n');

function usage(message: string): number {
  process.stderr.write(`por-qbo simulator: ${message}\n${USAGE}\n`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        realm: { type: 'string' },
        state: { type: 'string' },
        seed: { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean', default: true },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    return usage((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`por-qbo simulator: --port must be a whole number from 0 to 65535; got "${values.port}"\n`);
    return 2;
  }
  if (values.realm !== undefined && !/^\d{1,32}$/.test(values.realm)) {
    process.stderr.write(`por-qbo simulator: --realm must be digits (a QBO realm ID); got "${values.realm}"\n`);
    return 2;
  }
  const profile = values.profile ?? DEFAULT_PROFILE;
  if (!isProfileName(profile)) {
    process.stderr.write(`por-qbo simulator: --profile must be one of ${PROFILE_NAMES.join(', ')}; got "${profile}"\n${describeProfiles()}\n`);
    return 2;
  }
  const sim = await startSimulator({
    port,
    profile,
    ...(values.realm ? { realmId: values.realm } : {}),
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
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
