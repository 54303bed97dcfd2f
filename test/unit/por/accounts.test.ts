import { describe, expect, it } from 'vitest';
import { automap, expandAccountTags, porAccountsUsed, validateMapping } from '../../../main/core/por/accounts';
import type { Account } from '../../../main/core/qbo/entities';

const store1 = { number: 1, classCode: 'BUR' };

describe('POR account tags', () => {
  it('expands # and ## to the zero-padded store number, a dot before them becoming a dash (POR: 1020.## -> 1020-01)', () => {
    expect(expandAccountTags('1020.##', store1)).toBe('1020-01');
    expect(expandAccountTags('1020-##', store1)).toBe('1020-01');
    expect(expandAccountTags('1020#', store1)).toBe('10201');
    expect(expandAccountTags('4000.###', { number: 7, classCode: '' })).toBe('4000-007');
    expect(expandAccountTags('4000.##', { number: 123, classCode: '' })).toBe('4000-123');
    expect(expandAccountTags('1020.5', store1)).toBe('1020.5');
  });

  it('expands {Store} and {Class}, case-insensitive, in one pass', () => {
    expect(expandAccountTags('1020-{Store}', { number: 12, classCode: 'X' })).toBe('1020-12');
    expect(expandAccountTags('Bank {class} {STORE}', store1)).toBe('Bank BUR 1');
    expect(expandAccountTags('{Class}', { number: 2, classCode: 'Store ##:{Store}' })).toBe('Store ##:{Store}');
  });
});

const acct = (Id: string, Name: string, AcctNum?: string, Active = true, FullyQualifiedName?: string): Account => ({
  Id,
  Name,
  AcctNum,
  Active,
  FullyQualifiedName,
});

describe('automap', () => {
  const qbo = [
    acct('1', 'Checking Burbank', '1020-01'),
    acct('2', 'Sales Tax Payable', '2200'),
    acct('3', 'Rental Income', undefined, true, 'Income:Rental Income'),
    acct('4', 'Old Damage Waiver', '4200', false),
    acct('5', 'Damage Waiver', undefined, false),
    acct('6', 'Delivery A', '4300'),
    acct('7', 'Delivery B', '4300'),
    acct('8', 'Fees', undefined),
    acct('9', 'fees'),
  ];

  it('matches by number first, then by name (case and spaces ignored), never choosing an inactive account', () => {
    const s = automap(
      [
        { store: 1, account: '1020-01', name: 'Bank Deposits' },
        { store: null, account: '2200' },
        { store: 1, account: '4000-01', name: 'RENTAL  income' },
        { store: null, account: '4200', name: 'Damage Waiver' },
        { store: null, account: '4300', name: 'Delivery' },
        { store: null, account: '4400', name: 'Fees' },
        { store: null, account: '9999', name: 'Nothing' },
        { store: 1, account: '1020-01', name: 'Bank Deposits' },
      ],
      qbo,
    );
    expect(s.map((x) => [x.porAccount, x.qboAccountId, x.matchedBy])).toEqual([
      ['1020-01', '1', 'number'],
      ['2200', '2', 'number'],
      ['4000-01', '3', 'name'],
      ['4200', null, null],
      ['4300', null, null],
      ['4400', null, null],
      ['9999', null, null],
    ]);
    expect(s[2]!.qboAccountName).toBe('Income:Rental Income');
    expect(s[3]!.inactiveMatches).toEqual([
      { id: '4', name: 'Old Damage Waiver' },
      { id: '5', name: 'Damage Waiver' },
    ]);
    expect(s[3]!.note).toBe(
      'no active QuickBooks account has number 4200 or name "Damage Waiver"; inactive matches not used: "Old Damage Waiver", "Damage Waiver"',
    );
    expect(s[4]!.candidates.map((c) => c.id)).toEqual(['6', '7']);
    expect(s[4]!.note).toBe('2 active QuickBooks accounts match ("Delivery A", "Delivery B"); choose one');
    expect(s[5]!.candidates.map((c) => c.id)).toEqual(['8', '9']);
    expect(s[0]!.note).toBe('matched by account number 1020-01');
  });

  it('settles a duplicated number by name', () => {
    const s = automap([{ store: null, account: '4300', name: 'delivery b' }], qbo);
    expect(s[0]).toMatchObject({ qboAccountId: '7', matchedBy: 'number' });
  });
});

describe('validateMapping', () => {
  const qbo = [acct('1', 'Checking', '1020-01'), acct('2', 'Old Tax', '2200', false), acct('3', 'Rental Income')];
  it('lists unmapped, inactive and vanished accounts, required ones (Bank Deposits) first, in plain words', () => {
    const issues = validateMapping({
      porAccounts: [
        { store: 1, account: '4000-01', name: 'Rental Revenue' },
        { store: 1, account: '2200' },
        { store: 2, account: '1020-02', name: 'Bank Deposits - Store 2' },
        { store: 1, account: '1020-01' },
        { store: 1, account: '4100' },
        { store: 1, account: '5000' },
      ],
      mapping: [
        { store: null, porAccount: '2200', qboAccountId: '2' },
        { store: 1, porAccount: '1020-01', qboAccountId: '1' },
        { store: null, porAccount: '4000-01', qboAccountId: '3' },
        { store: 1, porAccount: '4100', qboAccountId: '77' },
      ],
      qboAccounts: qbo,
    });
    expect(issues.map((i) => [i.kind, i.store, i.porAccount, i.required, i.message])).toEqual([
      ['unmapped', 2, '1020-02', true, 'Store 2: POR account 1020-02 (Bank Deposits - Store 2, required) is not mapped to a QuickBooks account.'],
      [
        'inactive',
        1,
        '2200',
        false,
        'Store 1: POR account 2200 is mapped to QuickBooks account "Old Tax", which is inactive. Reactivate it in QuickBooks or map another account.',
      ],
      ['missing', 1, '4100', false, 'Store 1: POR account 4100 is mapped to a QuickBooks account that no longer exists (Id 77). Map it again.'],
      ['unmapped', 1, '5000', false, 'Store 1: POR account 5000 is not mapped to a QuickBooks account.'],
    ]);
  });

  it('collects the accounts documents use, marking the deposit bank account required', () => {
    const used = porAccountsUsed([
      {
        type: 'deposit',
        id: 'd',
        store: 1,
        businessDate: '2026-03-14',
        revision: 1,
        source: { kind: 'feed', file: null, line: null },
        depositId: 'D',
        kind: 'bank',
        bankAccount: '1020-01',
        lines: [{ method: 'cash', amount: 1, account: '1000' }],
      },
      {
        type: 'payment',
        id: 'p',
        store: 1,
        businessDate: '2026-03-14',
        revision: 1,
        source: { kind: 'feed', file: null, line: null },
        paymentId: 'P',
        customerNumber: 'C',
        method: 'cash',
        amount: 1,
        appliedTo: [],
        account: '1000',
        paymentSource: 'counter',
      },
    ]);
    expect(used).toEqual([
      { store: 1, account: '1020-01', required: true },
      { store: 1, account: '1000', required: false },
    ]);
  });
});
