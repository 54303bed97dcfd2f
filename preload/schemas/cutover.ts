import { z } from 'zod';
import { CentsSchema, IsoDateSchema, JobIdSchema } from './common';

/** A go-live step the app verifies itself, with its live state. */
export const CutoverCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  state: z.enum(['pass', 'fail', 'pending']),
  detail: z.string(),
  fix: z.string().nullable(),
});

/** A go-live step only a person can know (e.g. "POR's sandbox is deactivated"). */
export const CutoverConfirmationSchema = z.object({
  id: z.string(),
  label: z.string(),
  detail: z.string(),
  confirmedAt: z.string().nullable(),
});

export const HeldDocumentSchema = z.object({
  jobId: JobIdSchema,
  title: z.string(),
  store: z.number().int().nullable(),
  businessDate: IsoDateSchema.nullable(),
  amountCents: CentsSchema,
  reason: z.string().nullable(),
});

export const CutoverViewSchema = z.object({
  /** Production is configured and every check passes: held documents may be replayed. */
  ready: z.boolean(),
  checks: z.array(CutoverCheckSchema),
  confirmations: z.array(CutoverConfirmationSchema),
  held: z.object({
    count: z.number().int().nonnegative(),
    amountCents: CentsSchema,
    rows: z.array(HeldDocumentSchema),
  }),
  replay: z.object({
    state: z.enum(['idle', 'running', 'done', 'failed']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    message: z.string(),
  }),
});

export const CutoverConfirmSchema = z.object({ id: z.string().min(1).max(60), confirmed: z.boolean() }).strict();

export type CutoverView = z.output<typeof CutoverViewSchema>;
export type CutoverCheck = z.output<typeof CutoverCheckSchema>;
export type CutoverConfirmation = z.output<typeof CutoverConfirmationSchema>;
export type HeldDocument = z.output<typeof HeldDocumentSchema>;
