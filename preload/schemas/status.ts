import { z } from 'zod';
import { EnvironmentSchema, ErrorInfoSchema, IsoDateSchema, JobIdSchema } from './common';

export const SyncStateSchema = z.enum(['idle', 'syncing', 'attention', 'error', 'paused', 'disconnected']);

export const SyncStatusSchema = z.object({
  environment: EnvironmentSchema,
  state: SyncStateSchema,
  /** One plain sentence for the tray tooltip and the dashboard. */
  message: z.string(),
  companyName: z.string().nullable(),
  realmId: z.string().nullable(),
  queued: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
});

/** One environment at a glance (the dashboard shows all three; only the current one runs). */
export const EnvironmentSummarySchema = z.object({
  environment: EnvironmentSchema,
  current: z.boolean(),
  connected: z.boolean(),
  reconnectNeeded: z.boolean(),
  companyName: z.string().nullable(),
  realmId: z.string().nullable(),
  setupComplete: z.boolean(),
  queued: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  posted: z.number().int().nonnegative(),
  lastRunAt: z.string().nullable(),
});

/** Something a person should look at, with the fix in plain words and what the UI can offer. */
export const ProblemSchema = z.object({
  id: z.string(),
  jobId: JobIdSchema.nullable(),
  title: z.string(),
  error: ErrorInfoSchema,
  at: z.string(),
  store: z.number().int().nullable(),
  businessDate: IsoDateSchema.nullable(),
  /** retry: resend the job; reconnect: open the connection step; mapping/classes: open that screen. */
  action: z.enum(['retry', 'reconnect', 'mapping', 'classes', 'inbox', 'none']),
});

export const DashboardSchema = z.object({
  status: SyncStatusSchema,
  environments: z.array(EnvironmentSummarySchema),
  counts: z.object({
    queued: z.number().int().nonnegative(),
    inFlight: z.number().int().nonnegative(),
    posted: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    held: z.number().int().nonnegative(),
    undone: z.number().int().nonnegative(),
  }),
  problems: z.array(ProblemSchema),
  syncServicesOn: z.boolean(),
  paused: z.boolean(),
  setupComplete: z.boolean(),
});

export type SyncStatus = z.output<typeof SyncStatusSchema>;
export type SyncState = z.output<typeof SyncStateSchema>;
export type EnvironmentSummary = z.output<typeof EnvironmentSummarySchema>;
export type Problem = z.output<typeof ProblemSchema>;
export type Dashboard = z.output<typeof DashboardSchema>;
