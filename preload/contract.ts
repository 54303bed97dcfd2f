/**
 * The one typed contract between main and renderer: every request channel with its request and
 * response schema, and every event main pushes to the renderer. Main validates requests against it,
 * the preload exposes exactly these channels, the renderer's client and the browser harness use it too.
 * Secrets never travel on this bridge: no schema here has a field for one.
 */
import { z } from 'zod';

export const EnvironmentSchema = z.enum(['practice', 'sandbox', 'production']);

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

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser test harness. */
  host: z.enum(['electron', 'harness']),
});

export const EnvironmentInfoSchema = z.object({
  environment: EnvironmentSchema,
  label: z.string(),
  practice: z.boolean(),
});

const Empty = z.object({}).strict();

export const requests = {
  'app:info': { request: Empty, response: AppInfoSchema },
  'env:get': { request: Empty, response: EnvironmentInfoSchema },
  'env:set': {
    request: z.object({ environment: EnvironmentSchema, confirmed: z.literal(true) }).strict(),
    response: EnvironmentInfoSchema,
  },
  'status:get': { request: Empty, response: SyncStatusSchema },
} as const;

export const events = {
  'status:changed': SyncStatusSchema,
} as const;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export type RequestOf<C extends RequestChannel> = z.input<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<(typeof requests)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof events)[E]>;

export type SyncStatus = z.output<typeof SyncStatusSchema>;
export type SyncState = z.output<typeof SyncStateSchema>;
export type AppInfo = z.output<typeof AppInfoSchema>;

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(events) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Handlers main (or the harness) implements: one per request channel, already-validated input. */
export type Handlers = { [C in RequestChannel]: (request: z.output<(typeof requests)[C]['request']>) => Promise<ResponseOf<C>> };

/** The renderer's typed view of the bridge (renderer/src/bridge/client.ts builds it over RawBridge). */
export interface Bridge {
  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** Errors cross the bridge as this shape; the message is for people, the code for the UI. */
export const BridgeErrorSchema = z.object({ code: z.string(), message: z.string() });
export type BridgeError = z.output<typeof BridgeErrorSchema>;

export const BRIDGE_GLOBAL = 'porqbo' as const;
