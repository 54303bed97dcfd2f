import { z } from 'zod';
import { JOB_STATUSES, STORE_DAY_STATES } from '../../main/core/ledger/job-kinds';
import { CentsSchema, ErrorInfoSchema, IsoDateSchema, JobIdSchema, StoreNumberSchema } from './common';

/** What a manual export covers: one store's day, a date range (one or all stores), or one earlier export. */
export const ExportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('storeDay'), store: StoreNumberSchema, date: IsoDateSchema }).strict(),
  z.object({ kind: z.literal('range'), from: IsoDateSchema, to: IsoDateSchema, store: StoreNumberSchema.nullable() }).strict(),
  z.object({ kind: z.literal('job'), jobId: JobIdSchema }).strict(),
]);

export const PreviewLineSchema = z.object({
  porAccount: z.string().nullable(),
  account: z.string(),
  accountId: z.string().nullable(),
  description: z.string().nullable(),
  debitCents: CentsSchema,
  creditCents: CentsSchema,
  className: z.string().nullable(),
  customer: z.string().nullable(),
});

/** One QBO transaction exactly as it would be posted. */
export const PreviewEntrySchema = z.object({
  key: z.string(),
  /** QBO entity: JournalEntry, Invoice, CreditMemo, Deposit, ... */
  entity: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  txnDate: IsoDateSchema.nullable(),
  store: z.number().int().nullable(),
  className: z.string().nullable(),
  customer: z.string().nullable(),
  lines: z.array(PreviewLineSchema),
  debitCents: CentsSchema,
  creditCents: CentsSchema,
  totalCents: CentsSchema,
  /** new: would be posted; otherwise already in the ledger with that status (posting again is a no-op). */
  existing: z.enum(['new', ...JOB_STATUSES]),
});

export const PreviewProblemSchema = z.object({ message: z.string(), fix: z.string().nullable() });

export const ExportPreviewSchema = z.object({
  scope: ExportScopeSchema,
  entries: z.array(PreviewEntrySchema),
  totals: z.object({
    entries: z.number().int().nonnegative(),
    newEntries: z.number().int().nonnegative(),
    debitCents: CentsSchema,
    creditCents: CentsSchema,
  }),
  problems: z.array(PreviewProblemSchema),
  /** What else happens or does not: classes or customers created first, days held and why. */
  notes: z.array(z.string()),
  canPost: z.boolean(),
  /** POR input of these days that was refused: it is not in the entries and will not reach QuickBooks as is. */
  refusedInput: z.array(PreviewProblemSchema).default([]),
});

export const ExportRunSchema = z.object({ runId: z.string(), total: z.number().int().nonnegative() });

export const ExportProgressSchema = z.object({
  runId: z.string(),
  label: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  posted: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  finished: z.boolean(),
  message: z.string(),
});

export const StoreDaySchema = z.object({
  store: z.number().int(),
  storeName: z.string().nullable(),
  date: IsoDateSchema,
  documents: z.number().int().nonnegative(),
  /** The store ran End of Day (batch mode exports only closed days). */
  closed: z.boolean(),
  state: z.enum(STORE_DAY_STATES),
  amountCents: CentsSchema,
  /** POR documents of the day regenerated or revised since QuickBooks got them: "Replace in QuickBooks". */
  revisions: z.array(z.string()).default([]),
});

export const StoreDaysSchema = z.object({ days: z.array(StoreDaySchema) });

/** The ledger's job states (main/core/ledger/job-kinds.ts, plain data: safe in the preload bundle). */
export const JobStatusSchema = z.enum(JOB_STATUSES);

/** One export (a QBO transaction, sent or to be sent). */
export const HistoryRowSchema = z.object({
  jobId: JobIdSchema,
  entity: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  store: z.number().int().nullable(),
  businessDate: IsoDateSchema.nullable(),
  amountCents: CentsSchema,
  status: JobStatusSchema,
  qboId: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  error: ErrorInfoSchema.nullable(),
  holdReason: z.string().nullable(),
  canOpen: z.boolean(),
  canUndo: z.boolean(),
  canRetry: z.boolean(),
});

export type ExportScope = z.output<typeof ExportScopeSchema>;
export type PreviewEntry = z.output<typeof PreviewEntrySchema>;
export type PreviewLine = z.output<typeof PreviewLineSchema>;
export type ExportPreview = z.output<typeof ExportPreviewSchema>;
export type ExportRun = z.output<typeof ExportRunSchema>;
export type ExportProgress = z.output<typeof ExportProgressSchema>;
export type StoreDay = z.output<typeof StoreDaySchema>;
export type HistoryRow = z.output<typeof HistoryRowSchema>;
export type JobStatus = z.output<typeof JobStatusSchema>;
