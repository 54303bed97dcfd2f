/**
 * Transaction mode, what was paid when the contract closed (POR.md: "a payment taken at close is exported
 * as a separate payment"; fully paid contracts should read as paid in QBO): one QBO Payment per drawer /
 * clearing account, applied to the invoice's own QBO invoice and deposited to that account. The End of
 * Day batch no longer carries it. Amounts are POR's; the invoice's balance is applied first, in the order
 * POR lists the payments, and an overpayment stays unapplied credit on the customer.
 */
import type { Cents } from '../../money';
import { documentKey } from '../../por/document-identity';
import type { PorInvoice } from '../../por/model';
import { clip } from './doc-number';
import type { EffectLine, PaymentDraft } from './draft-types';
import { postingJob, type ExportJob } from './export-job';
import { postingJobKey } from './idempotency-key';
import { storeLabel, type ModeContext, type StoreContext } from './mode-context';
import { fromPor } from './postings';

/** Paid at close goes as Payments only onto a real invoice with positive amounts; else it stays a journal posting. */
export function paidAtCloseAsPayments(inv: PorInvoice): boolean {
  return inv.total > 0 && inv.paidAtClose.every((p) => p.amount > 0);
}

export function buildPaidAtCloseJobs(ctx: ModeContext, store: StoreContext, inv: PorInvoice, partKey: string, invoiceJobKey: string): ExportJob[] {
  const byAccount = new Map<string, { amount: Cents; methods: Set<string> }>();
  for (const p of inv.paidAtClose) {
    const seen = byAccount.get(p.account) ?? { amount: 0, methods: new Set<string>() };
    seen.amount += p.amount;
    seen.methods.add(p.method);
    byAccount.set(p.account, seen);
  }
  const customer = ctx.customer(inv.customer.number, fromPor(inv.customer));
  let open = inv.total;
  const jobs: ExportJob[] = [];
  for (const [account, { amount, methods }] of [...byAccount].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const applied = Math.min(amount, Math.max(0, open));
    open -= applied;
    const covers = [{ key: partKey, revision: inv.revision }];
    const idempotencyKey = postingJobKey({
      environment: ctx.environment,
      mode: ctx.mode,
      path: 'transaction',
      kind: 'Payment',
      store: store.number,
      businessDate: inv.businessDate,
      anchor: `${documentKey(inv)}#paid:${account}`,
      covers,
    });
    const payload: PaymentDraft = {
      entity: 'Payment',
      customer,
      txnDate: inv.invoiceDate,
      refNumber: inv.invoiceNumber,
      depositTo: { store: store.number, porAccount: account },
      arAccount: { store: store.number, porAccount: inv.arAccount },
      amount,
      applied,
      invoiceJobKey,
      privateNote: clip(
        `${storeLabel(store)}, business day ${inv.businessDate}: paid at close of POR invoice ${inv.invoiceNumber} (contract ${inv.contractNumber}) by ${[...methods].join(', ')}, customer #${inv.customer.number}, revision ${inv.revision}.`,
      ),
    };
    const preview: EffectLine[] = [
      {
        store: store.number,
        porAccount: account,
        className: store.className,
        customer: null,
        debit: amount,
        credit: 0,
        description: `Invoice ${inv.invoiceNumber} paid at close`,
      },
      {
        store: store.number,
        porAccount: inv.arAccount,
        className: store.className,
        customer,
        debit: 0,
        credit: amount,
        description: `Invoice ${inv.invoiceNumber} paid at close`,
      },
    ];
    const notes =
      amount > applied
        ? [`${((amount - applied) / 100).toFixed(2)} more than the invoice's balance was paid; it stays as the customer's unapplied credit in QuickBooks.`]
        : [];
    jobs.push(
      postingJob({
        idempotencyKey,
        kind: 'Payment',
        path: 'transaction',
        store: store.number,
        businessDate: inv.businessDate,
        txnDate: inv.invoiceDate,
        covers,
        payload,
        preview,
        nothingToPost: amount === 0,
        notes,
      }),
    );
  }
  return jobs;
}
