/**
 * The go-live checklist's mapping facts come from the accounts the ledger keeps at import (what the mapping
 * screen lists), not from loading every active document: a year of a chain is a million of them.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { composeStatus } from '../../../main/core/connection/connection-status';
import { gatherCutoverFacts } from '../../../main/core/session/cutover-facts';
import { tempLedgers } from '../../helpers/temp-ledger';
import { glJournal, invoice } from '../ledger/ledger-test-docs';

const openTemp = tempLedgers('porqbo-cutover-facts-');

function facts(ledger: ReturnType<typeof openTemp>) {
  return gatherCutoverFacts({
    dataDir: ledger.path.replace(/\/sandbox\/ledger\.sqlite$/, ''),
    environment: 'sandbox',
    ledger,
    connection: composeStatus('sandbox', null, null),
    accounts: null,
    classes: null,
    syncServicesOn: false,
  });
}

describe('cutover facts: mapping', () => {
  it('checks every (store, POR account) the documents used, and counts the unmapped ones', () => {
    const ledger = openTemp();
    ledger.documents.recordMany([glJournal(), invoice()]);
    // Journal: store 1 uses 1020-01, 4000-01, 2200. Invoice: store 2 uses 4000-02, 2200, 1010-02, 1200.
    expect(facts(ledger).mapping).toMatchObject({ checked: 7, unmapped: 7 });
    ledger.mappings.set({ store: null, porAccount: '2200', qboAccountId: '33', qboAccountName: 'Sales tax payable', source: 'manual' });
    expect(facts(ledger).mapping).toMatchObject({ checked: 7, unmapped: 5 });
  });

  it('answers for a big ledger without reading its documents', () => {
    const ledger = openTemp();
    const journals = Array.from({ length: 3000 }, (_, i) => glJournal({ id: `PR260314-1-${i}`, amount: 1000 + i }));
    ledger.documents.recordMany(journals);
    // Break every stored payload behind the ledger's back: a checklist that parsed the documents would throw.
    const db = new Database(ledger.path);
    db.prepare("UPDATE documents SET payload = 'not json'").run();
    db.close();
    expect(facts(ledger).mapping).toMatchObject({ checked: 3, unmapped: 3 });
  });
});
