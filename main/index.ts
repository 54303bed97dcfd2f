/**
 * Electron entry: lifecycle, single-instance lock and wiring of the core to the adapters. Thin on
 * purpose: everything that can be decided without Electron lives in main/core. The core itself runs in
 * a worker thread (main/core/host): this thread owns the window, tray, IPC and notifications and only
 * relays, so it never waits on SQLite, an import or planning.
 */
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncStatus } from '../preload/contract';
import { resolveDataDir } from './core/data-dir';
import { CoreClient } from './core/host/core-client';
import { logUnknownError, openFileLog } from './core/log/file-log';
import { logProcessCrashes } from './core/log/process-crashes';
import { openSettings } from './core/settings/settings-store';
import { forwardEvents, registerIpcHandlers, TrustedSenders } from './electron/ipc';
import { createNotifier } from './electron/desktop-notices';
import { applyStartAtLogin, startAtLoginSupported } from './electron/login-item';
import { onWake } from './electron/power-events';
import { openPathWithSystem } from './electron/open-path';
import { AppTray } from './electron/tray';
import { startAutoUpdate } from './electron/auto-update';
import { createMainWindow, installAppMenu, lockDownSession, openExternalSafely, registerAppScheme, serveRenderer } from './electron/window';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, '..');
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(distDir, '..', 'assets');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;
  const trusted = new TrustedSenders();

  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(join(distDir, 'preload', 'index.cjs'), join(assetsDir, 'icon.png'));
      trusted.add(mainWindow.webContents);
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  /** The tray's status when the core's worker never started: the environment from the settings file. */
  const engineDownStatus = (dataDir: string): SyncStatus => ({
    environment: openSettings(dataDir).get('environment'),
    state: 'error',
    message: 'The app’s engine could not start. Quit and reopen the app; the details are in the log.',
    companyName: null,
    realmId: null,
    queued: 0,
    failed: 0,
    lastRunAt: null,
    nextRunAt: null,
    progress: null,
  });

  app.on('second-instance', showWindow);

  void app.whenReady().then(async () => {
    lockDownSession();
    installAppMenu();
    serveRenderer(join(distDir, 'renderer'));
    const dataDir = resolveDataDir(app.getPath('userData'));
    // The rotating, scrubbed log in <data folder>/logs/: the core's worker writes to it, and so does this thread.
    const log = openFileLog(dataDir, { source: 'app' });
    logProcessCrashes(log);
    const logged = (event: string) => (err: unknown) => logUnknownError(log, event, err);
    const core = new CoreClient({
      worker: { file: new URL('./core-worker.js', import.meta.url) },
      init: { dataDir, host: 'electron', version: app.getVersion(), secrets: 'keychain', defaultInboxDir: null, watchInbox: true },
      log,
      capabilities: {
        // Main checks every URL against the allow-list before the system browser sees it.
        openExternal: openExternalSafely,
        ...(startAtLoginSupported() ? { setStartAtLogin: applyStartAtLogin } : {}),
        openPath: openPathWithSystem,
      },
    });
    const unregister = registerIpcHandlers((channel, payload) => core.dispatch(channel, payload), trusted);
    forwardEvents(
      (listener) => core.subscribe(listener),
      () =>
        BrowserWindow.getAllWindows()
          .map((w) => w.webContents)
          .filter((c) => trusted.all().includes(c.id)),
    );
    // The core, scheduler and inbox watcher start with the app (and again if the worker is restarted).
    core.ready().catch(logged('app.start-failed'));

    // Started at login: live in the tray until someone opens the window.
    if (!process.argv.includes('--hidden')) showWindow();

    let quitting = false;
    // Auto-update never installs while a posting is in flight: it asks the core's status.
    const updates = startAutoUpdate({ log, packaged: app.isPackaged, status: () => core.status() });
    let stopWake = () => {};
    let tray: AppTray | null = null;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      stopWake();
      updates.stop();
      // Quitting waits for the core's work in flight (requests to QuickBooks), so none is left half-known.
      void core
        .dispose()
        .catch(logged('app.quit-failed'))
        .finally(() => {
          unregister();
          tray?.destroy();
          // A downloaded update installs now, with nothing in flight (its installer quits the app).
          if (!updates.installOnQuit()) app.quit();
        });
    });

    // An engine that never starts still gets a tray (in its error state), so the app can be opened and quit.
    const first = await core.started().catch((err: unknown) => {
      logged('app.core-never-started')(err);
      return null;
    });
    if (quitting) return;
    // Tray and desktop notifications follow the one status the renderer shows.
    tray = new AppTray(assetsDir, first?.status ?? core.status() ?? engineDownStatus(dataDir), (command) => {
      if (command === 'open') showWindow();
      else if (command === 'quit') app.quit();
      else if (command === 'sync-now') core.syncNow().catch(logged('tray.sync-now-failed'));
      else if (command === 'pause') core.setPaused(true).catch(logged('tray.pause-failed'));
      else if (command === 'resume') core.setPaused(false).catch(logged('tray.resume-failed'));
    });
    const notify = createNotifier(showWindow);
    core.subscribe((event, payload) => {
      if (event !== 'status:changed') return;
      const status = payload as SyncStatus;
      tray?.update(status);
      notify(status);
    });
    if (first) applyStartAtLogin(first.startAtLogin);
    // Sleep or a locked screen hides time passing: catch up at once.
    stopWake = onWake((reason) => core.wake(reason));
  });

  // The tray keeps the app alive when the window closes; Quit is explicit.
  app.on('window-all-closed', () => {});
}
