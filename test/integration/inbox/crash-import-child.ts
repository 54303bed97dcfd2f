/** Imports one file and dies in the middle of reading it (SIGKILL, as an out-of-memory kill would). */
import { importFiles } from '../../../main/core/inbox';
import { openLedger } from '../../../main/core/ledger';
import type { ReadResult } from '../../../main/core/por/read-result';

const [dataDir, path] = process.argv.slice(2) as [string, string];
const ledger = openLedger(dataDir, 'practice', { actor: 'crash-child' });
const die = async (): Promise<ReadResult> => {
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => {});
};
await importFiles(ledger, [path], { readers: { iif: die, feed: die } });
