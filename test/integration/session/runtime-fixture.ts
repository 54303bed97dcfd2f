/** A practice runtime against a simulator this test owns, with fast retries and a temp data folder. */
import { openEnvironmentSession, type SessionOptions, type EnvironmentSession } from '../../../main/core/session/environment-session';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/core/practice/simulator';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings, type SettingsStore } from '../../../main/core/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { testSimProfile } from '../../helpers/sim-profile';
import { FAST_RETRY } from '../sync/sync-fixture';

export interface RuntimeFixture {
  dir: string;
  sim: RunningSimulator;
  settings: SettingsStore;
  runtime: EnvironmentSession;
  close(): Promise<void>;
}

export async function practiceRuntime(options: { sim?: SimulatorOptions; runtime?: Partial<SessionOptions> } = {}): Promise<RuntimeFixture> {
  const temp = makeTempDir('porqbo-runtime-');
  const sim = await startSimulator({ seed: 5, profile: testSimProfile(), ...options.sim });
  const settings = openSettings(temp.path);
  const runtime = await openEnvironmentSession({
    connectEmbedded: true,
    dataDir: temp.path,
    environment: 'practice',
    settings,
    secretStore: new MemorySecretStore(),
    practiceSimulator: sim,
    client: { retry: FAST_RETRY },
    actor: 'test',
    ...options.runtime,
  });
  return {
    dir: temp.path,
    sim,
    settings,
    runtime,
    async close() {
      await runtime.close();
      await sim.close();
      temp.remove();
    },
  };
}
