import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PorDocument } from '../../../main/core/por/model';
import type { Invoice } from '../../../main/core/qbo/entities';
import type { PaymentDraft, SalesDraft } from '../../../main/core/sync/modes/draft-types';
import { TRANSACTION_MODE_CONSEQUENCES } from '../../../main/core/sync/modes/transaction-mode-consequences';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import { resolvePayload } from '../../../main/core/sync/plan/resolve-payload';
import { jobNetsByDay, postingJobs } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, creditMemo, DAY, invoice, line, lookups, payment, planInput } from './fixtures';

const tx = (docs: PorDocument[], extra = {}) => planExports(planInput(docs, { mode: 'transaction', ...extra }));

/** qty x unitPrice == amount, exactly, on the JSON numbers QBO receives. */
function exactlyProduct(qty: number, unitPrice: number, amount: number): boolean {
  const scaled = (n: number): [bigint, number] => {
    const [w, f = ''] = String(n).split('.');
    return [BigInt(`${w}${f}`), f.length];
  };
  const [q, qs] = scaled(qty);
  const [p, ps] = scaled(unitPrice);
  const [a, as] = scaled(amount);
  return q * p * 10n ** BigInt(as) === a * 10n ** BigInt(qs + ps);
}

describe('transaction mode', () => {
  it('replicates a POR invoice as a QBO Invoice: customer, item per kind, TAX/NON, tax total, class, due date, number', () => {
    const inv = invoice({
      lines: [
        line({ quantity: '2', unitPrice: 4500, amount: 9000 }),
        line({ kind: 'delivery', description: 'Delivery', account: '4300', quantity: '1', unitPrice: 0, amount: 0, taxable: false }),
        line({ kind: 'fuel', description: 'Fuel', account: '4400', quantity: '1', unitPrice: 1500, amount: 1500, taxable: false }),
      ],
      taxes: [{ name: 'Burbank sales tax', rate: '0.1025', amount: 923, account: '2200' }],
    });
    const plan = tx([inv]);
    const [job] = postingJobs(plan.jobs);
    expect(job).toMatchObject({ kind: 'Invoice', path: 'transaction', txnDate: DAY, documentKeys: ['invoice:I-1'] });
    const d = job!.payload as SalesDraft;
    expect(d.customer).toEqual({ number: 'C100', name: 'Acme Builders', email: 'ap@acme.test' });
    expect(d.docNumber).toBe('100001');
    expect(d.dueDate).toBe('2026-04-13');
    expect(d.className).toBe('Store 1:Burbank');
    expect(d.lines.map((l) => [l.item.kind, l.item.porAccount, l.qty, l.unitPrice, l.amount, l.taxCode, l.className])).toEqual([
      ['rental', '4000-01', '2', 4500, 9000, 'TAX', 'Store 1:Burbank'],
      ['fuel', '4400', '1', 1500, 1500, 'NON', 'Store 1:Burbank'],
    ]);
    expect(d.totalTax).toBe(923);
    expect(d.total).toBe(11423);

    const resolved = resolvePayload(job!, lookups());
    if (!('entity' in resolved) || resolved.entity !== 'Invoice') throw new Error(JSON.stringify(resolved));
    const body: Invoice = resolved.body;
    expect(body).toMatchObject({
      CustomerRef: { value: 'C-C100' },
      DocNumber: '100001',
      TxnDate: DAY,
      DueDate: '2026-04-13',
      ClassRef: { value: 'K-Store 1:Burbank' },
      TxnTaxDetail: { TotalTax: 9.23 },
      BillEmail: { Address: 'ap@acme.test' },
    });
    expect(body.Line).toHaveLength(2);
    expect(body.Line[0]).toMatchObject({
      Amount: 90,
      SalesItemLineDetail: { Qty: 2, UnitPrice: 45, TaxCodeRef: { value: 'TAX' }, ClassRef: { value: 'K-Store 1:Burbank' } },
    });
    expect(body.PrivateNote).toContain('POR invoice 100001, contract C-1');
    // Ensure jobs come first: class chain, customer, items, and the invoice depends on them.
    const ensures = plan.jobs.filter((j) => j.path === 'ensure').map((j) => j.kind);
    expect(ensures).toEqual(['Class', 'Class', 'Customer', 'Item', 'Item']);
    expect(job!.dependsOn).toHaveLength(4);
  });

  it('uses Qty 1 at the line amount when POR quantity x price is not the amount to the cent', () => {
    const inv = invoice({ lines: [line({ quantity: '1.5', unitPrice: 3333, amount: 5000, description: 'Pump' })], taxes: [] });
    const d = postingJobs(tx([inv]).jobs)[0]!.payload as SalesDraft;
    expect(d.lines[0]).toMatchObject({ qty: '1', unitPrice: 5000, amount: 5000, description: 'Pump (POR: 1.5 x 33.33)' });
    const exact = invoice({ lines: [line({ quantity: '1.50', unitPrice: 3000, amount: 4500 })], taxes: [] });
    expect((postingJobs(tx([exact]).jobs)[0]!.payload as SalesDraft).lines[0]).toMatchObject({ qty: '1.5', unitPrice: 3000 });
  });

  it('still sends a fully paid invoice; what was paid at close becomes a Payment applied to it, deposited to the drawer, not the EOD batch', () => {
    const inv = invoice({
      paidAtClose: [
        { method: 'cash', amount: 6025, account: '1000' },
        { method: 'check', amount: 5000, account: '1000' },
      ],
    });
    const open = tx([inv]);
    // No End of Day needed: POR exports the payment with the invoice.
    expect(postingJobs(open.jobs).map((j) => j.kind)).toEqual(['Invoice', 'Payment']);
    expect(open.held).toEqual([]);
    const [invoiceJob, paymentJob] = postingJobs(tx([inv, closed(1)]).jobs);
    expect(postingJobs(tx([inv, closed(1)]).jobs).filter((j) => j.path === 'batch')).toEqual([]);
    const p = paymentJob!.payload as PaymentDraft;
    expect(p).toMatchObject({
      entity: 'Payment',
      amount: 11025,
      applied: 11025,
      refNumber: '100001',
      invoiceJobKey: invoiceJob!.idempotencyKey,
      depositTo: { porAccount: '1000' },
      arAccount: { porAccount: '1200' },
    });
    expect(paymentJob!.documentKeys).toEqual(['invoice:I-1#paid']);
    expect(paymentJob!.preview.map((l) => [l.porAccount, l.debit, l.credit, l.customer?.number ?? null])).toEqual([
      ['1000', 11025, 0, null],
      ['1200', 0, 11025, 'C100'],
    ]);
    // Resolved once the invoice is in QuickBooks: applied to it, deposited to the drawer, marker-ready note.
    const waiting = resolvePayload(paymentJob!, lookups());
    expect(waiting).toMatchObject({ problems: [{ code: 'missingInvoice', jobKey: invoiceJob!.idempotencyKey }] });
    const resolved = resolvePayload(paymentJob!, { ...lookups(), postedQboId: (key) => (key === invoiceJob!.idempotencyKey ? '77' : null) });
    expect(resolved).toMatchObject({
      entity: 'Payment',
      body: {
        TotalAmt: 110.25,
        PaymentRefNum: '100001',
        DepositToAccountRef: { value: 'A-1000' },
        ARAccountRef: { value: 'A-1200' },
        Line: [{ Amount: 110.25, LinkedTxn: [{ TxnId: '77', TxnType: 'Invoice' }] }],
      },
    });
  });

  it('a negative invoice (a credit memo in QuickBooks) keeps what was paid at close in the EOD batch', () => {
    const inv = invoice({
      lines: [line({ amount: -5000, unitPrice: -5000 })],
      taxes: [],
      total: -5000,
      paidAtClose: [{ method: 'cash', amount: -5000, account: '1000' }],
    });
    const jobs = postingJobs(tx([inv, closed(1)]).jobs);
    expect(jobs.map((j) => [j.kind, j.path])).toEqual([
      ['CreditMemo', 'transaction'],
      ['JournalEntry', 'batch'],
    ]);
  });

  it('turns portal and card payments into credit memos and sends no other payment', () => {
    const docs = [
      payment({ id: 'P-portal', paymentId: 'P-portal', paymentSource: 'portal', method: 'creditCard', account: '1050' }),
      payment({
        id: 'P-card',
        paymentId: 'P-card',
        paymentSource: 'cardIntegration',
        method: 'amex',
        account: '1050',
        amount: 7000,
        appliedTo: [
          { invoiceNumber: 'A', amount: 3000 },
          { invoiceNumber: 'B', amount: 4000 },
        ],
      }),
      payment({ id: 'P-counter', paymentId: 'P-counter', paymentSource: 'counter' }),
      closed(1),
    ];
    const plan = tx(docs, { stores: STORES_WITH_AR });
    const jobs = postingJobs(plan.jobs);
    expect(jobs.map((j) => [j.kind, j.documentKeys[0]])).toEqual([
      ['CreditMemo', 'payment:P-card'],
      ['CreditMemo', 'payment:P-portal'],
    ]);
    const card = jobs[0]!.payload as SalesDraft;
    expect(card.lines.map((l) => [l.amount, l.item.kind, l.item.porAccount, l.taxCode])).toEqual([
      [3000, 'payment', '1050', 'NON'],
      [4000, 'payment', '1050', 'NON'],
    ]);
    expect(card.lines[0]!.description).toContain('invoice A');
    expect(card.privateNote).toMatch(/Apply this credit/);
    expect(jobs[0]!.preview.map((e) => [e.porAccount, e.debit, e.credit])).toEqual([
      ['1050', 3000, 0],
      ['1050', 4000, 0],
      ['1200', 0, 7000],
    ]);
    expect(plan.notExported).toMatchObject([{ documentKey: 'payment:P-counter', reason: 'counterPaymentInTransactionMode' }]);
    // Without a known A/R account the credit memo still goes (QBO picks its A/R); the preview says so.
    const unknown = postingJobs(tx(docs).jobs)[0]!;
    expect(unknown.preview.at(-1)).toMatchObject({ porAccount: '(A/R)', credit: 7000 });
  });

  it('sends POR credit memos as credit memos, and a negative invoice as a credit memo', () => {
    const plan = tx([
      creditMemo(),
      invoice({
        id: 'I-neg',
        invoiceNumber: 'R-1',
        lines: [line({ quantity: '-1', amount: -10000 })],
        taxes: [{ name: 'Tax', rate: '0.1025', amount: -1025, account: '2200' }],
      }),
    ]);
    const jobs = postingJobs(plan.jobs);
    expect(jobs.map((j) => [j.kind, j.documentKeys[0]])).toEqual([
      ['CreditMemo', 'creditMemo:CM-1'],
      ['CreditMemo', 'invoice:I-neg'],
    ]);
    const neg = jobs[1]!.payload as SalesDraft;
    expect(neg.lines[0]).toMatchObject({ qty: '1', unitPrice: 10000, amount: 10000 });
    expect(neg.totalTax).toBe(1025);
    expect(jobs[1]!.notes.join(' ')).toMatch(/below zero/);
  });

  it('keeps a long invoice number unique within 21 characters and says so', () => {
    const number = 'INV-2026-STORE01-000000123';
    const job = postingJobs(tx([invoice({ invoiceNumber: number })]).jobs)[0]!;
    const d = job.payload as SalesDraft;
    expect(d.docNumber.length).toBe(21);
    expect(d.docNumber.startsWith(number.slice(0, 16))).toBe(true);
    expect(job.notes.join(' ')).toContain(number);
    expect(d.privateNote).toContain(number);
    const other = postingJobs(tx([invoice({ invoiceNumber: `${number.slice(0, -1)}4` })]).jobs)[0]!.payload as SalesDraft;
    expect(other.docNumber).not.toBe(d.docNumber);
  });

  it('holds an invoice with tax but no charged line instead of sending a broken invoice', () => {
    const plan = tx([invoice({ lines: [line({ amount: 0, unitPrice: 0 })], taxes: [{ name: 'Tax', rate: '0.1', amount: 100, account: '2200' }] })]);
    expect(postingJobs(plan.jobs)).toEqual([]);
    expect(plan.held[0]).toMatchObject({ reason: 'invalidDocument' });
  });

  it('over generated documents: no 0.00 lines, Amount == Qty x UnitPrice, tax detail, and QBO + batch == POR minus counter payments', () => {
    fc.assert(
      fc.property(feedDocuments, (docs) => {
        const base = { closedDays: ALL_CLOSED, stores: STORES_WITH_AR };
        const plan = planExports(planInput(docs, { ...base, mode: 'transaction' }));
        const jobs = postingJobs(plan.jobs);
        for (const job of jobs.filter((j) => j.path === 'transaction')) {
          if (job.kind === 'Payment') continue;
          const d = job.payload as SalesDraft;
          expect(d.lines.every((l) => l.amount !== 0)).toBe(true);
          expect(d.lines.reduce((s, l) => s + l.amount, 0) + d.totalTax).toBe(d.total);
          if (job.nothingToPost) continue;
          const r = resolvePayload(job, lookups());
          if (!('entity' in r) || (r.entity !== 'Invoice' && r.entity !== 'CreditMemo')) throw new Error(JSON.stringify(r));
          for (const l of r.body.Line) {
            if (l.DetailType !== 'SalesItemLineDetail') continue;
            expect(exactlyProduct(l.SalesItemLineDetail.Qty!, l.SalesItemLineDetail.UnitPrice!, l.Amount)).toBe(true);
          }
          expect(r.body.TxnTaxDetail?.TotalTax ?? 0).toBe(d.totalTax / 100);
        }
        // Credit memos from payments: exactly the portal and card-integration ones; counter payments not exported.
        const payments = docs.filter((d) => d.type === 'payment');
        const memoKeys = jobs.filter((j) => j.kind === 'CreditMemo' && j.documentKeys[0]!.startsWith('payment:')).map((j) => j.documentKeys[0]);
        expect(memoKeys.sort()).toEqual(
          payments
            .filter((p) => p.paymentSource !== 'counter')
            .map((p) => `payment:${p.id}`)
            .sort(),
        );
        expect(plan.notExported.map((n) => n.documentKey).sort()).toEqual(
          payments
            .filter((p) => p.paymentSource === 'counter')
            .map((p) => `payment:${p.id}`)
            .sort(),
        );

        const heldKeys = new Set(plan.held.map((h) => h.documentKey));
        const counted = docs.filter((d) => !heldKeys.has(`${d.type}:${d.id}`) && !(d.type === 'payment' && d.paymentSource === 'counter'));
        const allBatch = postingJobs(planExports(planInput(counted, { ...base, mode: 'batch' })).jobs);
        expect(jobNetsByDay(jobs)).toEqual(jobNetsByDay(allBatch));
      }),
      { numRuns: 300 },
    );
  });

  it('states its consequences for the UI before anyone chooses it', () => {
    const text = TRANSACTION_MODE_CONSEQUENCES.join('\n');
    expect(text).toMatch(/mass faxed or emailed/);
    expect(text).toMatch(/card payments can't be applied to invoices in POR/i);
    expect(text).toMatch(/closed accrual accounting/);
    expect(text).toMatch(/not processed in POR/);
    expect(text).toMatch(/credit memos; someone must apply each one/);
    expect(TRANSACTION_MODE_CONSEQUENCES.every((s) => s.length > 20 && s.endsWith('.'))).toBe(true);
  });
});
