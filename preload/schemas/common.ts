/** Small shapes every part of the contract shares. Money is integer cents; dates are YYYY-MM-DD. */
import { z } from 'zod';

export const EnvironmentSchema = z.enum(['practice', 'sandbox', 'production']);
export type EnvironmentName = z.output<typeof EnvironmentSchema>;

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-03-14');
export const CentsSchema = z.number().int().safe();
export const StoreNumberSchema = z.number().int().min(0).max(9999);
export const JobIdSchema = z.number().int().positive();

/** An error as people see it: what happened, what to do, and the id Intuit support asks for. */
export const ErrorInfoSchema = z.object({
  code: z.string().nullable(),
  message: z.string(),
  fix: z.string().nullable(),
  intuitTid: z.string().nullable(),
});
export type ErrorInfo = z.output<typeof ErrorInfoSchema>;

export const Empty = z.object({}).strict();
/** Actions that change books or connections need an explicit yes from the UI. */
export const Confirmed = z.literal(true);
