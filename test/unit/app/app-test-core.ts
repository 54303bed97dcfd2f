/** An app core on a temp data folder, real SQLite and real loopback servers; the keychain kept in memory. */
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../../main/core/app/app-core';
import type { EventChannel, RequestChannel, RequestOf, ResponseOf } from '../../../preload/contract';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import type { Environment } from '../../../main/core/environment';
import { makeTempDir } from '../../helpers/temp-dir';

export interface TestCore {
  core: AppCore;
  dir: string;
  secrets: MemorySecretStore;
  events: { event: EventChannel; payload: unknown }[];
  opened: string[];
  /** Local files the app asked to open (the log). */
  openedPaths: string[];
  /** Calls a channel exactly as the renderer would (validated), returns the value or throws the bridge error. */
  call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** The raw envelope, for checking refusals. */
  raw(channel: string, request: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface TestCoreOptions {
  /** Watch the inbox folder (`<data>/inbox`). */
  watchInbox?: boolean;
  client?: Parameters<typeof createAppCore>[0]['client'];
  oauth?: Parameters<typeof createAppCore>[0]['oauth'];
  /** What opening a local file answers (default: opened, recorded in openedPaths). */
  openPath?: (path: string) => Promise<string | null>;
}

export async function startTestCore(environment: Environment = 'practice', options: TestCoreOptions = {}): Promise<TestCore> {
  const tmp = makeTempDir('porqbo-app-');
  const settings = openSettings(tmp.path);
  settings.set('environment', environment);
  const secrets = new MemorySecretStore();
  const opened: string[] = [];
  const openedPaths: string[] = [];
  const core = createAppCore({
    dataDir: tmp.path,
    settings,
    host: 'harness',
    version: 'test',
    secrets,
    defaultInboxDir: join(tmp.path, 'inbox'),
    watchInbox: options.watchInbox ?? false,
    ...(options.oauth ? { oauth: options.oauth } : {}),
    capabilities: {
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
      openPath: async (path) => {
        openedPaths.push(path);
        return options.openPath ? options.openPath(path) : null;
      },
    },
    client: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 50 }, ...options.client },
  });
  const events: TestCore['events'] = [];
  core.hub.subscribe((event, payload) => events.push({ event, payload }));
  await core.ready();
  return {
    core,
    dir: tmp.path,
    secrets,
    events,
    opened,
    openedPaths,
    call: async (channel, request) => {
      const envelope = await core.dispatch(channel, request);
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code, kind: envelope.error.kind });
      return envelope.value as never;
    },
    raw: (channel, request) => core.dispatch(channel, request),
    close: async () => {
      await core.dispose();
      tmp.remove();
    },
  };
}

/** Practice set up through the channels the wizard uses: connected, stores on API-QBO, batch, classes, mapping. */
export async function setUpPractice(t: TestCore): Promise<void> {
  await t.call('connection:practice', {});
  const { stores } = await t.call('stores:get', {});
  for (const s of stores) await t.call('stores:update', { store: s.store, exportFormat: 'API-QBO' });
  await t.call('mode:set', { mode: 'batch' });
  await t.call('stores:create-classes', { stores: stores.map((s) => s.store) });
  await t.call('mapping:automap', {});
}
