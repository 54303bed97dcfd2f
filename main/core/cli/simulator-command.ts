/**
 * `por-qbo simulator [--port N] [--realm R] [--state FILE] [--seed N]`: runs the practice QBO
 * simulator in the foreground and prints one JSON line with everything the paste path needs
 * (base URL, token URL, realm, client id/secret, refresh token). Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '../practice/simulator';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      realm: { type: 'string' },
      state: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: true },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`por-qbo simulator: --port must be a whole number from 0 to 65535; got "${values.port}"\n`);
    return 2;
  }
  if (values.realm !== undefined && !/^\d{1,32}$/.test(values.realm)) {
    process.stderr.write(`por-qbo simulator: --realm must be digits (a QBO realm ID); got "${values.realm}"\n`);
    return 2;
  }
  const sim = await startSimulator({
    port,
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
