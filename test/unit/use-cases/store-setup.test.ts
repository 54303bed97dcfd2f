/** The store settings rule shared by the wizard (stores:update) and `por-qbo stores`, on a real ledger file. */
import { describe, expect, it } from 'vitest';
import { addStore, saveStoreSettings } from '../../../main/core/use-cases/store-setup';
import { generatePracticeStore } from '../../../main/core/por/practice';
import { tempLedgers } from '../../helpers/temp-ledger';

const ledger = tempLedgers('porqbo-stores-');

describe('store settings', () => {
  it('a store first seen starts off; what is not given keeps its value; empty text clears it', () => {
    const l = ledger();
    expect(saveStoreSettings(l, { store: 3, name: 'Pasadena' })).toMatchObject({ saved: { store: 3, name: 'Pasadena', exportFormat: 'off', className: null } });
    expect(saveStoreSettings(l, { store: 3, exportFormat: 'API-QBO', className: 'Store 3:Pasadena' })).toMatchObject({
      saved: { name: 'Pasadena', exportFormat: 'API-QBO', className: 'Store 3:Pasadena' },
    });
    expect(saveStoreSettings(l, { store: 3, name: '' })).toMatchObject({ saved: { name: null, exportFormat: 'API-QBO', className: 'Store 3:Pasadena' } });
  });

  it('a bad class or number is refused in words, and nothing is saved', () => {
    const l = ledger();
    expect(saveStoreSettings(l, { store: 1, className: 'Burbank' })).toEqual({
      refused: { code: 'invalid-store', message: 'class "Burbank" must look like Parent:Sub (e.g. "Store 1:Burbank")' },
    });
    expect(saveStoreSettings(l, { store: 0, exportFormat: 'API-QBO' })).toMatchObject({ refused: { code: 'invalid-store' } });
    expect(l.stores.list()).toEqual([]);
  });

  it('adding refuses a number that exists instead of overwriting it', () => {
    const l = ledger();
    expect(addStore(l, { store: 1, name: 'Burbank', exportFormat: 'API-QBO', className: 'Store 1:Burbank' })).toHaveProperty('saved');
    expect(addStore(l, { store: 1, name: 'Other', exportFormat: 'off' })).toEqual({
      refused: { code: 'store-exists', message: 'Store 1 (Burbank) exists already; change it with "set" instead of adding it again.' },
    });
    expect(l.stores.get(1)).toMatchObject({ name: 'Burbank', exportFormat: 'API-QBO' });
  });

  it('adding refuses a number POR already named, though nobody set it up yet', () => {
    const l = ledger();
    l.documents.recordMany(generatePracticeStore({ seed: 3, stores: 2, startDate: '2026-02-02', days: 2 }).documents);
    expect(l.stores.get(2)).toBeNull();
    expect(addStore(l, { store: 2, name: 'Glendale' })).toMatchObject({ refused: { code: 'store-exists' } });
    expect(addStore(l, { store: 7, name: 'New' })).toHaveProperty('saved');
  });
});
