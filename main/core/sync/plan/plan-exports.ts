/**
 * planExports: ledger documents in, export jobs and held items out. Pure and deterministic: the same input
 * (in any order) gives the same jobs with the same idempotency keys, so the engine can plan as often as it
 * likes and enqueue by key. A part the ledger says was sent is never planned again; a document that can't
 * go yet is held with the reason, and nothing else waits for it.
 */
import type { CustomerSym } from '../modes/draft-types';
import { documentKey } from '../../por/document-identity';
import type { GlJournal, PorCreditMemo, PorDocument, PorInvoice, PorPayment } from '../../por/model';
import { buildBatchJob, type BatchEntry } from '../modes/batch-mode';
import { documentProblem } from '../modes/document-checks';
import type { ExportJob } from '../modes/export-job';
import { storeDayKey } from '../modes/export-parts';
import { buildGlJournalJob } from '../modes/gl-journal-mode';
import type { ModeContext, StoreContext } from '../modes/mode-context';
import { cmp } from '../modes/netting';
import { fromPor, type FeedDocument } from '../modes/postings';
import { buildRealtimeJob } from '../modes/realtime-mode';
import { glSuffixes } from '../modes/numbering';
import { buildPaidAtCloseJobs } from '../modes/paid-at-close';
import { routeParts, type PartRoute } from '../modes/routing';
import { buildCreditMemoJob, buildInvoiceJob, buildPaymentCreditMemoJob, type TransactionResult } from '../modes/transaction-mode';
import { addEnsureJobs } from './ensure-jobs';
import type { ExportPlan, HeldItem, HoldReason, NotExportedItem, PlanContext, PlanInput, StoreExportConfig } from './plan-types';

export function planExports(input: PlanInput): ExportPlan {
  const docs = latestRevisions(input.documents);
  const stores = new Map(input.stores.map((s) => [s.number, s]));
  const closed = closedStoreDays(input, docs);
  const sentRevision = sentLookup(input.alreadySent);
  const directory = customerDirectory(docs, input.context);
  const receivables = receivableResolver(docs, input.context);
  const batchedDays = daysWithSentBatchParts(docs, input.mode, sentRevision);
  const glBlockSuffix = glSuffixes(
    docs.filter((d): d is GlJournal => d.type === 'glJournal'),
    (d) => d.store ?? storeByClass(d, input.stores),
  );
  const ctx: ModeContext = {
    environment: input.environment,
    mode: input.mode,
    customer: (number, fallback) => directory.get(number) ?? fallback ?? { number, name: null, email: null },
    numbering: {
      multiStore: input.stores.filter((s) => s.exportFormat === 'API-QBO').length > 1,
      earlierRevisionPosted: (key) => input.undoneDocuments?.has(key) ?? false,
      supplementaryBatch: (store, date) => batchedDays.has(storeDayKey(store, date)),
      glBlockSuffix,
    },
  };

  const postings: ExportJob[] = [];
  const held: HeldItem[] = [];
  const notExported: NotExportedItem[] = [];
  const buckets = new Map<string, { store: StoreContext; businessDate: string; entries: BatchEntry[] }>();

  const hold = (doc: PorDocument, parts: readonly PartRoute[], store: number | null, reason: HoldReason, message: string): void => {
    if (parts.length === 0) return;
    held.push({
      documentKey: documentKey(doc),
      partKeys: parts.map((p) => p.partKey),
      type: doc.type,
      store,
      businessDate: doc.businessDate,
      revision: doc.revision,
      reason,
      message,
      source: doc.source,
    });
  };

  for (const doc of docs) {
    const routes = routeParts(doc, input.mode);
    const revised = routes.filter((r) => (sentRevision(r.partKey) ?? Infinity) < doc.revision);
    const unsent = routes.filter((r) => sentRevision(r.partKey) === undefined);
    if (revised.length > 0) {
      const sentAt = Math.max(...revised.map((r) => sentRevision(r.partKey)!));
      hold(
        doc,
        [...revised, ...unsent],
        doc.store,
        'revisedAfterExport',
        `Revision ${doc.revision} of this document arrived after revision ${sentAt} was sent to QuickBooks. Undo the earlier export and repost (Manual exports) so QuickBooks matches POR.`,
      );
      continue;
    }
    if (unsent.length === 0) continue;

    const storeNumber = doc.store ?? (doc.type === 'glJournal' ? storeByClass(doc, input.stores) : null);
    if (storeNumber === null) {
      hold(
        doc,
        unsent,
        null,
        'noStore',
        doc.type === 'glJournal'
          ? `This GL block names no store${glClass(doc) ? `, and its class "${glClass(doc)}" is no store's class` : ''}. Give the store a matching class, or fix the file in POR.`
          : 'This document names no store.',
      );
      continue;
    }
    const config = stores.get(storeNumber);
    if (!config) {
      hold(
        doc,
        unsent,
        storeNumber,
        'storeNotConfigured',
        `Store ${storeNumber} is not set up here (no class, no export format). Add it under Stores and it will be sent.`,
      );
      continue;
    }
    if (config.exportFormat !== 'API-QBO') {
      hold(
        doc,
        unsent,
        storeNumber,
        'storeExportOff',
        `Store ${storeNumber}'s export format is off, so nothing from it is sent. Set it to API-QBO to send it.`,
      );
      continue;
    }
    const problem = documentProblem(doc);
    if (problem !== null) {
      hold(doc, unsent, storeNumber, 'invalidDocument', `${problem} Fix it in POR; the corrected document will be sent.`);
      continue;
    }
    const store: StoreContext = { number: config.number, className: config.className, receivableAccounts: new Set(config.receivableAccounts ?? []) };
    const needsReceivable = (doc.type === 'payment' || doc.type === 'creditMemo') && unsent.some((r) => r.path === 'batch' || r.path === 'realtime');
    const receivable = doc.type === 'payment' || doc.type === 'creditMemo' ? receivables(doc, config) : null;
    if (needsReceivable && receivable === null) {
      hold(
        doc,
        unsent,
        storeNumber,
        'receivableUnknown',
        `No A/R account is known for store ${storeNumber}: ${doc.type === 'payment' ? 'payments' : 'credit memos'} don't name one and its invoices use ${receivables.candidates(storeNumber)}. Set the store's A/R account.`,
      );
      continue;
    }

    // Build the transaction-mode document first: if it can't be sent, none of its parts go (no half invoices).
    const txRoute = unsent.find((r) => r.path === 'transaction' && r.part !== 'paid');
    const txResult = txRoute ? transactionJob(ctx, store, doc, txRoute.partKey, receivable) : null;
    if (txResult && 'problem' in txResult) {
      hold(doc, unsent, storeNumber, 'invalidDocument', `${txResult.problem}${problemWhere(doc)}`);
      continue;
    }

    const realtime: BatchEntry[] = [];
    for (const r of unsent) {
      switch (r.path) {
        case 'notExported':
          notExported.push({
            documentKey: documentKey(doc),
            partKeys: [r.partKey],
            store: storeNumber,
            businessDate: doc.businessDate,
            reason: 'counterPaymentInTransactionMode',
            message: 'Transaction mode: payments are received in QuickBooks, so this POR payment is not sent.',
          });
          break;
        case 'glJournal':
          postings.push(buildGlJournalJob(ctx, store, doc as GlJournal));
          break;
        case 'realtime':
          realtime.push({ doc: doc as FeedDocument, part: r.part, partKey: r.partKey, receivable });
          break;
        case 'transaction':
          if (r.part === 'paid') postings.push(...buildPaidAtCloseJobs(ctx, store, doc as PorInvoice, r.partKey, invoiceJobKey(ctx, store, doc as PorInvoice)));
          else if (txResult) postings.push(txResult.job);
          break;
        case 'batch': {
          const dayKey = storeDayKey(storeNumber, doc.businessDate);
          if (!closed.has(dayKey)) {
            hold(
              doc,
              [r],
              storeNumber,
              'dayNotClosed',
              `Waiting for End of Day: store ${storeNumber}'s business day ${doc.businessDate} is not closed yet. It goes out in that day's batch once End of Day is done.`,
            );
            break;
          }
          let bucket = buckets.get(dayKey);
          if (!bucket) {
            bucket = { store, businessDate: doc.businessDate, entries: [] };
            buckets.set(dayKey, bucket);
          }
          bucket.entries.push({ doc: doc as FeedDocument, part: r.part, partKey: r.partKey, receivable });
          break;
        }
      }
    }
    if (realtime.length > 0) postings.push(buildRealtimeJob(ctx, store, realtime));
  }
  for (const b of buckets.values()) postings.push(buildBatchJob(ctx, b.store, b.businessDate, b.entries));

  postings.sort(comparePostingJobs);
  return {
    environment: input.environment,
    mode: input.mode,
    jobs: addEnsureJobs(input.environment, postings),
    held: mergeHeld(held),
    notExported,
  };
}

/** The key of the invoice's own job (planned now or earlier): its payments link to what that job created. */
function invoiceJobKey(ctx: ModeContext, store: StoreContext, inv: PorInvoice): string {
  const built = buildInvoiceJob(ctx, store, inv, documentKey(inv));
  if ('problem' in built) throw new Error(`internal error: invoice ${inv.invoiceNumber} has payments but no invoice job: ${built.problem}`);
  return built.job.idempotencyKey;
}

/** Store-days whose batch already reached QBO (some batch-routed part was sent): a later batch is supplementary. */
function daysWithSentBatchParts(docs: readonly PorDocument[], mode: PlanInput['mode'], sentRevision: (partKey: string) => number | undefined): Set<string> {
  const days = new Set<string>();
  for (const d of docs) {
    if (d.store === null || d.type === 'glJournal') continue;
    if (routeParts(d, mode).some((r) => r.path === 'batch' && sentRevision(r.partKey) !== undefined)) days.add(storeDayKey(d.store, d.businessDate));
  }
  return days;
}

function problemWhere(doc: PorDocument): string {
  return doc.source.file ? ` (${doc.source.file}${doc.source.line !== null ? `, line ${doc.source.line}` : ''})` : '';
}

function transactionJob(ctx: ModeContext, store: StoreContext, doc: PorDocument, partKey: string, receivable: string | null): TransactionResult {
  switch (doc.type) {
    case 'invoice':
      return buildInvoiceJob(ctx, store, doc, partKey);
    case 'payment':
      return buildPaymentCreditMemoJob(ctx, store, doc, receivable);
    case 'creditMemo':
      return buildCreditMemoJob(ctx, store, doc, receivable);
    default:
      throw new Error(`internal error: ${doc.type} has no transaction-mode rule`);
  }
}

const PATH_ORDER = { glJournal: 0, realtime: 1, transaction: 2, batch: 3, ensure: 4 } as const;

function comparePostingJobs(a: ExportJob, b: ExportJob): number {
  return (
    cmp(a.businessDate ?? '', b.businessDate ?? '') ||
    (a.store ?? 0) - (b.store ?? 0) ||
    PATH_ORDER[a.path] - PATH_ORDER[b.path] ||
    cmp(a.idempotencyKey, b.idempotencyKey)
  );
}

/** One document per key, the highest revision; sorted by key so input order never matters. */
function latestRevisions(documents: readonly PorDocument[]): PorDocument[] {
  const byKey = new Map<string, PorDocument>();
  for (const d of documents) {
    const key = documentKey(d);
    const seen = byKey.get(key);
    if (!seen || d.revision > seen.revision) byKey.set(key, d);
  }
  return [...byKey.entries()].sort(([a], [b]) => cmp(a, b)).map(([, d]) => d);
}

function closedStoreDays(input: PlanInput, docs: readonly PorDocument[]): Set<string> {
  const closed = new Set<string>();
  for (const d of input.closedDays ?? []) closed.add(storeDayKey(d.store, d.businessDate));
  for (const d of docs) if (d.type === 'storeDayClosed' && d.store !== null) closed.add(storeDayKey(d.store, d.businessDate));
  return closed;
}

function sentLookup(sent: PlanInput['alreadySent']): (partKey: string) => number | undefined {
  if (sent instanceof Map) return (k) => sent.get(k);
  // A plain set knows no revisions: whatever it names counts as sent at any revision.
  return (k) => (sent.has(k) ? Infinity : undefined);
}

/** One name per POR customer number: the most recent invoice or credit memo that names it. */
function customerDirectory(docs: readonly PorDocument[], context?: PlanContext): Pick<Map<string, CustomerSym>, 'get'> {
  if (context) {
    // The whole ledger answers (the documents are one slice of it); asked once per number.
    const known = new Map<string, CustomerSym | null>();
    return {
      get: (number) => {
        if (!known.has(number)) {
          const c = context.customer(number);
          known.set(number, c ? fromPor(c) : null);
        }
        return known.get(number) ?? undefined;
      },
    };
  }
  const best = new Map<string, { at: string; sym: CustomerSym }>();
  for (const d of docs) {
    if (d.type !== 'invoice' && d.type !== 'creditMemo') continue;
    const at = `${d.businessDate}\u0000${documentKey(d)}`;
    const seen = best.get(d.customer.number);
    if (!seen || at > seen.at) best.set(d.customer.number, { at, sym: fromPor(d.customer) });
  }
  return new Map([...best].map(([n, v]) => [n, v.sym]));
}

interface ReceivableResolver {
  (doc: PorPayment | PorCreditMemo, config: StoreExportConfig): string | null;
  candidates(store: number): string;
}

/** Payments and credit memos don't name their A/R account: the store's setting, else what invoices use. */
function receivableResolver(docs: readonly PorDocument[], context?: PlanContext): ReceivableResolver {
  const byInvoice = new Map<string, string>();
  const byStore = new Map<number, Set<string>>();
  if (context) {
    // One slice of the ledger: its invoices are not all here, so the ledger is asked (per number, per store).
    const invoiceAr = new Map<string, string | null>();
    const storeAr = new Map<number, string[]>();
    const storeAccounts = (store: number) => {
      let all = storeAr.get(store);
      if (!all) storeAr.set(store, (all = context.storeArAccounts(store)));
      return all;
    };
    const resolve = ((doc: PorPayment | PorCreditMemo, config: StoreExportConfig): string | null => {
      if (config.arAccount) return config.arAccount;
      const refs = doc.type === 'payment' ? doc.appliedTo.map((a) => a.invoiceNumber) : doc.invoiceNumber ? [doc.invoiceNumber] : [];
      for (const n of refs) {
        const key = `${config.number}\u0000${n}`;
        if (!invoiceAr.has(key)) invoiceAr.set(key, context.invoiceArAccount(config.number, n));
        const ar = invoiceAr.get(key);
        if (ar) return ar;
      }
      const all = storeAccounts(config.number);
      return all.length === 1 ? all[0]! : null;
    }) as ReceivableResolver;
    resolve.candidates = (store) => {
      const all = storeAccounts(store);
      return all.length === 0 ? 'none' : `more than one (${all.join(', ')})`;
    };
    return resolve;
  }
  for (const d of docs) {
    if (d.type !== 'invoice' || d.store === null) continue;
    byInvoice.set(`${d.store}\u0000${d.invoiceNumber}`, d.arAccount);
    let set = byStore.get(d.store);
    if (!set) byStore.set(d.store, (set = new Set()));
    set.add(d.arAccount);
  }
  const resolve = ((doc: PorPayment | PorCreditMemo, config: StoreExportConfig): string | null => {
    if (config.arAccount) return config.arAccount;
    const refs = doc.type === 'payment' ? doc.appliedTo.map((a) => a.invoiceNumber) : doc.invoiceNumber ? [doc.invoiceNumber] : [];
    for (const n of refs) {
      const ar = byInvoice.get(`${config.number}\u0000${n}`);
      if (ar) return ar;
    }
    const all = byStore.get(config.number);
    return all && all.size === 1 ? [...all][0]! : null;
  }) as ReceivableResolver;
  resolve.candidates = (store) => {
    const all = [...(byStore.get(store) ?? [])].sort();
    return all.length === 0 ? 'none' : `more than one (${all.join(', ')})`;
  };
  return resolve;
}

function glClass(doc: GlJournal): string | null {
  return doc.className ?? doc.lines.find((l) => l.className)?.className ?? null;
}

/** A GL block without a store: the store whose class the block carries, if exactly one. */
function storeByClass(doc: GlJournal, stores: readonly StoreExportConfig[]): number | null {
  const cls = glClass(doc)?.trim().toLowerCase();
  if (!cls) return null;
  const matches = stores.filter((s) => s.className.trim().toLowerCase() === cls);
  return matches.length === 1 ? matches[0]!.number : null;
}

/** One held item per document and reason. */
function mergeHeld(items: readonly HeldItem[]): HeldItem[] {
  const out = new Map<string, HeldItem>();
  for (const h of items) {
    const key = `${h.documentKey}\u0000${h.reason}`;
    const seen = out.get(key);
    if (seen) seen.partKeys = [...new Set([...seen.partKeys, ...h.partKeys])].sort();
    else out.set(key, { ...h, partKeys: [...h.partKeys].sort() });
  }
  return [...out.values()];
}
