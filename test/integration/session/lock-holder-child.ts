/** Plays the desktop app holding an environment: takes its lock, answers hand-off requests, runs until killed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdEnvLock } from '../../../main/core/env-lock';

const [dataDir] = process.argv.slice(2) as [string];
const held = holdEnvLock(
  dataDir,
  'practice',
  'app',
  async () => {
    writeFileSync(join(dataDir, 'synced-by-holder'), String(process.pid));
    return { ok: true, message: 'sent by the holder', posted: 3, failed: 0 };
  },
  100,
);
const wait = setInterval(() => {
  if (!held.held) return;
  clearInterval(wait);
  process.stdout.write('held\n');
}, 20);
setInterval(() => {}, 60_000);
