/** fast-check generators of valid POR feed documents (balanced, consistent totals) over a few stores and days. */
import fc from 'fast-check';
import type {
  InvoiceLine,
  LineKind,
  PaymentMethod,
  PorCreditMemo,
  PorDeposit,
  PorDocument,
  PorEodBatch,
  PorInvoice,
  PorPayment,
} from '../../../main/core/por/model';

export const DAYS = ['2026-03-14', '2026-03-15'];
const source = { kind: 'practice' as const, file: null, line: null };
const REVENUE = ['4000-01', '4100', '4200', '4300', '4400'];
const DRAWERS = ['1000', '1050'];
const KINDS: LineKind[] = ['rental', 'sale', 'damageWaiver', 'delivery', 'pickup', 'labor', 'fuel', 'environmental', 'other'];
const METHODS: PaymentMethod[] = ['cash', 'check', 'creditCard', 'debitCard', 'amex', 'ach'];
const CUSTOMERS = [
  { number: 'C1', name: 'Acme Builders', email: 'ap@acme.test', accountCustomer: true },
  { number: 'C2', name: 'Bob Homeowner', email: null, accountCustomer: false },
  { number: 'C3', name: 'City of Burbank', email: null, accountCustomer: true },
];

const where = fc.record({ store: fc.constantFrom(1, 2), businessDate: fc.constantFrom(...DAYS) });
const cents = (min: number, max: number) => fc.integer({ min, max });

const invoiceLine: fc.Arbitrary<InvoiceLine> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    qty: fc.constantFrom('1', '2', '1.5', '0.5', '3', '-1', '0'),
    unitPrice: cents(0, 90000),
    exact: fc.boolean(),
    odd: cents(-2000, 90000),
    taxable: fc.boolean(),
    account: fc.constantFrom(...REVENUE),
  })
  .map(({ kind, qty, unitPrice, exact, odd, taxable, account }) => {
    const product = Number(qty) * unitPrice;
    // Half the lines are exactly qty x price (when that is whole cents), the rest carry POR's own amount.
    const amount = exact && Number.isInteger(product) ? product : odd;
    return { kind, description: `${kind} item`, quantity: qty, unitPrice, amount, taxable, account };
  });

const invoiceSpec = fc.record({
  at: where,
  lines: fc.array(invoiceLine, { minLength: 0, maxLength: 4 }),
  taxes: fc.array(fc.record({ amount: cents(0, 5000), account: fc.constantFrom('2200', '2210') }), { maxLength: 2 }),
  paid: fc.array(fc.record({ share: fc.integer({ min: 0, max: 100 }), method: fc.constantFrom(...METHODS), account: fc.constantFrom(...DRAWERS) }), {
    maxLength: 2,
  }),
  customer: fc.constantFrom(...CUSTOMERS),
  arAccount: fc.constant('1200'),
});

const paymentSpec = fc.record({
  at: where,
  amount: cents(1, 100000),
  method: fc.constantFrom(...METHODS),
  account: fc.constantFrom(...DRAWERS),
  source: fc.constantFrom('counter' as const, 'portal' as const, 'cardIntegration' as const),
  customer: fc.constantFrom(...CUSTOMERS),
});

const creditMemoSpec = fc.record({
  at: where,
  amounts: fc.array(cents(1, 20000), { minLength: 1, maxLength: 3 }),
  customer: fc.constantFrom(...CUSTOMERS),
});

const depositSpec = fc.record({
  at: where,
  kind: fc.constantFrom('bank' as const, 'creditCard' as const),
  lines: fc.array(fc.record({ amount: cents(-1000, 200000), method: fc.constantFrom(...METHODS), account: fc.constantFrom(...DRAWERS) }), {
    minLength: 1,
    maxLength: 3,
  }),
});

const eodSpec = fc.record({
  at: where,
  pairs: fc.array(
    fc.record({ amount: cents(-50000, 50000), debit: fc.constantFrom('5000', '6000', '1510'), credit: fc.constantFrom('1300', '1590', '1500') }),
    { minLength: 1, maxLength: 3 },
  ),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

type Spec =
  | { t: 'invoice'; s: ValueOf<typeof invoiceSpec> }
  | { t: 'payment'; s: ValueOf<typeof paymentSpec> }
  | { t: 'creditMemo'; s: ValueOf<typeof creditMemoSpec> }
  | { t: 'deposit'; s: ValueOf<typeof depositSpec> }
  | { t: 'eodBatch'; s: ValueOf<typeof eodSpec> };

const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 4, arbitrary: invoiceSpec.map((s) => ({ t: 'invoice' as const, s })) },
  { weight: 2, arbitrary: paymentSpec.map((s) => ({ t: 'payment' as const, s })) },
  { weight: 1, arbitrary: creditMemoSpec.map((s) => ({ t: 'creditMemo' as const, s })) },
  { weight: 2, arbitrary: depositSpec.map((s) => ({ t: 'deposit' as const, s })) },
  { weight: 1, arbitrary: eodSpec.map((s) => ({ t: 'eodBatch' as const, s })) },
);

function build(sp: Spec, i: number): PorDocument {
  const base = { id: `${sp.t}-${i}`, store: sp.s.at.store, businessDate: sp.s.at.businessDate, revision: 1, source };
  switch (sp.t) {
    case 'invoice': {
      const s = sp.s;
      const lines = s.lines.map((l) => ({ ...l, account: l.account === '4000-01' ? `4000-0${s.at.store}` : l.account }));
      const taxes = s.taxes.map((t, k) => ({ name: `Tax ${k}`, rate: '0.1', amount: t.amount, account: t.account }));
      const total = lines.reduce((a, l) => a + l.amount, 0) + taxes.reduce((a, t) => a + t.amount, 0);
      const paidAtClose = s.paid.map((p) => ({ method: p.method, account: p.account, amount: Math.floor((Math.max(total, 0) * p.share) / 200) }));
      const inv: PorInvoice = {
        ...base,
        type: 'invoice',
        invoiceNumber: `10${i}`,
        contractNumber: `C-${i}`,
        customer: s.customer,
        invoiceDate: s.at.businessDate,
        dueDate: null,
        lines,
        taxes,
        total,
        paidAtClose,
        arAccount: s.arAccount,
      };
      return inv;
    }
    case 'payment': {
      const s = sp.s;
      const p: PorPayment = {
        ...base,
        type: 'payment',
        paymentId: `P${i}`,
        customerNumber: s.customer.number,
        method: s.method,
        amount: s.amount,
        appliedTo: [{ invoiceNumber: `10${i}`, amount: s.amount }],
        account: s.account,
        paymentSource: s.source,
      };
      return p;
    }
    case 'creditMemo': {
      const s = sp.s;
      const lines = s.amounts.map((a) => ({
        kind: 'rental' as const,
        description: 'Credit',
        quantity: '1',
        unitPrice: a,
        amount: a,
        taxable: false,
        account: '4100',
      }));
      const cm: PorCreditMemo = {
        ...base,
        type: 'creditMemo',
        creditMemoNumber: `CM${i}`,
        customer: s.customer,
        amount: s.amounts.reduce((a, b) => a + b, 0),
        reason: 'Adjustment',
        invoiceNumber: null,
        lines,
      };
      return cm;
    }
    case 'deposit': {
      const s = sp.s;
      const d: PorDeposit = { ...base, type: 'deposit', depositId: `D${i}`, kind: s.kind, bankAccount: `1020-0${s.at.store}`, lines: s.lines };
      return d;
    }
    case 'eodBatch': {
      const s = sp.s;
      const e: PorEodBatch = {
        ...base,
        type: 'eodBatch',
        batchNumber: `B${i}`,
        lines: s.pairs.flatMap((p) => [
          { account: p.debit, amount: p.amount, memo: 'cost', category: 'cogs' as const },
          { account: p.credit, amount: -p.amount, memo: 'offset', category: 'inventory' as const },
        ]),
      };
      return e;
    }
  }
}

/** A list of valid feed documents with unique ids. */
export const feedDocuments: fc.Arbitrary<PorDocument[]> = fc.array(spec, { minLength: 1, maxLength: 25 }).map((specs) => specs.map(build));

export const ALL_CLOSED = [1, 2].flatMap((store) => DAYS.map((businessDate) => ({ store, businessDate })));

/** The two stores with their A/R account set (payments and credit memos don't name one). */
export const STORES_WITH_AR = [
  { number: 1, className: 'Store 1:Burbank', exportFormat: 'API-QBO' as const, arAccount: '1200' },
  { number: 2, className: 'Store 2:Glendale', exportFormat: 'API-QBO' as const, arAccount: '1200' },
];
