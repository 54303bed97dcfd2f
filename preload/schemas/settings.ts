import { z } from 'zod';

export const AppSettingsSchema = z.object({
  /** "Accounting Sync Services": the scheduler runs only when on. */
  syncServicesOn: z.boolean(),
  paused: z.boolean(),
  startAtLogin: z.boolean(),
  /** The OS lets this app register itself to start at login. */
  startAtLoginSupported: z.boolean(),
  inboxDir: z.string().nullable(),
});

export const AppSettingsPatchSchema = z
  .object({
    syncServicesOn: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    inboxDir: z.string().trim().min(1).max(1000).nullable().optional(),
  })
  .strict();

export type AppSettings = z.output<typeof AppSettingsSchema>;
