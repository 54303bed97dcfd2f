import { z } from 'zod';
import { StoreNumberSchema } from './common';

export const MappingRowSchema = z.object({
  store: z.number().int(),
  porAccount: z.string(),
  porName: z.string().nullable(),
  /** POR refuses to export without it (e.g. Bank Deposits). */
  required: z.boolean(),
  qboAccountId: z.string().nullable(),
  qboAccountName: z.string().nullable(),
  /** mapped: active QBO account; inactive: mapped to an account made inactive; missing: mapped account is gone. */
  state: z.enum(['mapped', 'unmapped', 'inactive', 'missing']),
  source: z.enum(['auto', 'manual']).nullable(),
});

export const QboAccountOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  number: z.string().nullable(),
  type: z.string().nullable(),
  active: z.boolean(),
});

export const MappingViewSchema = z.object({
  rows: z.array(MappingRowSchema),
  accounts: z.array(QboAccountOptionSchema),
  accountsFetchedAt: z.string().nullable(),
  summary: z.object({
    total: z.number().int().nonnegative(),
    mapped: z.number().int().nonnegative(),
    unmapped: z.number().int().nonnegative(),
    inactive: z.number().int().nonnegative(),
    requiredMissing: z.number().int().nonnegative(),
  }),
});

export const MappingSetSchema = z
  .object({ store: StoreNumberSchema, porAccount: z.string().min(1).max(100), qboAccountId: z.string().min(1).max(50).nullable() })
  .strict();

export type MappingRow = z.output<typeof MappingRowSchema>;
export type MappingView = z.output<typeof MappingViewSchema>;
export type QboAccountOption = z.output<typeof QboAccountOptionSchema>;
