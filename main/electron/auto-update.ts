/**
 * electron-updater behind the pure update policy (main/core/update): the generic feed named in
 * electron-builder.yml (`publish`), checked at start and daily, downloaded in the background, installed
 * when the app quits after the core finished its work. Packaged builds only: a development run has no
 * app-update.yml and nothing to replace.
 */
import { app } from 'electron';
import type { SyncStatus } from '../../preload/contract';
import type { FileLog } from '../core/log/file-log';
import { UpdateController } from '../core/update/update-policy';

export interface AutoUpdate {
  stop(): void;
  /** After the core was disposed: runs the downloaded installer (true) or does nothing (false). */
  installOnQuit(): boolean;
}

export function startAutoUpdate(options: { log: FileLog; packaged: boolean; status: () => SyncStatus | null }): AutoUpdate {
  if (!options.packaged) return { stop: () => {}, installOnQuit: () => false };
  let controller: UpdateController | null = null;
  let stopped = false;
  // Loaded only in a packaged build: electron-updater reads app-update.yml from the app's resources.
  void import('electron-updater')
    .then((module) => {
      if (stopped) return;
      const updater = (module.default ?? module).autoUpdater;
      // The policy decides what to download and when to install.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = false;
      updater.allowDowngrade = false;
      updater.allowPrerelease = false;
      updater.logger = {
        info: () => {},
        warn: (message: unknown) => options.log({ level: 'warn', event: 'update.updater', message: String(message).slice(0, 300) }),
        error: (message: unknown) => options.log({ level: 'error', event: 'update.updater', message: String(message).slice(0, 300) }),
      };
      controller = new UpdateController({
        currentVersion: app.getVersion(),
        status: options.status,
        log: options.log,
        updater: {
          check: async () => (await updater.checkForUpdates())?.updateInfo.version ?? null,
          download: async () => {
            await updater.downloadUpdate();
          },
          // Silent install, no relaunch: the app starts again at login or when someone opens it.
          install: () => updater.quitAndInstall(true, false),
        },
      });
      controller.start();
    })
    .catch((err: unknown) => options.log({ level: 'error', event: 'update.unavailable', message: err instanceof Error ? err.message : String(err) }));
  return {
    stop: () => {
      stopped = true;
      controller?.stop();
    },
    // The core has finished its work by now: nothing is in flight.
    installOnQuit: () => controller?.installOnQuit(false) ?? false,
  };
}
