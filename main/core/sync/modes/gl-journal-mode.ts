/**
 * A POR GL export block (IIF TRNS..ENDTRNS) becomes exactly one JournalEntry: lines in file order, zero
 * lines dropped, nothing netted (POR already netted them). The file is POR's own end-of-day output, so it
 * is its own proof that the day was closed: it is not held for a storeDayClosed document.
 */
import type { GlJournal } from '../../por/model';
import { clip, fitDocNumber, yymmdd } from './doc-number';
import { SINGLE_STORE, revisionSuffix } from './numbering';
import type { JournalDraft, JournalDraftLine } from './draft-types';
import { postingJob, type ExportJob } from './export-job';
import { postingJobKey } from './idempotency-key';
import { documentKey } from '../../por/document-identity';
import { arSummaryCustomer, storeLabel, type ModeContext, type StoreContext } from './mode-context';
import { journalEffect } from './netting';
import { assertBalanced } from './batch-mode';

export function buildGlJournalJob(ctx: ModeContext, store: StoreContext, doc: GlJournal): ExportJob {
  const notes: string[] = [];
  const otherClasses = new Set<string>();
  const lines: JournalDraftLine[] = [];
  let summarised = false;
  for (const l of doc.lines) {
    if (l.amount === 0) continue;
    const fileClass = l.className ?? doc.className;
    if (fileClass && fileClass !== store.className) otherClasses.add(fileClass);
    const unnamedReceivable = !l.name && (store.receivableAccounts?.has(l.account) ?? false);
    summarised ||= unnamedReceivable;
    lines.push({
      posting: l.amount > 0 ? 'Debit' : 'Credit',
      amount: Math.abs(l.amount),
      account: { store: store.number, porAccount: l.account },
      className: store.className,
      customer: l.name ? { number: null, name: l.name, email: null } : unnamedReceivable ? arSummaryCustomer(store) : null,
      description: l.memo ?? doc.memo,
    });
  }
  assertBalanced(lines, `GL block ${doc.id}`);
  if (summarised) {
    notes.push(
      `POR's GL export names no customer on its A/R lines; they post to "${arSummaryCustomer(store).name}", as QuickBooks needs a customer on every A/R line.`,
    );
  }
  for (const c of [...otherClasses].sort()) {
    notes.push(`The file gives class "${c}"; store ${store.number}'s class "${store.className}" is used, as for every entry of this store.`);
  }

  const covers = [{ key: documentKey(doc), revision: doc.revision }];
  const idempotencyKey = postingJobKey({
    environment: ctx.environment,
    mode: ctx.mode,
    path: 'glJournal',
    kind: 'JournalEntry',
    store: store.number,
    businessDate: doc.businessDate,
    anchor: documentKey(doc),
    covers,
  });
  // The file's own number; -store / -n only when several stores or blocks of the file share it.
  const base = doc.docNumber ?? `PR${yymmdd(doc.businessDate)}`;
  const numbering = ctx.numbering ?? SINGLE_STORE;
  const fitted = fitDocNumber(`${base}${numbering.glBlockSuffix(doc)}${revisionSuffix(numbering, doc)}`, 'GL document number');
  if (fitted.note) notes.push(fitted.note);
  const where = doc.source.file ? ` (${doc.source.file}${doc.source.line !== null ? ` line ${doc.source.line}` : ''})` : '';
  const payload: JournalDraft = {
    entity: 'JournalEntry',
    txnDate: doc.businessDate,
    docNumber: fitted.docNumber,
    privateNote: clip(
      `${storeLabel(store)}, business day ${doc.businessDate}: POR GL export ${base}${where}, ${doc.period} entry, revision ${doc.revision}.${doc.memo ? ` ${doc.memo}` : ''}`,
    ),
    lines,
  };
  return postingJob({
    idempotencyKey,
    kind: 'JournalEntry',
    path: 'glJournal',
    store: store.number,
    businessDate: doc.businessDate,
    txnDate: doc.businessDate,
    covers,
    payload,
    preview: journalEffect(lines),
    nothingToPost: lines.length === 0,
    notes: lines.length === 0 ? [...notes, 'Every line of this block is 0.00: nothing is sent to QuickBooks.'] : notes,
  });
}
