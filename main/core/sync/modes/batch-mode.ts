/**
 * The EOD batch: one balanced JournalEntry per store per business day, feed documents netted per account
 * like POR's own GL export. It runs in every mode; each mode decides which parts are left for it (batch
 * mode: everything; real-time: all but invoices and card deposits; transaction: all but what became an
 * Invoice or CreditMemo). Parts already sent are never in it, so a day can get a supplementary batch
 * later (a late document) without counting anything twice.
 */
import type { IsoDate } from '../../por/model';
import { clip, fitDocNumber } from './doc-number';
import { SINGLE_STORE, batchNumber } from './numbering';
import type { JournalDraft } from './draft-types';
import { postingJob, type ExportJob } from './export-job';
import { postingJobKey } from './idempotency-key';
import { storeLabel, type ModeContext, type StoreContext } from './mode-context';
import { journalEffect, netPostings, toJournalLines } from './netting';
import { postingsOf, type FeedDocument, type PartName, type Posting } from './postings';

export interface BatchEntry {
  doc: FeedDocument;
  part: PartName;
  partKey: string;
  /** A/R account for payments and credit memos; null for the other documents. */
  receivable: string | null;
}

export function buildBatchJob(ctx: ModeContext, store: StoreContext, businessDate: IsoDate, entries: readonly BatchEntry[]): ExportJob {
  const sorted = [...entries].sort((a, b) => (a.partKey < b.partKey ? -1 : a.partKey > b.partKey ? 1 : 0));
  const postings: Posting[] = [];
  for (const e of sorted) postings.push(...postingsOf(e.doc, e.part, { customer: ctx.customer, receivable: e.receivable }));
  const netted = netPostings(postings, (n) => `POR store ${store.number} ${businessDate}: ${n} entries netted`);
  const lines = toJournalLines(netted, store.number, store.className);
  assertBalanced(lines, `batch for store ${store.number} on ${businessDate}`);

  const covers = sorted.map((e) => ({ key: e.partKey, revision: e.doc.revision }));
  const idempotencyKey = postingJobKey({
    environment: ctx.environment,
    mode: ctx.mode,
    path: 'batch',
    kind: 'JournalEntry',
    store: store.number,
    businessDate,
    anchor: null,
    covers,
  });
  // PRyymmdd like POR's file (-store when several post); a later supplementary batch for the same day gets
  // its own number, so a duplicate-number lookup (6140) can never find the wrong entry.
  const { docNumber } = fitDocNumber(batchNumber(ctx.numbering ?? SINGLE_STORE, store.number, businessDate, idempotencyKey));
  const payload: JournalDraft = {
    entity: 'JournalEntry',
    txnDate: businessDate,
    docNumber,
    privateNote: clip(
      `${storeLabel(store)}, business day ${businessDate}: end-of-day summary (${ctx.mode} mode) of ${describeCounts(sorted)}. ${listDocuments(sorted)}`,
    ),
    lines,
  };
  return postingJob({
    idempotencyKey,
    kind: 'JournalEntry',
    path: 'batch',
    store: store.number,
    businessDate,
    txnDate: businessDate,
    covers,
    payload,
    preview: journalEffect(lines),
    nothingToPost: lines.length === 0,
    notes: lines.length === 0 ? ['Everything in this batch nets to zero: nothing is sent to QuickBooks.'] : [],
  });
}

const LABELS: Record<FeedDocument['type'], [string, string]> = {
  invoice: ['invoice', 'invoices'],
  payment: ['payment', 'payments'],
  creditMemo: ['credit memo', 'credit memos'],
  deposit: ['deposit', 'deposits'],
  eodBatch: ['EOD batch', 'EOD batches'],
};

function describeCounts(entries: readonly BatchEntry[]): string {
  const counts = new Map<FeedDocument['type'], number>();
  const paid = new Set<string>();
  const sale = new Set<string>();
  for (const e of entries) {
    if (e.part === 'paid') {
      paid.add(e.doc.id);
      continue;
    }
    sale.add(e.doc.id);
    counts.set(e.doc.type, (counts.get(e.doc.type) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const [type, n] of counts) out.push(`${n} ${n === 1 ? LABELS[type][0] : LABELS[type][1]}`);
  // Transaction mode: the invoice went as an Invoice; only what was paid at close is in the batch.
  const paidOnly = [...paid].filter((id) => !sale.has(id)).length;
  if (paidOnly > 0) out.push(`${paidOnly} paid-at-close ${paidOnly === 1 ? 'amount' : 'amounts'}`);
  return out.join(', ') || 'no documents';
}

function listDocuments(entries: readonly BatchEntry[]): string {
  const names: string[] = [];
  for (const e of entries) {
    const d = e.doc;
    const name =
      d.type === 'invoice'
        ? `invoice ${d.invoiceNumber}${e.part === 'paid' ? ' (paid at close)' : ''}`
        : d.type === 'payment'
          ? `payment ${d.paymentId}`
          : d.type === 'creditMemo'
            ? `credit memo ${d.creditMemoNumber}`
            : d.type === 'deposit'
              ? `deposit ${d.depositId}`
              : `EOD batch ${d.batchNumber}`;
    names.push(name);
  }
  return `Documents: ${names.join(', ')}.`;
}

export function assertBalanced(lines: readonly { posting: 'Debit' | 'Credit'; amount: number }[], what: string): void {
  let net = 0;
  for (const l of lines) net += l.posting === 'Debit' ? l.amount : -l.amount;
  // Documents are checked before they get here (document-checks.ts): an imbalance is a bug, never data.
  if (net !== 0) throw new Error(`internal error: ${what} does not balance (off by ${net} cents)`);
}
