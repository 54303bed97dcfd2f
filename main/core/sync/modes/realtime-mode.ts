/**
 * Real-time mode: a summary JournalEntry per invoice as soon as it is generated (revenue and tax credited,
 * what was paid at close debited to its drawer / clearing account, the rest debited to A/R with the
 * customer on that line), each payment as it is taken (drawer debited, the customer's A/R credited), and
 * each EOD credit-card deposit as its own entry. Everything else waits for
 * the EOD batch. Lines are netted per account within the one document, like the batch.
 */
import type { PorDeposit, PorInvoice, PorPayment } from '../../por/model';
import { documentKey } from '../../por/document-identity';
import type { BatchEntry } from './batch-mode';
import { assertBalanced } from './batch-mode';
import { clip, fitDocNumber } from './doc-number';
import { SINGLE_STORE, readableNumber, revisionSuffix } from './numbering';
import type { JournalDraft } from './draft-types';
import { postingJob, type ExportJob } from './export-job';
import { postingJobKey } from './idempotency-key';
import { storeLabel, type ModeContext, type StoreContext } from './mode-context';
import { journalEffect, netPostings, toJournalLines } from './netting';
import { postingsOf, type Posting } from './postings';

/** Documents real-time mode sends on their own instead of in the EOD batch. */
export function isRealtimeDocument(doc: { type: string; kind?: string }): boolean {
  return doc.type === 'invoice' || doc.type === 'payment' || (doc.type === 'deposit' && doc.kind === 'creditCard');
}

/** `entries` are the not-yet-sent parts of ONE invoice or card deposit. */
export function buildRealtimeJob(ctx: ModeContext, store: StoreContext, entries: readonly BatchEntry[]): ExportJob {
  const first = entries[0];
  if (!first) throw new Error('internal error: a real-time job needs at least one part');
  const doc = first.doc as PorInvoice | PorDeposit | PorPayment;
  const postings: Posting[] = [];
  for (const e of entries) postings.push(...postingsOf(e.doc, e.part, { customer: ctx.customer, receivable: e.receivable }));
  const label = doc.type === 'invoice' ? `Invoice ${doc.invoiceNumber}` : doc.type === 'payment' ? `Payment ${doc.paymentId}` : `Card deposit ${doc.depositId}`;
  const lines = toJournalLines(
    netPostings(postings, (n) => `${label}: ${n} lines`),
    store.number,
    store.className,
  );
  assertBalanced(lines, `real-time entry for ${documentKey(doc)}`);

  const covers = entries.map((e) => ({ key: e.partKey, revision: e.doc.revision }));
  const idempotencyKey = postingJobKey({
    environment: ctx.environment,
    mode: ctx.mode,
    path: 'realtime',
    kind: 'JournalEntry',
    store: store.number,
    businessDate: doc.businessDate,
    anchor: documentKey(doc),
    covers,
  });
  // POR's number; a revision gets its own only when an earlier one reached QBO (a voided entry keeps its number).
  const rev = revisionSuffix(ctx.numbering ?? SINGLE_STORE, doc);
  // The paid-at-close part on its own (its sale went earlier, e.g. before a mode switch) must not reuse the number.
  const paidOnly = entries.length === 1 && entries[0]!.part === 'paid' ? '-paid' : '';
  const own =
    doc.type === 'invoice'
      ? readableNumber(doc.invoiceNumber, 'INV')
      : doc.type === 'payment'
        ? readableNumber(doc.paymentId, 'PMT')
        : readableNumber(doc.depositId, 'DEP');
  const wanted = `${own}${paidOnly}${rev}`;
  const fitted = fitDocNumber(wanted, 'Journal number');
  const notes = fitted.note ? [fitted.note] : [];
  const partial =
    doc.type === 'invoice' && entries.length === 1 && entries[0]!.part !== 'whole'
      ? ` Only the ${entries[0]!.part === 'paid' ? 'paid-at-close part' : 'sale'}: the rest was sent earlier.`
      : '';
  const what =
    doc.type === 'invoice'
      ? `invoice ${doc.invoiceNumber} (contract ${doc.contractNumber}), customer ${doc.customer.name} (#${doc.customer.number})`
      : doc.type === 'payment'
        ? `payment ${doc.paymentId} by ${doc.method}, customer #${doc.customerNumber}${doc.appliedTo.length ? ` for invoice ${doc.appliedTo.map((a) => a.invoiceNumber).join(', ')}` : ''}`
        : `credit-card deposit ${doc.depositId}`;
  const payload: JournalDraft = {
    entity: 'JournalEntry',
    txnDate: doc.businessDate,
    docNumber: fitted.docNumber,
    privateNote: clip(
      `${storeLabel(store)}, business day ${doc.businessDate}: real-time entry for ${what}, revision ${doc.revision}.${partial}${fitted.note ? ` Full number: ${wanted}.` : ''}`,
    ),
    lines,
  };
  return postingJob({
    idempotencyKey,
    kind: 'JournalEntry',
    path: 'realtime',
    store: store.number,
    businessDate: doc.businessDate,
    txnDate: doc.businessDate,
    covers,
    payload,
    preview: journalEffect(lines),
    nothingToPost: lines.length === 0,
    notes: lines.length === 0 ? [...notes, 'This document nets to zero: nothing is sent to QuickBooks.'] : notes,
  });
}
