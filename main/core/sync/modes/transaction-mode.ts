/**
 * Transaction mode: QBO Invoices replicating POR invoices (customer, item per line kind, Qty/UnitPrice,
 * TAX/NON per line, the tax total, class, due date, DocNumber = invoice number), 0.00 lines left out, fully
 * paid invoices still sent so the customer's history is complete. Portal and card-integration payments
 * become CreditMemos that someone applies to the invoice in QBO by hand; counter payments are not sent
 * (payments are taken in QBO in this mode). POR credit memos become CreditMemos. What was paid when a
 * contract closed goes to the EOD batch (drawer debited, customer's A/R credited), like COGS and the rest.
 */
import type { Cents } from '../../money';
import { documentKey } from '../../por/document-identity';
import type { InvoiceLine, PorCreditMemo, PorInvoice, PorPayment } from '../../por/model';
import { UNNAMED_RECEIVABLE } from '../../por/document-postings';
import { clip, fitDocNumber } from './doc-number';
import { SINGLE_STORE, revisionSuffix } from './numbering';
import type { CustomerSym, EffectLine, SalesDraft, SalesDraftLine } from './draft-types';
import { postingJob, type ExportJob } from './export-job';
import { postingJobKey } from './idempotency-key';
import { storeLabel, type ModeContext, type StoreContext } from './mode-context';
import { fromPor, sumCents } from './postings';
import { describeFallback, qtyAndPrice } from './quantity-price';

export type TransactionResult = { job: ExportJob } | { problem: string };

/** Payments that become credit memos in transaction mode; the others are not sent. */
export function isCreditMemoPayment(p: PorPayment): boolean {
  return p.paymentSource === 'portal' || p.paymentSource === 'cardIntegration';
}

export function buildInvoiceJob(ctx: ModeContext, store: StoreContext, inv: PorInvoice, partKey: string): TransactionResult {
  // QBO has no negative invoice: a POR invoice that totals below zero (a return) is a credit memo there.
  const entity = inv.total < 0 ? 'CreditMemo' : 'Invoice';
  const sign = entity === 'CreditMemo' ? -1 : 1;
  const notes: string[] = [];
  const lines = salesLines(inv.lines, store, sign, notes);
  const taxes = inv.taxes.filter((t) => t.amount !== 0).map((t) => ({ ...t, amount: sign * t.amount }));
  const totalTax = sumCents(taxes.map((t) => t.amount));
  if (lines.length === 0 && totalTax !== 0) {
    return {
      problem: `Invoice ${inv.invoiceNumber} has tax (${(totalTax / 100).toFixed(2)}) but no charged line; QuickBooks can't take an invoice without lines.`,
    };
  }
  const fitted = fitDocNumber(`${inv.invoiceNumber}${revisionSuffix(ctx.numbering ?? SINGLE_STORE, inv)}`, 'Invoice number');
  if (fitted.note) notes.push(fitted.note);
  if (entity === 'CreditMemo') notes.push(`Invoice ${inv.invoiceNumber} totals below zero, so it is sent as a credit memo; apply it in QuickBooks.`);
  const customer = ctx.customer(inv.customer.number, fromPor(inv.customer));
  const payload: SalesDraft = {
    entity,
    customer,
    docNumber: fitted.docNumber,
    txnDate: inv.invoiceDate,
    dueDate: entity === 'Invoice' ? inv.dueDate : null,
    className: store.className,
    privateNote: clip(
      `${storeLabel(store)}, business day ${inv.businessDate}: POR invoice ${inv.invoiceNumber}, contract ${inv.contractNumber}, customer #${inv.customer.number}, revision ${inv.revision}.`,
    ),
    lines,
    totalTax,
    taxes,
    total: sign * inv.total,
  };
  const covers = [{ key: partKey, revision: inv.revision }];
  const idempotencyKey = postingJobKey({
    environment: ctx.environment,
    mode: ctx.mode,
    path: 'transaction',
    kind: entity,
    store: store.number,
    businessDate: inv.businessDate,
    anchor: documentKey(inv),
    covers,
  });
  const nothing = lines.length === 0 && payload.total === 0;
  return {
    job: postingJob({
      idempotencyKey,
      kind: entity,
      path: 'transaction',
      store: store.number,
      businessDate: inv.businessDate,
      txnDate: inv.invoiceDate,
      covers,
      payload,
      preview: salesEffect(payload, store, inv.arAccount),
      nothingToPost: nothing,
      notes: nothing ? [...notes, 'Every line of this invoice is 0.00: nothing is sent to QuickBooks.'] : notes,
    }),
  };
}

export function buildPaymentCreditMemoJob(ctx: ModeContext, store: StoreContext, p: PorPayment, receivable: string | null): TransactionResult {
  if (p.amount < 0) {
    return { problem: `Payment ${p.paymentId} is a refund (${(p.amount / 100).toFixed(2)}); it can't become a credit memo. Record it in QuickBooks by hand.` };
  }
  const via = p.paymentSource === 'portal' ? 'the customer portal' : 'the card integration';
  const item = { kind: 'payment' as const, store: store.number, porAccount: p.account };
  const line = (amount: Cents, description: string): SalesDraftLine => ({
    item,
    description,
    qty: '1',
    unitPrice: amount,
    amount,
    taxCode: 'NON',
    className: store.className,
  });
  const applied = p.appliedTo.filter((a) => a.amount !== 0);
  const split = applied.length > 0 && applied.every((a) => a.amount > 0) && sumCents(applied.map((a) => a.amount)) === p.amount;
  const lines =
    p.amount === 0
      ? []
      : split
        ? applied.map((a) => line(a.amount, `Payment ${p.paymentId} (${p.method}, ${via}) for invoice ${a.invoiceNumber}: apply to that invoice`))
        : [
            line(
              p.amount,
              `Payment ${p.paymentId} (${p.method}, ${via})${applied.length ? ` for invoices ${applied.map((a) => a.invoiceNumber).join(', ')}` : ''}: apply in QuickBooks`,
            ),
          ];
  const fitted = fitDocNumber(`PMT${p.paymentId}`, 'Payment number');
  const notes = fitted.note ? [fitted.note] : [];
  const customer = ctx.customer(p.customerNumber, null);
  const payload: SalesDraft = {
    entity: 'CreditMemo',
    customer,
    docNumber: fitted.docNumber,
    txnDate: p.businessDate,
    dueDate: null,
    className: store.className,
    privateNote: clip(
      `${storeLabel(store)}, business day ${p.businessDate}: POR payment ${p.paymentId} by ${p.method} through ${via}, customer #${p.customerNumber}, revision ${p.revision}. Apply this credit to the invoice${applied.length === 1 ? ` ${applied[0]!.invoiceNumber}` : 's it paid'} in QuickBooks.`,
    ),
    lines,
    totalTax: 0,
    taxes: [],
    total: p.amount,
  };
  return creditMemoJob(ctx, store, p, payload, receivable, notes);
}

export function buildCreditMemoJob(ctx: ModeContext, store: StoreContext, cm: PorCreditMemo, receivable: string | null): TransactionResult {
  if (cm.amount < 0) return { problem: `Credit memo ${cm.creditMemoNumber} is for a negative amount; QuickBooks credit memos can't be.` };
  const notes: string[] = [];
  const lines = salesLines(cm.lines ?? [], store, 1, notes);
  const fitted = fitDocNumber(cm.creditMemoNumber, 'Credit memo number');
  if (fitted.note) notes.push(fitted.note);
  const payload: SalesDraft = {
    entity: 'CreditMemo',
    customer: ctx.customer(cm.customer.number, fromPor(cm.customer)),
    docNumber: fitted.docNumber,
    txnDate: cm.businessDate,
    dueDate: null,
    className: store.className,
    privateNote: clip(
      `${storeLabel(store)}, business day ${cm.businessDate}: POR credit memo ${cm.creditMemoNumber}${cm.invoiceNumber ? ` for invoice ${cm.invoiceNumber}` : ''} (${cm.reason}), customer #${cm.customer.number}, revision ${cm.revision}.`,
    ),
    lines,
    totalTax: 0,
    taxes: [],
    total: cm.amount,
  };
  return creditMemoJob(ctx, store, cm, payload, receivable, notes);
}

function creditMemoJob(
  ctx: ModeContext,
  store: StoreContext,
  doc: PorPayment | PorCreditMemo,
  payload: SalesDraft,
  receivable: string | null,
  notes: string[],
): TransactionResult {
  const covers = [{ key: documentKey(doc), revision: doc.revision }];
  const idempotencyKey = postingJobKey({
    environment: ctx.environment,
    mode: ctx.mode,
    path: 'transaction',
    kind: 'CreditMemo',
    store: store.number,
    businessDate: doc.businessDate,
    anchor: documentKey(doc),
    covers,
  });
  const nothing = payload.lines.length === 0;
  return {
    job: postingJob({
      idempotencyKey,
      kind: 'CreditMemo',
      path: 'transaction',
      store: store.number,
      businessDate: doc.businessDate,
      txnDate: payload.txnDate,
      covers,
      payload,
      preview: salesEffect(payload, store, receivable ?? UNNAMED_RECEIVABLE),
      nothingToPost: nothing,
      notes: nothing ? [...notes, 'This credit is 0.00: nothing is sent to QuickBooks.'] : notes,
    }),
  };
}

/** POR lines to QBO sales lines: 0.00 lines dropped, Amount == Qty x UnitPrice exactly. */
function salesLines(lines: readonly InvoiceLine[], store: StoreContext, sign: 1 | -1, notes: string[]): SalesDraftLine[] {
  const out: SalesDraftLine[] = [];
  let fallbacks = 0;
  for (const l of lines) {
    if (l.amount === 0) continue;
    const amount = sign * l.amount;
    const qp = qtyAndPrice(l.quantity, sign * l.unitPrice, amount);
    if (!qp.exact) fallbacks += 1;
    out.push({
      item: { kind: l.kind, store: store.number, porAccount: l.account },
      description: qp.exact ? l.description : describeFallback(l.description, l.quantity, l.unitPrice),
      qty: qp.qty,
      unitPrice: qp.unitPrice,
      amount,
      taxCode: l.taxable ? 'TAX' : 'NON',
      className: store.className,
    });
  }
  if (fallbacks > 0) {
    notes.push(
      `${fallbacks} ${fallbacks === 1 ? 'line is' : 'lines are'} sent as quantity 1 at the line amount, because POR's quantity x unit price is not the amount to the cent; POR's figures are in the description.`,
    );
  }
  return out;
}

/** The journal view of an invoice or credit memo: what QBO will post, per POR account. */
function salesEffect(d: SalesDraft, store: StoreContext, arAccount: string): EffectLine[] {
  // Invoice: lines and tax credited, A/R debited. Credit memo: the reverse.
  const s = d.entity === 'Invoice' ? -1 : 1;
  const effect = (porAccount: string, signed: Cents, description: string | null, customer: CustomerSym | null): EffectLine => ({
    store: store.number,
    porAccount,
    className: d.className,
    customer,
    debit: signed > 0 ? signed : 0,
    credit: signed < 0 ? -signed : 0,
    description,
  });
  const out: EffectLine[] = d.lines.map((l) => effect(l.item.porAccount, s * l.amount, l.description, null));
  for (const t of d.taxes) out.push(effect(t.account, s * t.amount, t.name, null));
  if (d.total !== 0) out.push(effect(arAccount, -s * d.total, `${d.entity === 'Invoice' ? 'Invoice' : 'Credit memo'} ${d.docNumber}`, d.customer));
  return out.filter((e) => e.debit !== 0 || e.credit !== 0);
}
