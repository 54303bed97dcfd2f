/**
 * The app's core, shared by the Electron main process, the CLI's long-running modes and the browser
 * harness: settings, status and the handlers behind every contract channel. No Electron here.
 */
import { REQUEST_CHANNELS, type Handlers } from '../../../preload/contract';
import { UserFacingError } from './dispatch';
import { ENVIRONMENT_LABELS, type Environment } from '../environment';
import type { SettingsStore } from '../settings/settings-store';
import { EventHub } from './event-hub';
import { StatusService } from './status-service';

export interface AppCoreOptions {
  dataDir: string;
  settings: SettingsStore;
  host: 'electron' | 'harness';
  version: string;
}

export interface AppCore {
  handlers: Handlers;
  hub: EventHub;
  status: StatusService;
  settings: SettingsStore;
  dispose(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const { settings } = options;
  const hub = new EventHub();
  const status = new StatusService(hub, settings.get('environment'));
  const environmentInfo = (environment: Environment) => ({
    environment,
    label: ENVIRONMENT_LABELS[environment],
    practice: environment === 'practice',
  });

  // Channels whose core is still being wired answer plainly instead of pretending.
  const notReady = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, async () => { throw new UserFacingError('not-ready', 'This part of the app is not ready yet.'); }]),
  ) as unknown as Handlers;
  const handlers: Handlers = {
    ...notReady,
    'app:info': async () => ({
      name: 'POR QBO Companion',
      version: options.version,
      platform: process.platform,
      dataDir: options.dataDir,
      host: options.host,
    }),
    'env:get': async () => environmentInfo(settings.get('environment')),
    'env:set': async ({ environment }) => {
      settings.set('environment', environment);
      status.update({ environment, companyName: null, realmId: null });
      return environmentInfo(environment);
    },
    'status:get': async () => status.get(),
  };

  return { handlers, hub, status, settings, dispose: async () => {} };
}
