/**
 * The one typed contract between main and renderer: every request channel with its request and
 * response schema, and every event main pushes to the renderer. Main validates requests against it,
 * the preload exposes exactly these channels, the renderer's client and the browser harness use it too.
 * Secrets never travel back on this bridge: only `connection:paste` and `connection:sign-in` carry them,
 * inbound and once; no response or event schema has a field for one.
 */
import { z } from 'zod';
import { Confirmed, Empty, EnvironmentSchema, JobIdSchema } from './schemas/common';
import { ConnectionInfoSchema, ConnectionViewSchema, PasteCredentialsSchema, SignInRequestSchema } from './schemas/connection';
import { CutoverConfirmSchema, CutoverViewSchema } from './schemas/cutover';
import { RevisionKeySchema, RevisionPreviewSchema, RevisionReplaceSchema, RevisionReplacedSchema } from './schemas/revision';
import { CompanyPreflightQuerySchema, CompanyPreflightSchema } from './schemas/company';
import { ExportPreviewSchema, ExportProgressSchema, ExportRunSchema, ExportScopeSchema, HistoryRowSchema, StoreDaysSchema } from './schemas/exports';
import { HistoryDetailSchema, HistoryPageSchema, HistoryQuerySchema, JobRefSchema, OpenInQboSchema } from './schemas/history';
import { InboxViewSchema, PracticeGenerateSchema, RevisionDecisionSchema, ApprovalSettingSchema, ApproveImportSchema } from './schemas/inbox';
import { MappingSetSchema, MappingViewSchema } from './schemas/mapping';
import { ModeSetSchema, ModeViewSchema } from './schemas/mode';
import { ReconcileDayDetailSchema, ReconcileQuerySchema, ReconcileViewSchema } from './schemas/reconcile';
import { AppSettingsPatchSchema, AppSettingsSchema } from './schemas/settings';
import { SetupStateSchema, SetupStepIdSchema } from './schemas/setup';
import { DashboardSchema, SyncStatusSchema } from './schemas/status';
import { StoresViewSchema, StoreUpdateSchema } from './schemas/stores';
import { IsoDateSchema, StoreNumberSchema } from './schemas/common';
import {
  BulkResultSchema,
  HealthSchema,
  ResendUndoneSchema,
  RetryManySchema,
  StoreAddSchema,
  SyncRunResultSchema,
  SyncStartPreviewSchema,
  SyncStartSchema,
} from './schemas/health';

export * from './schemas/common';
export * from './schemas/status';
export * from './schemas/setup';
export * from './schemas/connection';
export * from './schemas/stores';
export * from './schemas/mode';
export * from './schemas/mapping';
export * from './schemas/exports';
export * from './schemas/history';
export * from './schemas/reconcile';
export * from './schemas/cutover';
export * from './schemas/company';
export * from './schemas/settings';
export * from './schemas/inbox';
export * from './schemas/revision';
export * from './schemas/health';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser test harness. */
  host: z.enum(['electron', 'harness']),
  /** The app's log (rotating, scrubbed JSON lines) and its folder; "details are in the log" means this file. */
  logFile: z.string(),
  logDir: z.string(),
});

/** Opening the log with the system's viewer; `message` says what happened (and where the file is). */
export const OpenLogSchema = z.object({ ok: z.boolean(), path: z.string(), message: z.string() });

export const EnvironmentInfoSchema = z.object({
  environment: EnvironmentSchema,
  label: z.string(),
  practice: z.boolean(),
});

const StoreDaysQuery = z.object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional(), store: StoreNumberSchema.optional() }).strict();
const ReconcileDayQuery = z.object({ store: StoreNumberSchema, date: IsoDateSchema }).strict();
const Accepted = z.object({ accepted: z.boolean(), message: z.string() });

export const requests = {
  'app:info': { request: Empty, response: AppInfoSchema },
  'app:open-log': { request: Empty, response: OpenLogSchema },
  'env:get': { request: Empty, response: EnvironmentInfoSchema },
  'env:set': {
    // Production: the company's name as the person typed it (checked in main, not only on screen).
    request: z.object({ environment: EnvironmentSchema, confirmed: z.literal(true), typedName: z.string().max(200).optional() }).strict(),
    response: EnvironmentInfoSchema,
  },
  'status:get': { request: Empty, response: SyncStatusSchema },
  'dashboard:get': { request: Empty, response: DashboardSchema },

  'settings:get': { request: Empty, response: AppSettingsSchema },
  'settings:set': { request: AppSettingsPatchSchema, response: AppSettingsSchema },

  'setup:get': { request: Empty, response: SetupStateSchema },
  'setup:visit': { request: z.object({ step: SetupStepIdSchema }).strict(), response: SetupStateSchema },
  'setup:finish': { request: z.object({ confirmed: Confirmed }).strict(), response: SetupStateSchema },

  'connection:get': { request: Empty, response: ConnectionViewSchema },
  'connection:paste': { request: PasteCredentialsSchema, response: ConnectionInfoSchema },
  'connection:sign-in': { request: SignInRequestSchema, response: ConnectionInfoSchema },
  'connection:sign-in-cancel': { request: Empty, response: Accepted },
  'connection:practice': { request: Empty, response: ConnectionInfoSchema },
  'connection:disconnect': { request: z.object({ confirmed: Confirmed }).strict(), response: ConnectionInfoSchema },

  'stores:get': { request: Empty, response: StoresViewSchema },
  'stores:update': { request: StoreUpdateSchema, response: StoresViewSchema },
  'stores:check-classes': { request: Empty, response: StoresViewSchema },
  'stores:create-classes': { request: z.object({ stores: z.array(StoreNumberSchema).min(1).max(200) }).strict(), response: StoresViewSchema },

  'mode:get': { request: Empty, response: ModeViewSchema },
  'mode:set': { request: ModeSetSchema, response: ModeViewSchema },

  'mapping:get': { request: Empty, response: MappingViewSchema },
  'mapping:automap': { request: Empty, response: MappingViewSchema },
  'mapping:set': { request: MappingSetSchema, response: MappingViewSchema },
  'mapping:refresh-accounts': { request: Empty, response: MappingViewSchema },

  'exports:days': { request: StoreDaysQuery, response: StoreDaysSchema },
  'exports:preview': { request: z.object({ scope: ExportScopeSchema }).strict(), response: ExportPreviewSchema },
  'exports:post': { request: z.object({ scope: ExportScopeSchema, confirmed: Confirmed }).strict(), response: ExportRunSchema },
  'exports:retry': { request: JobRefSchema, response: HistoryRowSchema },
  'exports:undo': { request: z.object({ jobId: JobIdSchema, confirmed: Confirmed }).strict(), response: HistoryRowSchema },

  'sync:now': { request: Empty, response: SyncStatusSchema },
  'sync:pause': { request: Empty, response: SyncStatusSchema },
  'sync:resume': { request: Empty, response: SyncStatusSchema },

  'history:list': { request: HistoryQuerySchema, response: HistoryPageSchema },
  'history:detail': { request: JobRefSchema, response: HistoryDetailSchema },
  'history:open-in-qbo': { request: JobRefSchema, response: OpenInQboSchema },

  'reconcile:get': { request: ReconcileQuerySchema, response: ReconcileViewSchema },
  'reconcile:day': { request: ReconcileDayQuery, response: ReconcileDayDetailSchema },

  'cutover:get': { request: Empty, response: CutoverViewSchema },
  'cutover:confirm': { request: CutoverConfirmSchema, response: CutoverViewSchema },
  'cutover:replay': { request: z.object({ confirmed: Confirmed }).strict(), response: CutoverViewSchema },

  'inbox:get': { request: Empty, response: InboxViewSchema },
  'inbox:scan': { request: Empty, response: InboxViewSchema },
  'inbox:decide': { request: RevisionDecisionSchema, response: InboxViewSchema },
  'inbox:approval-set': { request: ApprovalSettingSchema, response: InboxViewSchema },
  'inbox:approve': { request: ApproveImportSchema, response: InboxViewSchema },
  'practice:generate': { request: PracticeGenerateSchema, response: InboxViewSchema },
  'setup:company': { request: CompanyPreflightQuerySchema, response: CompanyPreflightSchema },
  'revision:preview': { request: RevisionKeySchema, response: RevisionPreviewSchema },
  'revision:replace': { request: RevisionReplaceSchema, response: RevisionReplacedSchema },

  // The clerk's view (issue 16): one truth, nothing sent unseen, undone days and failures sent in one go.
  'dashboard:health': { request: Empty, response: HealthSchema },
  'sync:start-preview': { request: z.object({ startFrom: IsoDateSchema.nullable() }).strict(), response: SyncStartPreviewSchema },
  'sync:start': { request: SyncStartSchema, response: SyncStartPreviewSchema },
  'sync:stop': { request: Empty, response: SyncStatusSchema },
  'sync:run': { request: Empty, response: SyncRunResultSchema },
  'exports:resend-undone': { request: ResendUndoneSchema, response: BulkResultSchema },
  'exports:retry-many': { request: RetryManySchema, response: BulkResultSchema },
  'stores:add': { request: StoreAddSchema, response: StoresViewSchema },
} as const;

/** What changed, so open screens reload only what they show. */
export const DataTopicSchema = z.enum(['jobs', 'setup', 'connection', 'stores', 'mapping', 'mode', 'cutover', 'documents', 'settings']);

export const events = {
  'status:changed': SyncStatusSchema,
  'export:progress': ExportProgressSchema,
  'data:changed': z.object({ topics: z.array(DataTopicSchema) }),
} as const;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export type RequestOf<C extends RequestChannel> = z.input<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<(typeof requests)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof events)[E]>;
export type DataTopic = z.output<typeof DataTopicSchema>;

export type AppInfo = z.output<typeof AppInfoSchema>;
export type OpenLog = z.output<typeof OpenLogSchema>;
export type EnvironmentInfo = z.output<typeof EnvironmentInfoSchema>;

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
