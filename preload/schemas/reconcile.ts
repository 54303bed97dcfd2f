import { z } from 'zod';
import { CentsSchema, IsoDateSchema, StoreNumberSchema } from './common';

export const ReconcileQuerySchema = z.object({ from: IsoDateSchema, to: IsoDateSchema, store: StoreNumberSchema.nullable() }).strict();

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
  /** POR input of this day that was refused: "POR produced it; it never reached QuickBooks: <reason>". */
  refused: z.array(z.string()).default([]),
});

export const ReconcileViewSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  days: z.array(ReconcileDaySchema),
  totals: z.object({ porCents: CentsSchema, qboCents: CentsSchema, differenceCents: CentsSchema }),
  generatedAt: z.string(),
  /** Refused POR input not tied to one store's day in the list (no readable store or day): never a match. */
  refusedElsewhere: z.array(z.string()).default([]),
  /** False whenever anything differs or POR input is missing, whatever the totals say. */
  match: z.boolean().default(true),
});

export const ReconcileAccountSchema = z.object({
  porAccount: z.string(),
  qboAccount: z.string().nullable(),
  /** Net amounts, debit positive. */
  porCents: CentsSchema,
  qboCents: CentsSchema,
  differenceCents: CentsSchema,
  notes: z.array(z.string()).default([]),
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
