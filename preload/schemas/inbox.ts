import { z } from 'zod';
import { IsoDateSchema } from './common';

/** Where POR data comes from and what happened to it. */
export const InboxFileSchema = z.object({
  name: z.string(),
  importedAt: z.string(),
  outcome: z.enum(['accepted', 'rejected']),
  reason: z.string().nullable(),
  summary: z.string().nullable(),
  /** What happened to it, the same words as the dashboard, the reason file and the CLI. */
  status: z.enum(['imported', 'duplicate', 'revisionPending', 'partlyRecorded', 'refused']).default('imported'),
  /** What the person reading can do; null when nothing (or only someone else can). */
  fix: z.string().nullable().default(null),
});

export const InputProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
  fix: z.string().nullable().default(null),
});

export const PendingRevisionSchema = z.object({
  key: z.string(),
  store: z.number().int().nullable(),
  businessDate: IsoDateSchema,
  revision: z.number().int(),
  summary: z.string(),
  /** regenerated: waits for Replace or Keep; revised: arrived after QuickBooks got the earlier revision. */
  kind: z.enum(['regenerated', 'revised']).default('regenerated'),
});

export const InboxViewSchema = z.object({
  dir: z.string().nullable(),
  watching: z.boolean(),
  files: z.array(InboxFileSchema),
  problems: z.array(InputProblemSchema),
  pendingRevisions: z.array(PendingRevisionSchema),
  documents: z.number().int().nonnegative(),
  /** Practice only: the simulated POR store can produce business days on request. */
  practiceStore: z.boolean(),
  /** Production, optional: every imported file waits for a person's approval before it posts. */
  approval: z.object({
    available: z.boolean(),
    on: z.boolean(),
    waiting: z.array(z.object({ fileName: z.string(), documents: z.number().int().nonnegative(), recordedAt: z.string() })),
  }),
});

export const ApprovalSettingSchema = z.object({ on: z.boolean() }).strict();
export const ApproveImportSchema = z.object({ fileName: z.string().min(1).max(260).optional() }).strict();

export const RevisionDecisionSchema = z.object({ key: z.string().min(1).max(200), decision: z.enum(['replace', 'keep']) }).strict();
export const PracticeGenerateSchema = z.object({ days: z.number().int().min(1).max(31) }).strict();

export type InboxView = z.output<typeof InboxViewSchema>;
