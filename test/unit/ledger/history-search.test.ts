import { describe, expect, it } from 'vitest';
import { historySearchSql, parseHistorySearch } from '../../../main/core/ledger/history-search';

const stores = [
  { store: 1, name: 'Burbank' },
  { store: 2, name: 'Glendale' },
  { store: 3, name: null },
];

describe('history search as people type it', () => {
  it('finds a store by its name or "store N"', () => {
    expect(parseHistorySearch('burb', stores).stores).toEqual([1]);
    expect(parseHistorySearch('Store 3', stores).stores).toEqual([3]);
    expect(parseHistorySearch('zz', stores).stores).toEqual([]);
  });

  it('reads days as written: "Nov 30", "November 30, 2026", "11/30", ISO', () => {
    expect(parseHistorySearch('Nov 30', stores).day).toBe('11-30');
    expect(parseHistorySearch('November 30, 2026', stores).day).toBe('2026-11-30');
    expect(parseHistorySearch('11/30', stores).day).toBe('11-30');
    expect(parseHistorySearch('2026-11-30', stores).day).toBe('2026-11-30');
    expect(parseHistorySearch('Foo 30', stores).day).toBeNull();
  });

  it('reads amounts with cents or a dollar sign, never a bare document number', () => {
    expect(parseHistorySearch('$4,339.81', stores).amountCents).toBe(433_981);
    expect(parseHistorySearch('4339.81', stores).amountCents).toBe(433_981);
    expect(parseHistorySearch('$12', stores).amountCents).toBe(1200);
    expect(parseHistorySearch('100028', stores).amountCents).toBeNull();
  });

  it('yields one OR fragment with its parameters', () => {
    expect(historySearchSql({ stores: [1], day: '11-30', amountCents: null })).toEqual({
      sql: 'store IN (?) OR substr(business_date, 6, 5) = ?',
      params: [1, '11-30'],
    });
    expect(historySearchSql({ stores: [], day: null, amountCents: null })).toBeNull();
  });
});
