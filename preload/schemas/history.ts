import { z } from 'zod';
import { IsoDateSchema, JobIdSchema, StoreNumberSchema } from './common';
import { HistoryRowSchema, JobStatusSchema } from './exports';

/** Server-side paging and filtering: the renderer never holds more than the rows on screen and around it. */
export const HistoryQuerySchema = z
  .object({
    text: z.string().trim().max(100).optional(),
    status: JobStatusSchema.optional(),
    entity: z.string().max(40).optional(),
    store: StoreNumberSchema.optional(),
    dateFrom: IsoDateSchema.optional(),
    dateTo: IsoDateSchema.optional(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(500),
  })
  .strict();

export const HistoryPageSchema = z.object({
  rows: z.array(HistoryRowSchema),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** A text under 3 characters is looked for only in this many newest exports (of the other filters). */
  searchedNewest: z.number().int().positive().optional(),
});

export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  detail: z.string().nullable(),
});

export const HistoryDetailSchema = z.object({
  row: HistoryRowSchema,
  /** The QBO web address of the transaction (null in practice: the practice company has no web app). */
  qboUrl: z.string().nullable(),
  documents: z.array(z.string()),
  audit: z.array(AuditEntrySchema),
  /** Its documents that POR regenerated or revised since: "Replace in QuickBooks" sends the new content. */
  revisions: z.array(z.string()).default([]),
});

export const OpenInQboSchema = z.object({ opened: z.boolean(), url: z.string().nullable(), message: z.string() });

export const JobRefSchema = z.object({ jobId: JobIdSchema }).strict();

export type HistoryQuery = z.output<typeof HistoryQuerySchema>;
export type HistoryPage = z.output<typeof HistoryPageSchema>;
export type HistoryDetail = z.output<typeof HistoryDetailSchema>;
export type AuditEntry = z.output<typeof AuditEntrySchema>;
