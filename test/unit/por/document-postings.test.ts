import { describe, expect, it } from 'vitest';
import { UNNAMED_RECEIVABLE, documentPostings } from '../../../main/core/por/document-postings';
import type { PorDeposit, PorPayment } from '../../../main/core/por/model';
import { glJournal, invoice } from '../../integration/ledger/ledger-test-docs';

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

describe('documentPostings', () => {
  it('GL journals post their lines as they are', () => {
    expect(documentPostings(glJournal())).toEqual([
      { account: '1020-01', amount: 108_000 },
      { account: '4000-01', amount: -100_000 },
      { account: '2200', amount: -8_000 },
    ]);
  });

  it('an invoice credits revenue and tax, debits what was paid at close and the rest to A/R', () => {
    const p = documentPostings(invoice());
    expect(p).toEqual([
      { account: '4000-02', amount: -25_000 },
      { account: '2200', amount: -2_375 },
      { account: '1010-02', amount: 10_000 },
      { account: '1200', amount: 17_375 },
    ]);
    expect(sum(p)).toBe(0);
    const paidInFull = documentPostings(invoice({ paidAtClose: [{ method: 'creditCard', amount: 27_375, account: '1030' }] }));
    expect(paidInFull.map((x) => x.account)).not.toContain('1200');
  });

  it('payments and deposits balance; the receivable a payment settles is marked, not guessed', () => {
    const payment: PorPayment = {
      type: 'payment',
      id: 'P1',
      store: 1,
      businessDate: '2026-03-14',
      revision: 1,
      source: { kind: 'feed', file: null, line: null },
      paymentId: 'P1',
      customerNumber: 'CU1',
      method: 'check',
      amount: 5_000,
      appliedTo: [],
      account: '1010-01',
      paymentSource: 'counter',
    };
    expect(documentPostings(payment)).toEqual([
      { account: '1010-01', amount: 5_000 },
      { account: UNNAMED_RECEIVABLE, amount: -5_000 },
    ]);
    const deposit: PorDeposit = {
      type: 'deposit',
      id: 'D1',
      store: 1,
      businessDate: '2026-03-14',
      revision: 1,
      source: { kind: 'feed', file: null, line: null },
      depositId: 'D1',
      kind: 'bank',
      bankAccount: '1020-01',
      lines: [
        { method: 'cash', amount: 3_000, account: '1010-01' },
        { method: 'check', amount: 2_000, account: '1011-01' },
      ],
    };
    expect(documentPostings(deposit)).toEqual([
      { account: '1020-01', amount: 5_000 },
      { account: '1010-01', amount: -3_000 },
      { account: '1011-01', amount: -2_000 },
    ]);
  });
});
