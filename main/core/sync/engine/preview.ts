/**
 * Dry-run preview: the exact QBO bodies and totals that would be posted, with nothing sent and nothing
 * written. Classes, customers and items the engine would create first appear as "(new)" references
 * named as they will be created, so a person sees the whole entry before posting it.
 */
import type { OutboxJob } from '../../ledger';
import type { Ref } from '../../qbo/entities';
import { centsToDecimal } from '../../money';
import { customerDisplayNames, itemName, resolvePayload, type ExportJob, type RefLookups, type ResolveProblem } from '../plan';

export interface PreviewEntry {
  /** Outbox row, when the job is already queued; null for a job planned by this preview. */
  jobId: number | null;
  status: OutboxJob['status'] | 'planned';
  kind: string;
  store: number | null;
  txnDate: string | null;
  docNumber: string | null;
  debits: string;
  credits: string;
  /** The exact body that would be posted, or null when it cannot be built yet. */
  body: object | null;
  problems: ResolveProblem[];
  notes: string[];
  /** What this creates first (classes, customers, items not in QuickBooks yet). */
  createsFirst: string[];
  documentKeys: string[];
}

export interface PreviewReport {
  entries: PreviewEntry[];
  totals: { jobs: number; debits: string; credits: string; problems: number };
}

const NEW_ID = '(new)';

/** Lookups that answer "(new)" where the engine would create the reference before posting. */
export function previewLookups(real: RefLookups, created: string[]): RefLookups {
  const note = (what: string) => {
    if (!created.includes(what)) created.push(what);
  };
  return {
    accountFor: (store, porAccount) => real.accountFor(store, porAccount),
    classFor: (fqn) => {
      const found = real.classFor(fqn);
      if (found) return found;
      note(`class ${fqn}`);
      return { value: NEW_ID, name: fqn };
    },
    customerFor: (number, name) => {
      const found = real.customerFor(number, name);
      if (found) return found;
      const [display] = customerDisplayNames({ number, name, email: null });
      note(`customer ${display}`);
      return { value: NEW_ID, name: display } satisfies Ref;
    },
    itemFor: (item) => {
      const found = real.itemFor(item);
      if (found) return found;
      const name = itemName(item);
      note(`item ${name}`);
      return { value: NEW_ID, name };
    },
    taxCode: (code) => real.taxCode(code),
    txnTaxCodeFor: real.txnTaxCodeFor ? (store, taxes) => real.txnTaxCodeFor!(store, taxes) : undefined,
  };
}

export function previewJob(job: ExportJob, lookups: RefLookups, row: OutboxJob | null): PreviewEntry {
  const createsFirst: string[] = [];
  const resolved = resolvePayload(job, previewLookups(lookups, createsFirst));
  const body = 'body' in resolved ? resolved.body : null;
  const problems = 'problems' in resolved ? resolved.problems : [];
  const notes = [...job.notes];
  if ('nothingToPost' in resolved) notes.push(resolved.nothingToPost);
  if ('existing' in resolved) notes.push(`Already in QuickBooks (Id ${resolved.existing.value}): linked, nothing created.`);
  return {
    jobId: row?.id ?? null,
    status: row?.status ?? 'planned',
    kind: job.kind,
    store: job.store,
    txnDate: job.txnDate,
    docNumber: 'docNumber' in job.payload ? job.payload.docNumber : null,
    debits: centsToDecimal(job.totals.debits),
    credits: centsToDecimal(job.totals.credits),
    body,
    problems,
    notes,
    createsFirst,
    documentKeys: job.documentKeys,
  };
}

export function previewReport(entries: PreviewEntry[], jobs: ExportJob[]): PreviewReport {
  const debits = jobs.reduce((s, j) => s + j.totals.debits, 0);
  const credits = jobs.reduce((s, j) => s + j.totals.credits, 0);
  return {
    entries,
    totals: {
      jobs: entries.length,
      debits: centsToDecimal(debits),
      credits: centsToDecimal(credits),
      problems: entries.filter((e) => e.problems.length > 0).length,
    },
  };
}
