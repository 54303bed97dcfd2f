/**
 * Practice mode after an app restart: the embedded simulator's company file holds no secret (no client
 * secret, no token the app keeps in the keychain), and the app reconnects with what it stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRACTICE_COMPANY_FILE, openEnvironmentSession } from '../../../main/core/session/environment-session';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

let dir: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => dir?.remove());

describe('practice after a restart', () => {
  it('reconnects to the same company with the stored credentials; the company file holds none of them', async () => {
    dir = makeTempDir('porqbo-practice-restart-');
    const secrets = new MemorySecretStore();
    const settings = openSettings(dir.path);
    settings.set('environment', 'practice');
    const options = { dataDir: dir.path, environment: 'practice' as const, settings, secretStore: secrets, env: {} };

    const first = await openEnvironmentSession({ ...options, connectEmbedded: true });
    expect((await first.refreshConnectionStatus()).state).toBe('connected');
    const realm = first.practiceSimulator!.realmId;
    const { clientSecret, clientId } = first.practiceSimulator!;
    expect((await first.connection!.references.list('Account')).length).toBeGreaterThan(10);
    await first.close();

    const file = readFileSync(join(dir.path, 'practice', PRACTICE_COMPANY_FILE), 'utf8');
    const stored = [...secrets.entries.values()];
    expect(stored.length).toBeGreaterThan(0);
    expect(file).not.toContain(clientSecret);
    for (const value of stored) {
      // The client id names the app, it is not a secret; everything else long enough to be a credential is.
      for (const piece of (value.match(/[A-Za-z0-9._-]{24,}/g) ?? []).filter((p) => p !== clientId))
        expect(file, 'a stored credential is in the company file').not.toContain(piece);
    }

    const second = await openEnvironmentSession(options);
    try {
      const status = await second.refreshConnectionStatus();
      expect(status).toMatchObject({ state: 'connected', realmId: realm });
      expect((await second.connection!.client.preferences()) as unknown).toBeTruthy();
    } finally {
      await second.close();
    }
  }, 60_000);
});
