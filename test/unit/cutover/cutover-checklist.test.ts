import { describe, expect, it } from 'vitest';
import { CUTOVER_HOLD_PREFIX, evaluateCutover, type CutoverFacts } from '../../../main/core/cutover/cutover-checklist';

const ready: CutoverFacts = {
  connection: { state: 'connected', companyName: 'Real Rentals LLC', realmId: '999', message: 'Connected.' },
  realmProblem: null,
  sandboxRealmId: '111',
  storesApiQbo: 2,
  storesTotal: 2,
  mode: 'batch',
  transactionModeConfirmed: false,
  missingClasses: [],
  storesWithoutClass: [],
  mapping: { unmapped: 0, inactive: 0, missing: 0, accountsKnown: true, checked: 12, examples: [] },
  sandboxPosted: 40,
  syncServicesOn: true,
  confirmations: { porProductionSetup: true, porSandboxDeactivated: true },
  liveSince: null,
  company: {
    classTracking: 'perLine',
    customTxnNumbers: true,
    duplicateJournalWarning: true,
    multiCurrency: false,
    homeCurrency: 'USD',
    automatedSalesTax: false,
    plan: 'QuickBooks Online Plus',
  },
};

describe('evaluateCutover', () => {
  it('all set: ready to send, nothing held', () => {
    const c = evaluateCutover(ready);
    expect(c.readyToSend).toBe(true);
    expect(c.holdReason).toBeNull();
    expect(c.items.every((i) => i.state === 'ok' || i.state === 'confirmed')).toBe(true);
  });

  it.each<[string, Partial<CutoverFacts>, string]>([
    ['not connected', { connection: { state: 'not-connected', companyName: null, realmId: null, message: 'Not connected.' } }, 'credentials'],
    ['same realm as the sandbox', { realmProblem: 'Production is connected to company 111, the same company as the sandbox.' }, 'realm'],
    ['no store on API-QBO', { storesApiQbo: 0 }, 'exportFormat'],
    ['no mode', { mode: null }, 'mode'],
    ['transaction mode not confirmed', { mode: 'transaction', transactionModeConfirmed: false }, 'mode'],
    ['class tracking off while stores post with classes', { company: { ...ready.company!, classTracking: 'off' } }, 'classTracking'],
    [
      'unmapped account',
      { mapping: { unmapped: 1, inactive: 0, missing: 0, accountsKnown: true, checked: 12, examples: ['POR 1510 is not mapped'] } },
      'mapping',
    ],
  ])('%s holds production documents', (_name, patch, failing) => {
    const c = evaluateCutover({ ...ready, ...patch });
    expect(c.readyToSend).toBe(false);
    expect(c.holdReason?.startsWith(CUTOVER_HOLD_PREFIX)).toBe(true);
    expect(c.items.find((i) => i.id === failing)?.state).toBe('todo');
  });

  it('advisory items and person confirmations never hold documents', () => {
    const c = evaluateCutover({
      ...ready,
      sandboxPosted: 0,
      syncServicesOn: false,
      missingClasses: ['Store 2:Glendale'],
      confirmations: {},
    });
    expect(c.readyToSend).toBe(true);
    expect(c.items.find((i) => i.id === 'porSandboxDeactivated')).toMatchObject({ state: 'unconfirmed', automatic: false });
    expect(c.items.find((i) => i.id === 'classes')?.state).toBe('warning');
  });

  it('once live, production stays open even if a new account is unmapped (it fails on its own, visibly)', () => {
    const c = evaluateCutover({ ...ready, liveSince: '2026-03-01T00:00:00.000Z', mapping: { ...ready.mapping, unmapped: 1 } });
    expect(c.readyToSend).toBe(true);
    expect(c.items.find((i) => i.id === 'mapping')?.state).toBe('todo');
  });
});

describe('company preflight rows', () => {
  it('says what the app does with each setting it can live with', () => {
    const c = evaluateCutover({
      ...ready,
      mode: 'transaction',
      transactionModeConfirmed: true,
      company: {
        ...ready.company!,
        customTxnNumbers: false,
        multiCurrency: true,
        homeCurrency: 'CAD',
        automatedSalesTax: true,
        classTracking: 'perTransaction',
        duplicateJournalWarning: false,
      },
    });
    expect(c.readyToSend).toBe(true);
    const row = (id: string) => c.items.find((i) => i.id === id)!;
    expect(row('customNumbers').state).toBe('warning');
    expect(row('customNumbers').detail).toMatch(/numbers each transaction itself/);
    expect(row('multiCurrency').detail).toMatch(/home currency, CAD/);
    expect(row('salesTax').detail).toMatch(/states POR's tax \(0\.00 for exempt customers\)/);
    expect(row('classTracking').detail).toMatch(/One class per transaction/);
    expect(row('duplicateJournal').detail).toMatch(/never relies/);
  });

  it('unknown settings are a warning, never a hold', () => {
    const c = evaluateCutover({ ...ready, company: null });
    expect(c.readyToSend).toBe(true);
    expect(c.items.find((i) => i.id === 'classTracking')!.state).toBe('warning');
  });

  it('class tracking off holds with words naming the setting', () => {
    const c = evaluateCutover({ ...ready, company: { ...ready.company!, classTracking: 'off' } });
    expect(c.holdReason).toMatch(/quickbooks tracks classes/i);
    expect(c.items.find((i) => i.id === 'classTracking')!.detail).toMatch(/Track classes/);
  });
});
