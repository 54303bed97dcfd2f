/**
 * The clerk's view: one truth about the books (dashboard and tray), what turning automatic sync on would
 * send before anything is sent, and the actions that send undone days or retry failures in one go.
 */
import { z } from 'zod';
import { CentsSchema, EnvironmentSchema, IsoDateSchema, JobIdSchema, StoreNumberSchema } from './common';

/** Where a health item's action leads: a screen and, for setup, its step. */
export const HealthActionSchema = z.object({ label: z.string(), route: z.string(), param: z.string().nullable() });

export const HealthItemSchema = z.object({
  id: z.string(),
  tone: z.enum(['err', 'warn', 'info']),
  text: z.string(),
  action: HealthActionSchema.nullable(),
});

export const HealthSchema = z.object({
  state: z.enum(['up-to-date', 'attention', 'syncing', 'not-connected']),
  headline: z.string(),
  items: z.array(HealthItemSchema),
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
  /** Posted QuickBooks transactions (journal entries, invoices, credit memos), apart from list records. */
  postedEntries: z.number().int().nonnegative(),
  /** Classes, customers and items the app created in QuickBooks for those entries. */
  postedListRecords: z.number().int().nonnegative(),
  syncOn: z.boolean(),
  environment: EnvironmentSchema,
  companyName: z.string().nullable(),
});

/** What automatic sync would send if it were turned on now (nothing is sent to find out). */
export const SyncStartPreviewSchema = z.object({
  environment: EnvironmentSchema,
  companyName: z.string().nullable(),
  startFrom: IsoDateSchema.nullable(),
  /** Entries (journal entries, invoices, credit memos) that would be posted. */
  entries: z.number().int().nonnegative(),
  /** Classes, customers and items that would be created first. */
  listRecords: z.number().int().nonnegative(),
  /** Already in the outbox, waiting: they go out too. */
  waiting: z.number().int().nonnegative(),
  storeDays: z.number().int().nonnegative(),
  from: IsoDateSchema.nullable(),
  to: IsoDateSchema.nullable(),
  debitCents: CentsSchema,
  /** The earliest POR business day this environment holds (to suggest a start). */
  earliestDay: IsoDateSchema.nullable(),
  latestDay: IsoDateSchema.nullable(),
});

export const SyncStartSchema = z.object({ confirmed: z.literal(true), startFrom: IsoDateSchema.nullable() }).strict();

export const SyncRunResultSchema = z.object({
  ok: z.boolean(),
  posted: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  message: z.string(),
});

export const ResendUndoneSchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema, store: StoreNumberSchema.nullable(), confirmed: z.literal(true) })
  .strict();

export const RetryManySchema = z.object({ jobIds: z.array(JobIdSchema).min(1).max(200), confirmed: z.literal(true) }).strict();

export const BulkResultSchema = z.object({
  sent: z.number().int().nonnegative(),
  posted: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  message: z.string(),
});

export const StoreAddSchema = z
  .object({ store: StoreNumberSchema.refine((n) => n >= 1, 'Store numbers start at 1'), name: z.string().trim().max(100).nullable() })
  .strict();

export type Health = z.output<typeof HealthSchema>;
export type HealthItem = z.output<typeof HealthItemSchema>;
export type SyncStartPreview = z.output<typeof SyncStartPreviewSchema>;
export type SyncRunResult = z.output<typeof SyncRunResultSchema>;
export type BulkResult = z.output<typeof BulkResultSchema>;
