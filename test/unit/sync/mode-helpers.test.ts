import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitDocNumber, MAX_DOC_NUMBER } from '../../../main/core/sync/modes/doc-number';
import { netPostings } from '../../../main/core/sync/modes/netting';
import { qtyAndPrice } from '../../../main/core/sync/modes/quantity-price';
import { customerDisplayNames, itemName, qboName } from '../../../main/core/sync/modes/references';
import { routeParts } from '../../../main/core/sync/modes/routing';
import { deposit, invoice, payment } from './fixtures';

describe('qtyAndPrice', () => {
  it('keeps POR quantity and price when their product is the amount exactly, else Qty 1 at the amount', () => {
    expect(qtyAndPrice('2', 4500, 9000)).toEqual({ qty: '2', unitPrice: 4500, exact: true });
    expect(qtyAndPrice('1.50', 3000, 4500)).toEqual({ qty: '1.5', unitPrice: 3000, exact: true });
    expect(qtyAndPrice('0.25', 333, 83)).toEqual({ qty: '1', unitPrice: 83, exact: false });
    expect(qtyAndPrice('1.5', 3333, 5000)).toEqual({ qty: '1', unitPrice: 5000, exact: false });
    expect(qtyAndPrice('-1', -2500, 2500)).toEqual({ qty: '1', unitPrice: 2500, exact: true });
    expect(qtyAndPrice('-2', 1000, -2000)).toEqual({ qty: '-2', unitPrice: 1000, exact: true });
    expect(qtyAndPrice('0', 1000, 1000)).toEqual({ qty: '1', unitPrice: 1000, exact: false });
    expect(qtyAndPrice('two', 1000, 2000)).toEqual({ qty: '1', unitPrice: 2000, exact: false });
  });

  it('always returns Qty x UnitPrice == amount', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,3}(\.\d{1,4})?$/),
        fc.integer({ min: -(10 ** 7), max: 10 ** 7 }),
        fc.integer({ min: -(10 ** 7), max: 10 ** 7 }),
        (q, price, amount) => {
          const r = qtyAndPrice(q, price, amount);
          const [w, f = ''] = r.qty.split('.');
          expect(BigInt(`${w}${f}`) * BigInt(r.unitPrice)).toBe(BigInt(amount) * 10n ** BigInt(f.length));
        },
      ),
    );
  });
});

describe('fitDocNumber', () => {
  it('keeps numbers that fit and shortens longer ones uniquely to 21 characters, saying so', () => {
    expect(fitDocNumber('100001')).toEqual({ docNumber: '100001', note: null });
    const a = fitDocNumber('INV-2026-STORE01-000000123', 'Invoice number');
    expect(a.docNumber).toHaveLength(MAX_DOC_NUMBER);
    expect(a.docNumber).toMatch(/^INV-2026-STORE01~[0-9a-z]{4}$/);
    expect(a.note).toContain('"INV-2026-STORE01-000000123"');
    expect(fitDocNumber('INV-2026-STORE01-000000124').docNumber).not.toBe(a.docNumber);
    expect(fitDocNumber('INV-2026-STORE01-000000123').docNumber).toBe(a.docNumber);
  });
});

describe('netPostings', () => {
  it('nets per account and customer, drops zeros, and orders lines the same whatever the input order', () => {
    const c = { number: 'C1', name: 'A', email: null };
    const postings = [
      { account: '4000', amount: -100, customer: null, memo: 'x' },
      { account: '1200', amount: 100, customer: c, memo: 'y' },
      { account: '1200', amount: 50, customer: { ...c, number: 'C2' }, memo: 'y' },
      { account: '4000', amount: -50, customer: null, memo: 'z' },
      { account: '1300', amount: 10, customer: null, memo: 'q' },
      { account: '1300', amount: -10, customer: null, memo: 'q' },
    ];
    const out = netPostings(postings, (n) => `${n} netted`);
    expect(out.map((l) => [l.account, l.customer?.number ?? null, l.amount, l.description])).toEqual([
      ['1200', 'C1', 100, 'y'],
      ['1200', 'C2', 50, 'y'],
      ['4000', null, -150, '2 netted'],
    ]);
    expect(netPostings([...postings].reverse(), (n) => `${n} netted`)).toEqual(out);
  });
});

describe('routing', () => {
  it('sends each part by exactly one rule per mode', () => {
    const paid = invoice({ paidAtClose: [{ method: 'cash', amount: 100, account: '1000' }] });
    expect(routeParts(paid, 'batch').map((r) => [r.partKey, r.path])).toEqual([
      ['invoice:I-1', 'batch'],
      ['invoice:I-1#paid', 'batch'],
    ]);
    expect(routeParts(paid, 'realtime').map((r) => r.path)).toEqual(['realtime', 'realtime']);
    // Transaction mode: paid at close is a Payment applied to the invoice (POR's own integration), not batch.
    expect(routeParts(paid, 'transaction').map((r) => r.path)).toEqual(['transaction', 'transaction']);
    expect(routeParts(invoice(), 'transaction').map((r) => [r.partKey, r.path])).toEqual([['invoice:I-1', 'transaction']]);
    expect(routeParts(deposit({ kind: 'creditCard' }), 'realtime')[0]!.path).toBe('realtime');
    expect(routeParts(deposit({ kind: 'creditCard' }), 'transaction')[0]!.path).toBe('batch');
    expect(routeParts(deposit(), 'realtime')[0]!.path).toBe('batch');
    expect(routeParts(payment(), 'transaction')[0]!.path).toBe('notExported');
    expect(routeParts(payment({ paymentSource: 'portal' }), 'transaction')[0]!.path).toBe('transaction');
    // POR's Real-Time GL: payments post in real time, not in the End of Day batch.
    expect(routeParts(payment({ paymentSource: 'portal' }), 'realtime')[0]!.path).toBe('realtime');
    expect(routeParts(payment(), 'batch')[0]!.path).toBe('batch');
  });
});

describe('QBO names', () => {
  it('never contain a colon or control characters, and fit', () => {
    expect(qboName('A:B\tC\n D')).toBe('A-B C D');
    expect(qboName('x'.repeat(150))).toHaveLength(100);
    expect(itemName({ kind: 'damageWaiver', store: 12, porAccount: '4200:{Class}' })).toBe('POR Damage waiver 4200-{Class} (store 12)');
    expect(customerDisplayNames({ number: 'C9', name: 'Acme', email: null })).toEqual(['Acme', 'Acme (C9)']);
    expect(customerDisplayNames({ number: 'C9', name: '  ', email: null })).toEqual(['POR customer C9', 'POR customer C9']);
  });
});
