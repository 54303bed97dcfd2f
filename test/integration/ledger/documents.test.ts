import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';
import { dayClosed, glJournal, invoice, withSource } from './ledger-test-docs';

describe('ledger documents: duplicates and revisions', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'practice', { actor: 'test' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('accepts a document once; the same content again (from another file) is a no-op', () => {
    expect(ledger.documents.record(glJournal())).toEqual({ outcome: 'accepted', key: 'glJournal:PR260314-1-1', revision: 1 });
    const again = ledger.documents.record(withSource(glJournal(), 'copy of PR260314', 40));
    expect(again).toEqual({ outcome: 'duplicate', key: 'glJournal:PR260314-1-1', revision: 1, status: 'active' });
    expect(ledger.documents.revisions('glJournal:PR260314-1-1')).toHaveLength(1);
    const stored = ledger.documents.get('glJournal:PR260314-1-1');
    expect(stored?.source).toEqual({ kind: 'iif', file: 'PR260314', line: 4 });
    expect(stored?.document).toEqual(glJournal());
  });

  it('a higher feed revision replaces the active one; older or equal revisions do not', () => {
    ledger.documents.record(invoice());
    const r2 = ledger.documents.record(invoice({ revision: 2, total: 30_000, taxes: [{ name: 'CA', rate: '0.095', amount: 5_000, account: '2200' }] }));
    expect(r2).toEqual({ outcome: 'revised', key: 'invoice:INV-1001', revision: 2, previousRevision: 1 });
    expect(ledger.documents.revisions('invoice:INV-1001').map((d) => [d.revision, d.status])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    // Revision 1 again: same content as a known revision -> duplicate; changed content but old number -> outdated.
    expect(ledger.documents.record(invoice()).outcome).toBe('duplicate');
    expect(ledger.documents.record(invoice({ revision: 1, contractNumber: 'C-78' }))).toMatchObject({ outcome: 'conflict' });
    ledger.documents.record(invoice({ revision: 4, total: 40_000 }));
    expect(ledger.documents.record(invoice({ revision: 3, total: 35_000 }))).toEqual({
      outcome: 'outdated',
      key: 'invoice:INV-1001',
      revision: 3,
      activeRevision: 4,
    });
    expect(ledger.documents.get('invoice:INV-1001')?.revision).toBe(4);
  });

  it('a regenerated GL block waits for a decision; replace makes it active, history tells the story', () => {
    ledger.documents.record(glJournal());
    const regenerated = withSource(glJournal({ amount: 120_000 }), 'PR260314 (regenerated)');
    expect(ledger.documents.record(regenerated)).toEqual({
      outcome: 'pendingDecision',
      key: 'glJournal:PR260314-1-1',
      revision: 2,
      activeRevision: 1,
    });
    // The active one stays in force until someone decides.
    expect(ledger.documents.get('glJournal:PR260314-1-1')?.revision).toBe(1);
    expect(ledger.documents.pendingDecisions().map((d) => d.key)).toEqual(['glJournal:PR260314-1-1']);
    expect(ledger.documents.pendingDecisions()[0]?.document.revision).toBe(2);

    const { active, replaced } = ledger.documents.decideRevision('glJournal:PR260314-1-1', 'replace', 'store admin');
    expect(active.revision).toBe(2);
    expect(replaced?.revision).toBe(1);
    expect(replaced?.status).toBe('superseded');
    expect(ledger.documents.pendingDecisions()).toEqual([]);
    expect(() => ledger.documents.decideRevision('glJournal:PR260314-1-1', 'keep')).toThrow(/No revision .* is waiting/);

    const history = ledger.history.query({ subjectKind: 'document', subjectKey: 'glJournal:PR260314-1-1' });
    expect(history.rows.map((h) => [h.action, h.from, h.to, h.actor]).reverse()).toEqual([
      ['received', null, 'active', 'test'],
      ['regenerated', null, 'pendingDecision', 'test'],
      ['replacedByDecision', 'active', 'superseded', 'store admin'],
      ['decidedReplace', 'pendingDecision', 'active', 'store admin'],
    ]);
  });

  it('keep leaves the posted revision; the kept-out content coming again is not asked about twice', () => {
    ledger.documents.record(glJournal());
    ledger.documents.record(glJournal({ amount: 120_000 }));
    const { active, replaced } = ledger.documents.decideRevision('glJournal:PR260314-1-1', 'keep');
    expect(active.revision).toBe(1);
    expect(replaced).toBeNull();
    expect(ledger.documents.record(glJournal({ amount: 120_000 }))).toMatchObject({ outcome: 'duplicate', status: 'ignored' });
    expect(ledger.documents.counts()).toEqual({ active: 1, superseded: 0, pendingDecision: 0, ignored: 1 });
  });

  it('a newer regeneration replaces an undecided older one', () => {
    ledger.documents.record(glJournal());
    ledger.documents.record(glJournal({ amount: 120_000 }));
    expect(ledger.documents.record(glJournal({ amount: 130_000 }))).toMatchObject({ outcome: 'pendingDecision', revision: 3 });
    expect(ledger.documents.revisions('glJournal:PR260314-1-1').map((d) => d.status)).toEqual(['active', 'ignored', 'pendingDecision']);
  });

  it('reconciliation sums the active revision only, per store, day and account', () => {
    ledger.documents.record(glJournal());
    ledger.documents.record(glJournal({ id: 'PR260314-3-1', store: 3, amount: 50_000 }));
    ledger.documents.record(invoice());
    ledger.documents.record(dayClosed(1, '2026-03-14'));
    const before = ledger.reconciliation.porTotals({ store: 1 });
    expect(before).toEqual([
      { store: 1, businessDate: '2026-03-14', account: '1020-01', amountCents: 108_000, documentCount: 1 },
      { store: 1, businessDate: '2026-03-14', account: '2200', amountCents: -8_000, documentCount: 1 },
      { store: 1, businessDate: '2026-03-14', account: '4000-01', amountCents: -100_000, documentCount: 1 },
    ]);
    ledger.documents.record(glJournal({ amount: 120_000 }));
    expect(ledger.reconciliation.porTotals({ store: 1 })).toEqual(before); // pending does not count
    ledger.documents.decideRevision('glJournal:PR260314-1-1', 'replace');
    expect(ledger.reconciliation.porTotals({ store: 1, account: '1020-01' })[0]?.amountCents).toBe(120_000);

    // The invoice: revenue and tax credited, cash and A/R debited; balanced.
    const store2 = ledger.reconciliation.porTotals({ store: 2 });
    expect(Object.fromEntries(store2.map((t) => [t.account, t.amountCents]))).toEqual({
      '1010-02': 10_000,
      '1200': 17_375,
      '2200': -2_375,
      '4000-02': -25_000,
    });
    expect(store2.reduce((s, t) => s + t.amountCents, 0)).toBe(0);
    expect(ledger.reconciliation.storeDays()).toEqual([
      { store: 1, businessDate: '2026-03-14', documents: 2, closed: true },
      { store: 2, businessDate: '2026-03-14', documents: 1, closed: false },
      { store: 3, businessDate: '2026-03-14', documents: 1, closed: false },
    ]);
    expect(ledger.reconciliation.porAccountsInUse({ store: 3 })).toEqual([
      { store: 3, account: '1020-01', required: false },
      { store: 3, account: '2200', required: false },
      { store: 3, account: '4000-01', required: false },
    ]);
  });

  it('accounts in use mark the deposit bank account required and leave out the unnamed receivable', () => {
    const src = { kind: 'feed' as const, file: 'f.jsonl', line: 1 };
    ledger.documents.record({
      type: 'deposit',
      id: 'D1',
      store: 4,
      businessDate: '2026-03-14',
      revision: 1,
      source: src,
      depositId: 'D1',
      kind: 'bank',
      bankAccount: '1020-04',
      lines: [{ method: 'cash', amount: 500, account: '1010-04' }],
    });
    ledger.documents.record({
      type: 'payment',
      id: 'P1',
      store: 4,
      businessDate: '2026-03-14',
      revision: 1,
      source: src,
      paymentId: 'P1',
      customerNumber: 'CU1',
      method: 'check',
      amount: 700,
      appliedTo: [],
      account: '1010-04',
      paymentSource: 'counter',
    });
    expect(ledger.reconciliation.porAccountsInUse({ store: 4 })).toEqual([
      { store: 4, account: '1010-04', required: false },
      { store: 4, account: '1020-04', required: true },
    ]);
    expect(ledger.reconciliation.porAccountsInUse({ store: 4, dateFrom: '2026-03-14' })).toEqual(ledger.reconciliation.porAccountsInUse({ store: 4 }));
    expect(ledger.reconciliation.porAccountsInUse({ types: ['payment'] })).toEqual([{ store: 4, account: '1010-04', required: false }]);
  });

  it('accounts seen survive a rolled-back import: nothing is remembered from it, nothing is forgotten after it', () => {
    expect(() =>
      ledger.transaction(() => {
        ledger.documents.recordMany([glJournal({ id: 'rolled-back', store: 5 })]);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(ledger.reconciliation.porAccountsSeen(5)).toEqual([]);
    expect(ledger.documents.revisions('glJournal:rolled-back')).toEqual([]);
    ledger.documents.recordMany([glJournal({ id: 'second-try', store: 5 })]);
    expect(ledger.reconciliation.porAccountsSeen(5).map((a) => a.account)).toEqual(['1020-01', '2200', '4000-01']);
  });

  it('lists documents newest first with totals, by filter and cursor', () => {
    for (let i = 0; i < 25; i++) ledger.documents.record(glJournal({ id: `PR260314-1-${i}`, amount: 10_000 + i }));
    ledger.documents.record(invoice());
    const page1 = ledger.documents.list({ type: 'glJournal' }, { limit: 10 });
    expect(page1.total).toBe(25);
    expect(page1.rows.map((d) => d.id)[0]).toBe('PR260314-1-24');
    const page2 = ledger.documents.list({ type: 'glJournal' }, { limit: 10, before: page1.nextBefore! });
    expect(page2.rows[0]?.id).toBe('PR260314-1-14');
    expect(ledger.documents.list({ store: 2 }).rows.map((d) => d.key)).toEqual(['invoice:INV-1001']);
  });
});
