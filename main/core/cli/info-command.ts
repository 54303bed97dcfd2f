import { parseArgs } from 'node:util';
import { resolveDataDir } from '../data-dir';
import { openSettings } from '../settings/settings-store';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const dataDir = resolveDataDir();
  const settings = openSettings(dataDir);
  const info = { dataDir, environment: settings.get('environment') };
  process.stdout.write(values.json ? `${JSON.stringify(info)}\n` : `Data folder: ${info.dataDir}\nEnvironment: ${info.environment}\n`);
  return 0;
}
