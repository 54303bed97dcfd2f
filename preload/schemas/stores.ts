import { z } from 'zod';
import { StoreNumberSchema } from './common';

export const ExportFormatSchema = z.enum(['API-QBO', 'off']);
/** `Parent:Sub`, one subclass per store, as POR's setup asks. */
export const ClassNameSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^:]+:[^:]+$/, 'Use Parent:Sub, for example "Store 1:Burbank"');

export const StoreRowSchema = z.object({
  store: z.number().int(),
  name: z.string().nullable(),
  className: z.string().nullable(),
  classCode: z.string().nullable(),
  exportFormat: ExportFormatSchema,
  /** What QBO says about the class: checked on request, never guessed. */
  classState: z.enum(['exists', 'missing', 'inactive', 'unchecked', 'unset']),
  classMessage: z.string().nullable(),
  documents: z.number().int().nonnegative(),
});

export const StoresViewSchema = z.object({
  stores: z.array(StoreRowSchema),
  classesCheckedAt: z.string().nullable(),
});

export const StoreUpdateSchema = z
  .object({
    store: StoreNumberSchema,
    name: z.string().trim().max(100).nullable().optional(),
    className: ClassNameSchema.nullable().optional(),
    classCode: z.string().trim().max(50).nullable().optional(),
    exportFormat: ExportFormatSchema.optional(),
  })
  .strict();

export type StoreRow = z.output<typeof StoreRowSchema>;
export type StoresView = z.output<typeof StoresViewSchema>;
export type ExportFormat = z.output<typeof ExportFormatSchema>;
