/**
 * The cutover checklist's mapping check reads the POR accounts the ledger has seen (the table the mapping
 * screen reads), not every document of the ledger: a year of a chain's documents held in memory at once
 * would take the core worker past its heap bound.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeStatus } from '../../../main/core/connection/connection-status';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { gatherCutoverFacts } from '../../../main/core/session/cutover-facts';
import { makeTempDir } from '../../helpers/temp-dir';
import { glJournal } from '../ledger/ledger-test-docs';

describe('cutover facts: the mapping check', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'production', { actor: 'test' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  const facts = () =>
    gatherCutoverFacts({
      dataDir: tmp.path,
      environment: 'production',
      ledger,
      connection: composeStatus('production', null, null),
      accounts: null,
      classes: null,
      syncServicesOn: false,
    });

  it('counts every POR account the documents use, per store, and names the unmapped ones', () => {
    ledger.documents.recordMany([
      glJournal(),
      glJournal({ id: 'PR260314-2-1', store: 2, lines: [{ account: '1020-02', className: 'Store 2', amount: 0, memo: null, name: null }] }),
    ]);
    ledger.mappings.set({ store: null, porAccount: '2200', qboAccountId: '33', source: 'manual' });
    expect(facts().mapping).toMatchObject({ checked: 4, unmapped: 3, accountsKnown: false });

    for (const account of ['1020-01', '4000-01', '1020-02']) ledger.mappings.set({ store: null, porAccount: account, qboAccountId: '7', source: 'manual' });
    expect(facts().mapping).toMatchObject({ checked: 4, unmapped: 0 });
  });

  it('an account only a replaced revision used still counts (as on the mapping screen)', () => {
    ledger.documents.record(glJournal());
    ledger.documents.record(
      glJournal({
        revision: 2,
        lines: [
          { account: '1020-01', className: 'Store 1:Burbank', amount: 100, memo: null, name: null },
          { account: '4000-01', className: 'Store 1:Burbank', amount: -100, memo: null, name: null },
        ],
      }),
    );
    expect(facts().mapping).toMatchObject({ checked: 3, unmapped: 3 });
  });

  it('never reads the documents themselves', () => {
    ledger.documents.recordMany(Array.from({ length: 3000 }, (_, i) => glJournal({ id: `PR260314-1-${i}`, amount: 1000 + i })));
    // Break every stored payload behind the ledger's back: a checklist that parsed the documents would throw.
    const db = new Database(ledger.path);
    db.prepare("UPDATE documents SET payload = 'not json'").run();
    db.close();
    expect(facts().mapping).toMatchObject({ checked: 3, unmapped: 3 });
  });
});
