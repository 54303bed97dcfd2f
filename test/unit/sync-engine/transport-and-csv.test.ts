import { describe, expect, it } from 'vitest';
import { batchItemId, batchRequestId } from '../../../main/core/sync/engine/transport-journal';
import { csvField, reconcileCsv } from '../../../main/core/sync/reconcile/reconcile-csv';
import type { ReconcileReport } from '../../../main/core/sync/reconcile/reconcile';
import { qboString } from '../../../main/core/sync/engine/earlier-success';

describe('transport identities', () => {
  it('bIds are short, stable per row and generation', () => {
    expect(batchItemId({ id: 1, generation: 1 })).toBe('1');
    expect(batchItemId({ id: 123456789, generation: 1 })).toBe('21i3v9');
    expect(batchItemId({ id: 123456789, generation: 3 })).toBe('21i3v9g3');
    expect(batchItemId({ id: 2 ** 40, generation: 99 }).length).toBeLessThanOrEqual(10);
  });

  it('batch requestids fit 36 characters, depend on the members only, not their order', () => {
    const a = batchRequestId([{ requestId: 'x' }, { requestId: 'y' }]);
    expect(a.length).toBeLessThanOrEqual(36);
    expect(a).toMatch(/^[A-Za-z0-9._~:-]+$/);
    expect(batchRequestId([{ requestId: 'y' }, { requestId: 'x' }])).toBe(a);
    expect(batchRequestId([{ requestId: 'x' }, { requestId: 'z' }])).not.toBe(a);
  });
});

describe('query strings', () => {
  it('escapes quotes and backslashes', () => {
    expect(qboString("O'Brien \\ Sons")).toBe("'O\\'Brien \\\\ Sons'");
  });
});

describe('reconciliation CSV', () => {
  it('quotes what needs it, neutralises formulas, CRLF lines, amounts as decimals', () => {
    const report = {
      rows: [
        {
          store: 1,
          date: '2026-03-14',
          account: 'acct:1',
          accountLabel: '4000-01 Rental, "long" term',
          porAccounts: ['4000-01'],
          porCents: -120050,
          qboCents: -120050,
          differenceCents: 0,
          match: true,
        },
        {
          store: null,
          date: '2026-03-14',
          account: 'acct:2',
          accountLabel: '=cmd()',
          porAccounts: [],
          porCents: 0,
          qboCents: 5,
          differenceCents: 5,
          match: false,
        },
      ],
    } as unknown as ReconcileReport;
    const csv = reconcileCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('1,2026-03-14,"4000-01 Rental, ""long"" term",4000-01,-1200.50,-1200.50,0.00,match,');
    expect(lines[2]).toBe(",2026-03-14,'=cmd(),,0.00,0.05,0.05,difference,");
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('-12.30')).toBe('-12.30');
    expect(csvField('-foo')).toBe("'-foo");
  });
});
