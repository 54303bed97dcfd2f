import { z } from 'zod';
import { CentsSchema, IsoDateSchema, StoreNumberSchema } from './common';

export const ReconcileQuerySchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema, store: StoreNumberSchema.nullable() })
  .strict();

/** POR vs QBO for one store and day; amounts are the day's debit totals, to the cent. */
export const ReconcileDaySchema = z.object({
  store: z.number().int(),
  storeName: z.string().nullable(),
  date: IsoDateSchema,
  porCents: CentsSchema,
  qboCents: CentsSchema,
  differenceCents: CentsSchema,
  accounts: z.number().int().nonnegative(),
  accountsWithDifference: z.number().int().nonnegative(),
  status: z.enum(['match', 'difference', 'not-exported']),
});

export const ReconcileViewSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  days: z.array(ReconcileDaySchema),
  totals: z.object({ porCents: CentsSchema, qboCents: CentsSchema, differenceCents: CentsSchema }),
  generatedAt: z.string(),
});

export const ReconcileAccountSchema = z.object({
  porAccount: z.string(),
  qboAccount: z.string().nullable(),
  /** Net amounts, debit positive. */
  porCents: CentsSchema,
  qboCents: CentsSchema,
  differenceCents: CentsSchema,
});

export const ReconcileDayDetailSchema = z.object({
  store: z.number().int(),
  date: IsoDateSchema,
  accounts: z.array(ReconcileAccountSchema),
});

export type ReconcileView = z.output<typeof ReconcileViewSchema>;
export type ReconcileDay = z.output<typeof ReconcileDaySchema>;
export type ReconcileAccount = z.output<typeof ReconcileAccountSchema>;
export type ReconcileDayDetail = z.output<typeof ReconcileDayDetailSchema>;
