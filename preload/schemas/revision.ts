import { z } from 'zod';
import { IsoDateSchema } from './common';
import { PreviewEntrySchema, PreviewProblemSchema } from './exports';

/** A POR document whose new content differs from what QuickBooks has: "Replace in QuickBooks" or keep. */
export const RevisionWaitingSchema = z.object({
  key: z.string(),
  store: z.number().int().nullable(),
  businessDate: IsoDateSchema,
  revision: z.number().int(),
  /** The revision QuickBooks holds (null: nothing of it was posted yet). */
  postedRevision: z.number().int().nullable(),
  /** regenerated: POR wrote the GL export again (waits for a decision); revised: a higher feed revision after it was sent. */
  kind: z.enum(['regenerated', 'revised']),
  summary: z.string(),
});

export const RevisionKeySchema = z.object({ key: z.string().min(1).max(200) }).strict();
export const RevisionReplaceSchema = z.object({ key: z.string().min(1).max(200), confirmed: z.literal(true) }).strict();

/** Old vs new: what QuickBooks holds for the document now, and exactly what Replace would post instead. */
export const RevisionPreviewSchema = z.object({
  revision: RevisionWaitingSchema,
  old: z.array(PreviewEntrySchema),
  new: z.array(PreviewEntrySchema),
  problems: z.array(PreviewProblemSchema),
  canReplace: z.boolean(),
});

export const RevisionReplacedSchema = z.object({
  key: z.string(),
  undone: z.number().int().nonnegative(),
  posted: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  message: z.string(),
});

export type RevisionWaiting = z.output<typeof RevisionWaitingSchema>;
export type RevisionPreview = z.output<typeof RevisionPreviewSchema>;
export type RevisionReplaced = z.output<typeof RevisionReplacedSchema>;
