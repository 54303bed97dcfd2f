/**
 * Electron entry: lifecycle, single-instance lock and wiring of the core to the adapters. Thin on
 * purpose: everything that can be decided without Electron lives in main/core.
 */
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from './core/app/app-core';
import { resolveDataDir } from './core/data-dir';
import { forwardEvents, registerIpcHandlers, TrustedSenders } from './electron/ipc';
import { openElectronSettings } from './electron/settings-store';
import { createNotifier } from './electron/desktop-notices';
import { applyStartAtLogin } from './electron/login-item';
import { AppTray } from './electron/tray';
import { createMainWindow, lockDownSession, registerAppScheme, serveRenderer } from './electron/window';

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

  app.on('second-instance', showWindow);

  void app.whenReady().then(() => {
    lockDownSession();
    serveRenderer(join(distDir, 'renderer'));
    const dataDir = resolveDataDir(app.getPath('userData'));
    const core = createAppCore({ dataDir, settings: openElectronSettings(dataDir), host: 'electron', version: app.getVersion() });
    registerIpcHandlers(core.handlers, trusted);
    forwardEvents(core.hub, () => BrowserWindow.getAllWindows().map((w) => w.webContents).filter((c) => trusted.all().includes(c.id)));

    const tray = new AppTray(assetsDir, core.status.get(), (command) => {
      if (command === 'open') showWindow();
      else if (command === 'quit') app.quit();
      else if (command === 'pause') core.settings.set('paused', true);
      else if (command === 'resume') core.settings.set('paused', false);
    });
    const notify = createNotifier(showWindow);
    core.hub.subscribe((event, payload) => {
      if (event !== 'status:changed') return;
      const status = payload as ReturnType<typeof core.status.get>;
      tray.update(status);
      notify(status);
    });
    applyStartAtLogin(core.settings.get('startAtLogin'));

    // Started at login: live in the tray until someone opens the window.
    if (!process.argv.includes('--hidden')) showWindow();

    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      void core.dispose().finally(() => {
        tray.destroy();
        app.quit();
      });
    });
  });

  // The tray keeps the app alive when the window closes; Quit is explicit.
  app.on('window-all-closed', () => {});
}
