import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialStoreChoiceError,
  chooseCredentialStore,
  describeCredentialStore,
  openSecretStore,
} from '../../../main/core/secrets/credential-store-choice';
import { FileSecretStore } from '../../../main/core/secrets/file-secret-store';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { SecretStoreUnavailableError } from '../../../main/core/secrets/secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function settingsInTemp() {
  const dir = makeTempDir('porqbo-choice-');
  dirs.push(dir);
  return { dir: dir.path, settings: openSettings(dir.path) };
}

describe('which credential store', () => {
  it('is the keychain unless someone opted in', () => {
    const { dir, settings } = settingsInTemp();
    const choice = chooseCredentialStore(settings, {});
    expect(choice).toEqual({ kind: 'keychain', source: 'default' });
    expect(openSecretStore(dir, choice)).toBeInstanceOf(KeytarSecretStore);
    expect(describeCredentialStore(dir, choice)).toBe('Credentials are in the system keychain.');
  });

  it('is the 0600 file when the settings remember it, or the env var says so; the env var wins both ways', () => {
    const { dir, settings } = settingsInTemp();
    settings.set('credentialStore', 'file');
    const remembered = chooseCredentialStore(settings, {});
    expect(remembered).toEqual({ kind: 'file', source: 'settings' });
    const store = openSecretStore(dir, remembered);
    expect(store).toBeInstanceOf(FileSecretStore);
    expect((store as FileSecretStore).path).toBe(join(dir, 'credentials.json'));
    expect(describeCredentialStore(dir, remembered)).toMatch(/credentials\.json, a file readable only by you .*--credential-store file.*not in a keychain/);

    expect(chooseCredentialStore(settings, { PORQBO_CREDENTIAL_STORE: 'keychain' })).toEqual({ kind: 'keychain', source: 'env' });
    settings.set('credentialStore', 'keychain');
    expect(chooseCredentialStore(settings, { PORQBO_CREDENTIAL_STORE: 'file' })).toEqual({ kind: 'file', source: 'env' });
    expect(() => chooseCredentialStore(settings, { PORQBO_CREDENTIAL_STORE: 'plaintext' })).toThrow(CredentialStoreChoiceError);
    expect(() => chooseCredentialStore(settings, { PORQBO_CREDENTIAL_STORE: 'plaintext' })).toThrow(/must be one of keychain, file; got "plaintext"/);
  });

  it('an unavailable keychain names the opt-in', () => {
    const err = new SecretStoreUnavailableError('Cannot autolaunch D-Bus without X11 $DISPLAY');
    expect(err.message).toContain('Cannot autolaunch D-Bus without X11');
    expect(err.message).toContain('por-qbo connect --credential-store file');
    expect(err.message).toContain('PORQBO_CREDENTIAL_STORE=file');
  });
});
