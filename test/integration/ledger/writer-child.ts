/**
 * Child process for single-writer.test.ts: holds the ledger's write lock (an open IMMEDIATE transaction)
 * until the parent writes a line on stdin, then commits. Usage: node --import tsx writer-child.ts <dataDir>
 */
import { readSync, writeSync } from 'node:fs';
import { openLedger } from '../../../main/core/ledger';

const ledger = openLedger(process.argv[2]!, 'sandbox', { actor: 'child' });
ledger.transaction(() => {
  ledger.outbox.enqueue({ idempotencyKey: 'from-child', kind: 'journalEntry', payload: {} });
  writeSync(1, 'LOCKED\n');
  const buf = Buffer.alloc(16);
  readSync(0, buf, 0, 16, null); // blocks, inside the transaction, until the parent says go
});
ledger.close();
writeSync(1, 'COMMITTED\n');
