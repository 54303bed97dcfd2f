import { z } from 'zod';

/** One QuickBooks company setting our postings depend on, and what the app does with it. */
export const CompanyRowSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** ok: fine; warning: the app adapts (detail says how) or not read yet; todo: postings are held until it changes. */
  state: z.enum(['ok', 'warning', 'todo']),
  detail: z.string(),
  /** Postings wait for this row (class tracking off while stores post with classes). */
  blocking: z.boolean(),
});

export const CompanyPreflightSchema = z.object({
  /** False when the settings could not be read (not connected, QuickBooks unreachable). */
  read: z.boolean(),
  /** QuickBooks plan (OfferingSku), when known. */
  plan: z.string().nullable(),
  rows: z.array(CompanyRowSchema),
  /** Postings are held until the blocking rows change. */
  blocked: z.boolean(),
});

export const CompanyPreflightQuerySchema = z.object({ refresh: z.boolean() }).strict();

export type CompanyPreflight = z.output<typeof CompanyPreflightSchema>;
export type CompanyRow = z.output<typeof CompanyRowSchema>;
