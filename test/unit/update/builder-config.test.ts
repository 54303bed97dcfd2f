/** electron-builder.yml passes electron-builder's own schema and names the update feed and the signing settings. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// js-yaml comes with electron-updater (it parses latest.yml with it); no types are installed for it.
const { load } = require('js-yaml') as { load: (text: string) => unknown };
const config = load(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;

describe('electron-builder.yml', () => {
  it('is valid for the electron-builder we depend on', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, log: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger())).resolves.toBeUndefined();
    // The check can fail: an unknown key is refused.
    await expect(validateConfiguration({ ...structuredClone(config), win: { ...config.win, bogus: 1 } }, new DebugLogger())).rejects.toThrow(
      /Invalid configuration/,
    );
  });

  it('publishes to a generic feed and signs on both platforms', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
    expect(config.win).toMatchObject({
      verifyUpdateCodeSignature: true,
      signtoolOptions: { publisherName: expect.any(Array), signingHashAlgorithms: ['sha256'] },
    });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, target: expect.arrayContaining(['zip']) });
  });
});
