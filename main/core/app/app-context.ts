/**
 * What every handler works with: the app settings, the event hub, the status, the session of the
 * current environment, and the host's capabilities (injected: Electron in the app, plain functions in the
 * browser harness and tests).
 */
import type { DataTopic } from '../../../preload/contract';
import type { FileLog } from '../log/file-log';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { EventHub } from './event-hub';
import type { EnvironmentSession } from '../session/environment-session';
import type { SessionHost } from '../session/session-host';
import type { ManualRuns } from './manual-runs';
import type { StatusService } from './status-service';

export interface HostCapabilities {
  /** Opens an allowed https URL in the system browser (main checks isAllowedExternalUrl first). */
  openExternal(url: string): Promise<boolean>;
  /** Applies "start at login" to the OS; absent where the OS has no API for it. */
  setStartAtLogin?: (enabled: boolean) => void;
  /** Opens a local file with the system's viewer (Electron: shell.openPath); null when opened, else why not. */
  openPath?: (path: string) => Promise<string | null>;
}

/** What every handler gets from ctx.sessions.current(): the current environment's session. */
export type AppSession = EnvironmentSession;

export interface AppContext {
  dataDir: string;
  host: 'electron' | 'harness';
  version: string;
  settings: SettingsStore;
  secrets: SecretStore;
  hub: EventHub;
  status: StatusService;
  sessions: SessionHost<AppSession>;
  /** Manual exports and the go-live replay, with their progress events. */
  runs: ManualRuns;
  /** Where the inbox is when settings name none (the harness keeps it in its data folder). */
  defaultInboxDir: string | null;
  capabilities: HostCapabilities;
  /** The rotating, scrubbed log in `<dataDir>/logs/` (pass it wherever a logger is taken). */
  log: FileLog;
  /** Tells open screens what changed (data:changed), so they reload just that. */
  changed(...topics: DataTopic[]): void;
}
