import { resolveDataDir } from '../data-dir';
import { credentialFilePath } from '../secrets/credential-store-choice';
import type { ParsedArgs } from './cli-args';
import { cliBasics } from './cli-session';
import type { SPECS } from './command-table';

export async function run({ values }: ParsedArgs<typeof SPECS.info>): Promise<number> {
  const dataDir = resolveDataDir();
  const { settings, credentialStore } = cliBasics(dataDir);
  const credentials = credentialStore.kind === 'file' ? `file ${credentialFilePath(dataDir)}` : 'system keychain';
  const info = { dataDir, environment: settings.get('environment'), credentialStore: credentialStore.kind };
  process.stdout.write(
    values.json ? `${JSON.stringify(info)}\n` : `Data folder: ${info.dataDir}\nEnvironment: ${info.environment}\nCredentials: ${credentials}\n`,
  );
  return 0;
}
