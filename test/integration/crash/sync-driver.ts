/**
 * The process the crash test kills: opens the sandbox runtime on the test's data folder (connected to the
 * test's simulator through PORQBO_QBO_BASE_URL / PORQBO_OAUTH_TOKEN_URL, exactly as the CLI would be) and
 * syncs until nothing is left. Prints READY once connected, P for every progress step, DONE at the end.
 * Credentials come from the test (a fresh paste-connect each start); they stay in this process's memory.
 */
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import { openEnvironmentSession } from '../../../main/core/session/environment-session';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';

interface SimInfo {
  baseUrl: string;
  tokenUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

async function main(): Promise<number> {
  const dataDir = process.env.PORQBO_DATA_DIR!;
  const sim = JSON.parse(process.env.CRASH_SIM!) as SimInfo;
  const env = { PORQBO_QBO_BASE_URL: sim.baseUrl, PORQBO_OAUTH_TOKEN_URL: sim.tokenUrl };
  const retry = { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 1_000 };
  const secrets = new MemorySecretStore();
  await connectWithPastedCredentials(
    'sandbox',
    { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
    { dataDir, secrets, env, client: { retry } },
  );
  const runtime = await openEnvironmentSession({
    connectEmbedded: true,
    dataDir,
    environment: 'sandbox',
    settings: openSettings(dataDir),
    secretStore: secrets,
    env,
    client: { retry },
    actor: `crash-driver-${process.pid}`,
    engine: { retryDelayMs: () => 20, batchSize: Number(process.env.CRASH_BATCH ?? 30) },
  });
  runtime.onStatus((s) => {
    if (s.state === 'syncing' && s.progress) process.stdout.write(`P ${s.progress.done}\n`);
  });
  process.stdout.write('READY\n');
  try {
    for (let i = 0; i < 50; i++) {
      await runtime.syncNow();
      const c = runtime.ledger.outbox.counts();
      if (c.queued + c.inFlight === 0) break;
    }
    const counts = runtime.ledger.outbox.counts();
    process.stdout.write(`DONE ${JSON.stringify(counts)}\n`);
    return counts.queued + counts.inFlight + counts.failed === 0 ? 0 : 4;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`crash driver: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
