import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import type { MappingSuggestion } from '../../../main/core/por/accounts';
import { makeTempDir } from '../../helpers/temp-dir';

describe('quarantine, mappings, stores, settings and the QBO reference cache', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'practice');
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('quarantines rejected input with file, line, field, reason and (bounded) raw text', () => {
    const id = ledger.quarantine.add(
      { file: 'feed.jsonl', line: 7, field: 'lines[0].amount', message: '"1,234.00" is not an amount' },
      '{"type":"invoice"…}',
      'abc',
    );
    ledger.quarantine.add({ file: 'junk.bin', line: null, field: null, message: 'binary' }, 'x'.repeat(10_000));
    const page = ledger.quarantine.list();
    expect(page.total).toBe(2);
    expect(page.rows[1]).toMatchObject({
      id,
      file: 'feed.jsonl',
      line: 7,
      field: 'lines[0].amount',
      reason: '"1,234.00" is not an amount',
      fileSha256: 'abc',
      resolvedAt: null,
    });
    expect(page.rows[0]!.raw!.length).toBeLessThanOrEqual(4001);
    expect(ledger.quarantine.resolve(id)).toBe(true);
    expect(ledger.quarantine.resolve(id)).toBe(false);
    expect(ledger.quarantine.list({ open: true }).total).toBe(1);
    expect(ledger.quarantine.list({ file: 'feed.jsonl' }).rows[0]!.resolvedAt).not.toBeNull();
  });

  it('maps POR accounts per store with an all-stores default, keeps manual over auto, and validates against QBO', () => {
    ledger.mappings.set({ porAccount: '2200', qboAccountId: '33', qboAccountName: 'Sales Tax Payable', source: 'manual' });
    ledger.mappings.set({ store: 1, porAccount: '2200', qboAccountId: '34', source: 'manual' });
    expect(ledger.mappings.resolve(1, '2200')?.qboAccountId).toBe('34');
    expect(ledger.mappings.resolve(2, '2200')?.qboAccountId).toBe('33');
    expect(ledger.mappings.resolve(null, '2200')).toMatchObject({ store: null, qboAccountId: '33' });

    const suggestion = (porAccount: string, qboAccountId: string | null, qboAccountName: string | null): MappingSuggestion => ({
      store: 1,
      porAccount,
      porName: null,
      qboAccountId,
      qboAccountName,
      matchedBy: qboAccountId ? 'number' : null,
      candidates: [],
      inactiveMatches: [],
      note: '',
    });
    const { saved, keptManual, unresolved } = ledger.mappings.applyAuto([
      suggestion('2200', '99', 'Other'),
      suggestion('4000-01', '80', 'Rental Income'),
      suggestion('1020-01', '81', 'Checking'),
      suggestion('6000-01', null, null),
    ]);
    expect(saved.map((m) => m.porAccount)).toEqual(['4000-01', '1020-01']);
    expect(keptManual.map((m) => m.qboAccountId)).toEqual(['34']);
    expect(unresolved.map((s) => s.porAccount)).toEqual(['6000-01']);
    expect(ledger.mappings.list(1).map((m) => [m.porAccount, m.qboAccountId, m.source])).toEqual([
      ['1020-01', '81', 'auto'],
      ['2200', '34', 'manual'],
      ['4000-01', '80', 'auto'],
    ]);
    expect(ledger.mappings.entries()[0]).toEqual({ store: null, porAccount: '2200', qboAccountId: '33' });

    const needed = ['2200', '4000-01', '1020-01', '5000-01', '5000-01'].map((account) => ({ store: 1, account }));
    const notCached = ledger.mappings.validate(needed, null);
    expect(notCached.accountsCached).toBe(false);
    expect(notCached.ok).toBe(false);
    expect(notCached.issues.map((i) => [i.kind, i.porAccount])).toEqual([['unmapped', '5000-01']]);

    ledger.reference.replace(
      'Account',
      [{ Id: '34', Name: 'Sales Tax Payable', Active: true }, { Id: '80', Name: 'Rental Income', Active: false }, { Name: 'not saved yet' }],
      { realmId: '9130' },
    );
    const check = ledger.mappings.validate(needed, ledger.reference.list('Account'));
    expect(check.issues.map((i) => [i.kind, i.porAccount, i.qboAccountId])).toEqual([
      ['missing', '1020-01', '81'],
      ['inactive', '4000-01', '80'],
      ['unmapped', '5000-01', null],
    ]);
    expect(check.ok).toBe(false);

    expect(ledger.mappings.remove(1, '2200')).toBe(true);
    expect(ledger.mappings.resolve(1, '2200')?.qboAccountId).toBe('33');
    expect(ledger.history.query({ subjectKind: 'mapping' }).total).toBe(5); // 2 manual, 2 auto, 1 removal
  });

  it('keeps the reference snapshot with its time and realm; active-only lists skip inactive accounts', () => {
    expect(ledger.reference.snapshot('Account')).toBeNull();
    ledger.reference.replace(
      'Account',
      [
        { Id: '1', Name: 'Checking', AcctNum: '1020', Active: true },
        { Id: '2', Name: 'Old', Active: false },
      ],
      { realmId: '9130' },
    );
    expect(ledger.reference.snapshot('Account')).toMatchObject({ entity: 'Account', realmId: '9130', count: 2 });
    expect(ledger.reference.list('Account', { activeOnly: true }).map((a) => a.Name)).toEqual(['Checking']);
    expect(ledger.reference.get('Account', '1')?.AcctNum).toBe('1020');
    ledger.reference.replace('Account', [{ Id: '3', Name: 'New' }]);
    expect(ledger.reference.list('Account').map((a) => a.Id)).toEqual(['3']);
  });

  it('stores per-store settings (class Parent:Sub, export format, class code) and per-environment settings', () => {
    expect(ledger.stores.upsert({ store: 1, className: 'Store 1:Burbank', classCode: 'BUR' })).toMatchObject({
      store: 1,
      className: 'Store 1:Burbank',
      classCode: 'BUR',
      exportFormat: 'API-QBO',
    });
    expect(ledger.stores.upsert({ store: 1, exportFormat: 'off' })).toMatchObject({ className: 'Store 1:Burbank', exportFormat: 'off' });
    expect(() => ledger.stores.upsert({ store: 2, className: 'Burbank' })).toThrow(/Parent:Sub/);
    expect(() => ledger.stores.upsert({ store: 0 })).toThrow(/positive/);
    expect(ledger.stores.list().map((s) => s.store)).toEqual([1]);

    ledger.settings.set('exportMode', 'transaction');
    ledger.settings.set('transactionModeConfirmed', true);
    ledger.settings.set('custom.flag', { a: 1 });
    expect(ledger.settings.get('exportMode')).toBe('transaction');
    expect(ledger.settings.all()).toEqual({ 'custom.flag': { a: 1 }, exportMode: 'transaction', transactionModeConfirmed: true });
    expect(() => ledger.settings.set('exportMode', 'sometimes' as never)).toThrow(/batch, realtime, transaction/);
  });

  it('remembers imported files by content hash', () => {
    expect(ledger.files.find('f00')).toBeNull();
    ledger.files.record({ sha256: 'f00', path: '/in/PR260314', name: 'PR260314', size: 120, outcome: 'rejected', reason: 'empty' });
    ledger.files.record({ sha256: 'f00', path: '/in/PR260314', name: 'PR260314', size: 120, outcome: 'accepted', counts: { accepted: 2 } });
    expect(ledger.files.find('f00')).toMatchObject({ outcome: 'accepted', reason: null, counts: { accepted: 2 } });
    expect(ledger.files.list()).toHaveLength(1);
  });
});
