/**
 * The dry-run preview: the exact entries an export would post (every line with its QuickBooks account,
 * class and amount) and the totals, from the planner's own jobs, plus what is already in the ledger for
 * the same scope. Problems are the resolver's own words, so the preview refuses what the engine would.
 */
import type { ExportPreview, ExportScope, PreviewEntry, PreviewLine } from '../../../../preload/contract';
import type { Ledger, OutboxJob } from '../../ledger';
import { describeJob, exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
import { RefIndex } from '../../sync/engine/ref-index';
import type { ExportJob, HeldItem, ResolveProblem } from '../../sync/plan';
import { resolvePayload } from '../../sync/plan';

const RESENDABLE = new Set<string>(['failed', 'undone', 'cancelled']);

/** Problems the engine solves itself (it creates the class, customer or item first). */
const SELF_SOLVED = new Set<ResolveProblem['code']>(['missingClass', 'missingParentClass', 'missingCustomer', 'missingItem']);

export function refIndexFromCache(ledger: Ledger): RefIndex {
  return new RefIndex(ledger, {
    Account: ledger.reference.list('Account'),
    Class: ledger.reference.list('Class'),
    Item: ledger.reference.list('Item'),
    Customer: ledger.reference.list('Customer'),
    TaxCode: ledger.reference.list('TaxCode'),
  });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function customerName(c: { name: string | null; number: string | null } | null | undefined): string | null {
  if (!c) return null;
  return c.name ?? (c.number ? `POR customer ${c.number}` : null);
}

export function previewEntry(job: ExportJob, refs: RefIndex, existing: PreviewEntry['existing'], id = 0): PreviewEntry {
  const p = job.payload;
  const lines: PreviewLine[] = job.preview.map((l) => {
    const acct = refs.accountFor(l.store, l.porAccount);
    return {
      porAccount: l.porAccount,
      account: acct ? (acct.name ?? `QuickBooks account ${acct.value}`) : 'Not mapped',
      accountId: acct && acct.active !== false ? acct.value : null,
      description: l.description,
      debitCents: l.debit,
      creditCents: l.credit,
      className: l.className || null,
      customer: customerName(l.customer),
    };
  });
  const sales = p.entity === 'Invoice' || p.entity === 'CreditMemo' ? p : null;
  const journal = p.entity === 'JournalEntry' ? p : null;
  return {
    key: job.idempotencyKey,
    entity: job.kind,
    title: capital(describeJob(job, { kind: job.kind, id })),
    docNumber: sales?.docNumber ?? journal?.docNumber ?? null,
    txnDate: job.txnDate,
    store: job.store,
    className: sales?.className ?? journal?.lines[0]?.className ?? null,
    customer: customerName(sales?.customer),
    lines,
    debitCents: job.totals.debits,
    creditCents: job.totals.credits,
    totalCents: sales ? sales.total : job.totals.debits,
    existing,
  };
}

export interface PreviewInput {
  scope: ExportScope;
  ledger: Ledger;
  /** New jobs the planner would enqueue for the scope (dry run). */
  planned: readonly ExportJob[];
  held: readonly HeldItem[];
  /** Rows already in the outbox for the scope. */
  existing: readonly OutboxJob[];
  /** Whether QuickBooks' lists are loaded (else account activity cannot be checked). */
  referencesLoaded: boolean;
}

export function buildPreview(input: PreviewInput): ExportPreview {
  const refs = refIndexFromCache(input.ledger);
  const entries: PreviewEntry[] = [];
  const problems = new Map<string, { message: string; fix: string | null }>();
  const notes: string[] = [];

  // Only what QuickBooks does not have yet: the planner lists every class, customer and item it needs.
  const ensure = input.planned.filter((j) => isEnsureKind(j.kind) && !('existing' in resolvePayload(j, refs)));
  if (ensure.length) notes.push(`Created in QuickBooks first: ${ensure.map((j) => describeJob(j, { kind: j.kind, id: 0 })).join(', ')}.`);
  for (const job of input.planned.filter((j) => !isEnsureKind(j.kind))) {
    if (job.nothingToPost) {
      notes.push(`${capital(describeJob(job, { kind: job.kind, id: 0 }))} nets to zero: nothing is posted for it.`);
      continue;
    }
    entries.push(previewEntry(job, refs, 'new'));
    const result = resolvePayload(job, refs);
    if ('problems' in result) {
      for (const pr of result.problems) {
        if (SELF_SOLVED.has(pr.code)) continue;
        problems.set(pr.message, { message: pr.message, fix: fixFor(pr.code) });
      }
    }
  }
  const resend = new Set<string>();
  for (const row of input.existing) {
    if (isEnsureKind(row.kind)) continue;
    const job = exportJobOf(row);
    if (!job) continue;
    const entry = previewEntry(job, refs, row.status, row.id);
    entries.push(entry);
    // "Resend one": a failed, undone or cancelled export is what would be sent again.
    if (input.scope.kind === 'job' && RESENDABLE.has(row.status)) {
      resend.add(entry.key);
      const result = resolvePayload(job, refs);
      if ('problems' in result)
        for (const pr of result.problems) if (!SELF_SOLVED.has(pr.code)) problems.set(pr.message, { message: pr.message, fix: fixFor(pr.code) });
    }
  }
  for (const h of input.held) notes.push(`Store ${h.store ?? '?'} ${h.businessDate}: ${h.message}`);
  if (!input.referencesLoaded) {
    problems.set('refs', { message: "QuickBooks' lists (accounts, classes) have not been read yet.", fix: 'Connect to QuickBooks, then preview again.' });
  }

  const fresh = entries.filter((e) => e.existing === 'new' || resend.has(e.key));
  const sum = (list: PreviewEntry[], f: (e: PreviewEntry) => number) => list.reduce((n, e) => n + f(e), 0);
  return {
    scope: input.scope,
    entries: entries.sort((a, b) => (a.txnDate ?? '').localeCompare(b.txnDate ?? '') || (a.store ?? 0) - (b.store ?? 0) || a.title.localeCompare(b.title)),
    totals: {
      entries: entries.length,
      newEntries: fresh.length,
      debitCents: sum(fresh.length ? fresh : entries, (e) => e.debitCents),
      creditCents: sum(fresh.length ? fresh : entries, (e) => e.creditCents),
    },
    problems: [...problems.values()],
    notes: [...new Set(notes.map((n) => n.replace(/\s+/g, ' ')))].slice(0, 50),
    canPost: fresh.length > 0 && problems.size === 0,
    refusedInput: refusedInputOf(input),
  };
}

/**
 * Refused POR input of the scope's days (and refusals whose day is unknown): the preview says what POR
 * produced that these entries leave out, before anything is posted. It does not block posting the rest.
 */
function refusedInputOf(input: PreviewInput): { message: string; fix: string | null }[] {
  const days =
    input.scope.kind === 'storeDay'
      ? { from: input.scope.date, to: input.scope.date, store: input.scope.store }
      : input.scope.kind === 'range'
        ? { from: input.scope.from, to: input.scope.to, store: input.scope.store }
        : (() => {
            const job = input.existing[0];
            return job?.businessDate ? { from: job.businessDate, to: job.businessDate, store: job.store } : null;
          })();
  if (!days) return [];
  return input.ledger.quarantine
    .refusedInput(days)
    .filter((r) => days.store === null || r.store === null || r.store === days.store)
    .slice(0, 20)
    .map((r) => ({
      message: `POR produced ${r.businessDate ? `for ${r.store !== null ? `store ${r.store}, ` : ''}${r.businessDate}` : 'a document whose day could not be read'} what is not in this preview: ${r.file}${r.line !== null ? `, line ${r.line}` : ''}: ${r.reasons.join('; ')}. It will not reach QuickBooks until the corrected file arrives.`,
      fix: r.fix,
    }));
}

function fixFor(code: ResolveProblem['code']): string | null {
  switch (code) {
    case 'unmappedAccount':
    case 'inactiveAccount':
      return 'Fix it in Setup → Account mapping, then preview again.';
    case 'inactiveClass':
      return 'Make the class active in QuickBooks, then check classes again.';
    case 'inactiveItem':
      return 'Make the item active in QuickBooks.';
    case 'missingTaxCode':
      return 'Set up sales tax in QuickBooks.';
    case 'receivableNeedsCustomer':
      return 'The POR document has no customer for its receivable line; fix it in POR and regenerate.';
    case 'unbalanced':
      return 'Regenerate the POR export for this day.';
    default:
      return null;
  }
}
