/**
 * What an outbox row carries: the planned ExportJob itself (draft payload with POR-side references,
 * covered parts with their revisions, the per-account preview). References are resolved only when the
 * job is sent, so a mapping fix applies to jobs already queued, and the row stays readable for the
 * history, the dry-run preview and reconciliation.
 */
import type { OutboxJob } from '../../ledger';
import { ENSURE_KINDS } from '../../ledger/job-kinds';
import type { ExportJob } from '../plan';

export const PAYLOAD_VERSION = 1;

export interface StoredJobPayload {
  v: typeof PAYLOAD_VERSION;
  job: ExportJob;
}

export function toStoredPayload(job: ExportJob): StoredJobPayload {
  return { v: PAYLOAD_VERSION, job };
}

/** The planned job inside an outbox row, or null when the row was not made by the planner. */
export function exportJobOf(row: Pick<OutboxJob, 'payload'>): ExportJob | null {
  const p = row.payload as Partial<StoredJobPayload> | null;
  if (!p || p.v !== PAYLOAD_VERSION || !p.job || typeof p.job !== 'object') return null;
  return p.job;
}

/** Ensure jobs find or create the classes, customers and items postings refer to. */
/** Declared once, in the ledger's job kinds. */
export { ENSURE_KINDS, POSTING_KINDS } from '../../ledger/job-kinds';

export function isEnsureKind(kind: string): boolean {
  return (ENSURE_KINDS as readonly string[]).includes(kind);
}

/** Short human label for messages: "journal entry PR260314-1-ab12", "customer Acme (POR #C100)". */
export function describeJob(job: ExportJob | null, row: Pick<OutboxJob, 'kind' | 'id'>): string {
  if (!job) return `export job ${row.id}`;
  const p = job.payload;
  switch (p.entity) {
    case 'JournalEntry':
      return `journal entry ${p.docNumber}`;
    case 'Invoice':
      return `invoice ${p.docNumber}`;
    case 'CreditMemo':
      return `credit memo ${p.docNumber}`;
    case 'Payment':
      return `payment at close of invoice ${p.refNumber}`;
    case 'Customer':
      return `customer ${p.customer.name ?? ''}${p.customer.number ? ` (POR #${p.customer.number})` : ''}`.trim();
    case 'Class':
      return `class ${p.fullyQualifiedName}`;
    case 'Item':
      return `item ${p.name}`;
  }
}
