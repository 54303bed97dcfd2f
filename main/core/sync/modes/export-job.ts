/**
 * One intended QBO create, as planned from POR documents: what the outbox stores as a row. Pure data:
 * no HTTP, no SQLite. References inside `payload` are still POR-side (see draft-types.ts).
 */
import type { Cents } from '../../money';
import type { IsoDate } from '../../por/model';
import type { EffectLine, JobKind, JobPayload } from './draft-types';
import type { CoveredPart } from './export-parts';
import type { JobPath } from './idempotency-key';
import { effectTotals } from './netting';

export interface ExportJob {
  /** Stable for the same documents, revisions and mode; new for any new revision. */
  idempotencyKey: string;
  kind: JobKind;
  path: JobPath;
  store: number | null;
  businessDate: IsoDate | null;
  /** The date the QBO transaction will carry (TxnDate). */
  txnDate: IsoDate | null;
  /** Export part keys this job covers (`invoice:123`, `invoice:123#paid`, `payment:9`...), sorted. */
  documentKeys: string[];
  /** The same parts with the revision covered: what the ledger records as sent once the job posts. */
  covers: CoveredPart[];
  payload: JobPayload;
  totals: { debits: Cents; credits: Cents };
  /** Journal view of the job per POR account (dry-run preview, reconciliation). */
  preview: EffectLine[];
  /** Ensure jobs (class, customer, item) that must be done before this one. */
  dependsOn: string[];
  /** Everything netted to zero: record the parts as sent without calling QBO. */
  nothingToPost: boolean;
  /** Plain sentences worth showing next to the job (shortened numbers, class taken from settings...). */
  notes: string[];
}

export interface PostingJobInit {
  idempotencyKey: string;
  kind: JobKind;
  path: JobPath;
  store: number;
  businessDate: IsoDate;
  txnDate: IsoDate;
  covers: CoveredPart[];
  payload: JobPayload;
  preview: EffectLine[];
  nothingToPost: boolean;
  notes: string[];
}

export function postingJob(init: PostingJobInit): ExportJob {
  const covers = [...init.covers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    ...init,
    covers,
    documentKeys: covers.map((c) => c.key),
    totals: effectTotals(init.preview),
    dependsOn: [],
  };
}
