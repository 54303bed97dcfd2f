/**
 * One render of the tray: status in, icon + tooltip + menu out (the Electron adapter only applies it).
 */
import type { SyncState, SyncStatus } from '../sync/scheduler/sync-status';
import type { Environment } from '../environment';

export type TrayCommand = 'open' | 'sync-now' | 'pause' | 'resume' | 'quit';

export type TrayMenuItem =
  { kind: 'command'; command: TrayCommand; label: string; enabled: boolean } | { kind: 'label'; label: string } | { kind: 'separator' };

export interface TrayView {
  /** Base name of the icon in assets/tray/ (see trayIconFile). */
  icon: `tray-${SyncState}`;
  tooltip: string;
  menu: TrayMenuItem[];
}

const STATE_WORDS: Record<SyncState, string> = {
  idle: 'Up to date',
  syncing: 'Syncing',
  attention: 'Needs attention',
  error: 'Error',
  paused: 'Paused',
  disconnected: 'Not connected to QuickBooks',
};

const ENV_WORDS: Record<Environment, string> = {
  practice: 'PRACTICE',
  sandbox: 'SANDBOX',
  production: 'PRODUCTION',
};

export function renderTray(status: SyncStatus): TrayView {
  const env = ENV_WORDS[status.environment];
  const company = status.companyName ? ` · ${status.companyName}` : '';
  const progress = status.state === 'syncing' && status.progress ? ` (${status.progress.done}/${status.progress.total})` : '';
  const queued = status.queued > 0 && status.state !== 'syncing' ? ` · ${status.queued} waiting` : '';
  const headline = `${STATE_WORDS[status.state]}${progress}${queued}`;
  // Tooltips are short on Windows (127 chars): keep the essentials first.
  const tooltip = truncate(
    `POR QBO Companion — ${env}${company}\n${headline}${status.message && status.message !== headline ? `\n${status.message}` : ''}`,
    127,
  );
  const canSync = status.state !== 'paused' && status.state !== 'disconnected' && status.state !== 'syncing';
  const paused = status.state === 'paused';
  return {
    icon: `tray-${status.state}`,
    tooltip,
    menu: [
      { kind: 'label', label: `${env}${company}: ${headline}` },
      { kind: 'separator' },
      { kind: 'command', command: 'open', label: 'Open POR QBO Companion', enabled: true },
      { kind: 'command', command: 'sync-now', label: 'Sync now', enabled: canSync },
      paused
        ? { kind: 'command', command: 'resume', label: 'Resume syncing', enabled: true }
        : { kind: 'command', command: 'pause', label: 'Pause syncing', enabled: status.state !== 'disconnected' },
      { kind: 'separator' },
      { kind: 'command', command: 'quit', label: 'Quit', enabled: true },
    ],
  };
}

/** The icon file for a state: macOS takes monochrome template images, others a coloured 16/32 px pair. */
export function trayIconFile(icon: TrayView['icon'], platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `${icon}Template.png` : `${icon}.png`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
