/**
 * Child process for crash-recovery.test.ts: claims jobs, then dies (SIGKILL from the parent) in the middle of
 * a write transaction. Usage: node --import tsx crash-child.ts <dataDir>
 */
import { writeSync } from 'node:fs';
import { openLedger } from '../../../main/core/ledger';
import { glJournal } from './ledger-test-docs';

const dataDir = process.argv[2]!;
const ledger = openLedger(dataDir, 'production', { actor: 'crash-child' });
for (let i = 0; i < 3; i++) {
  ledger.outbox.enqueue({ idempotencyKey: `je:${i}`, kind: 'journalEntry', payload: { n: i }, store: 1, businessDate: '2026-03-14' });
}
const claimed = ledger.outbox.claim({ limit: 2, leaseMs: 3_600_000 });
writeSync(1, `CLAIMED ${JSON.stringify(claimed.map((j) => ({ id: j.id, requestId: j.requestId })))}\n`);

ledger.transaction(() => {
  for (let i = 0; i < 500; i++) ledger.documents.record(glJournal({ id: `half-${i}` }));
  ledger.outbox.complete(claimed[0]!.id, { qboId: 'never' });
  writeSync(1, 'IN_TRANSACTION\n');
  // Wait here for the kill, inside the open transaction.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
});
writeSync(1, 'NOT_KILLED\n');
