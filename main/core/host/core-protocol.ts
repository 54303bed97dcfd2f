/**
 * What crosses the boundary between the thread that owns the window, tray and IPC and the worker thread
 * that runs the core: requests and their envelopes, events, a few control calls, and the host capabilities
 * only the main thread has (the system browser, opening a file, the login item). Every message is checked
 * on arrival, both ways, like the renderer's contract: a bug on one side must not hand the other a shape
 * it does not expect. Pure Node: the browser harness and the tests speak it too.
 */
import { z } from 'zod';
import { EVENT_CHANNELS, SyncStatusSchema, type EventChannel } from '../../../preload/contract';

const Id = z.number().int().nonnegative();

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  // The one error shape (main/core/app-error.ts): its kind must survive the thread boundary.
  z.object({
    ok: z.literal(false),
    error: z.object({
      kind: z.string(),
      code: z.string(),
      message: z.string(),
      fix: z.string().nullable().optional(),
      qboCode: z.string().nullable().optional(),
      intuitTid: z.string().nullable().optional(),
    }),
  }),
]);

/** What the worker is created with (workerData.init). */
export const WorkerInitSchema = z.object({
  dataDir: z.string().min(1),
  host: z.enum(['electron', 'harness']),
  version: z.string(),
  /** The OS keychain (the app) or memory (the harness, tests). */
  secrets: z.enum(['keychain', 'memory']),
  defaultInboxDir: z.string().nullable(),
  watchInbox: z.boolean(),
  /** The host capabilities the main thread answers; the core sees only these. */
  capabilities: z.array(z.enum(['openExternal', 'openPath', 'setStartAtLogin'])),
});
export type WorkerInit = z.output<typeof WorkerInitSchema>;
export type CapabilityName = WorkerInit['capabilities'][number];

/** Control calls: the AppCore facade's methods besides dispatch. */
export const ControlOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ready') }),
  z.object({ op: z.literal('syncNow') }),
  z.object({ op: z.literal('setPaused'), paused: z.boolean() }),
  z.object({ op: z.literal('wake'), reason: z.enum(['resume', 'unlock-screen']) }),
  z.object({ op: z.literal('dispose') }),
]);
export type ControlOp = z.output<typeof ControlOpSchema>;

/** The arguments of each capability, checked on the main thread before anything runs. */
export const CapabilityCallSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('openExternal'), url: z.string().max(4096) }),
  z.object({ name: z.literal('openPath'), path: z.string().max(4096) }),
  z.object({ name: z.literal('setStartAtLogin'), enabled: z.boolean() }),
]);
export type CapabilityCall = z.output<typeof CapabilityCallSchema>;

/** Main thread -> worker. */
export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: Id, channel: z.string().max(100), payload: z.unknown() }),
  z.object({ type: z.literal('control'), id: Id, call: ControlOpSchema }),
  z.object({ type: z.literal('capability-result'), id: Id, ok: z.boolean(), value: z.unknown(), error: z.string().optional() }),
]);
export type ToWorker = z.output<typeof ToWorkerSchema>;

const EventChannelSchema = z.enum(EVENT_CHANNELS as [EventChannel, ...EventChannel[]]);

/** Worker -> main thread. */
export const FromWorkerSchema = z.discriminatedUnion('type', [
  /** Sent once the core exists: what the tray and the login item need before any event. */
  z.object({ type: z.literal('started'), status: SyncStatusSchema, startAtLogin: z.boolean(), logFile: z.string() }),
  z.object({ type: z.literal('response'), id: Id, envelope: EnvelopeSchema }),
  z.object({ type: z.literal('control-result'), id: Id, ok: z.boolean(), error: z.string().optional() }),
  z.object({ type: z.literal('event'), event: EventChannelSchema, payload: z.unknown() }),
  z.object({ type: z.literal('capability'), id: Id, call: CapabilityCallSchema }),
]);
export type FromWorker = z.output<typeof FromWorkerSchema>;

/** Checks one message; null (with why) when it is not one. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): { message: T } | { problem: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { message: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}` };
}

/** The answer a request gets when the worker is gone or going. */
export const CORE_UNAVAILABLE = {
  restarting: {
    kind: 'unavailable',
    code: 'core-restarting',
    message: 'The app’s engine stopped unexpectedly and is starting again. Try again in a moment; the details are in the log.',
  },
  stopped: {
    kind: 'unavailable',
    code: 'core-stopped',
    message: 'The app’s engine stopped and could not be started again. Quit and reopen the app; the details are in the log.',
  },
  closing: { kind: 'unavailable', code: 'shutting-down', message: 'The app is closing.' },
} as const;
