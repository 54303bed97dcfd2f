import { z } from 'zod';

export const ExportModeSchema = z.enum(['batch', 'realtime', 'transaction']);

export const ModeOptionSchema = z.object({
  mode: ExportModeSchema,
  title: z.string(),
  reaches: z.string(),
  trigger: z.string(),
  recommended: z.boolean(),
});

export const ModeViewSchema = z.object({
  mode: ExportModeSchema.nullable(),
  transactionConfirmed: z.boolean(),
  options: z.array(ModeOptionSchema),
  /** What Transaction mode takes away, from the sync modes themselves: shown before anyone picks it. */
  transactionConsequences: z.array(z.string()),
});

export const ModeSetSchema = z.object({ mode: ExportModeSchema, confirmTransactionConsequences: z.boolean().optional() }).strict();

export type ExportMode = z.output<typeof ExportModeSchema>;
export type ModeView = z.output<typeof ModeViewSchema>;
export type ModeOption = z.output<typeof ModeOptionSchema>;
