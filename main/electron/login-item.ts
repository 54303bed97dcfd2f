/** "Start at login": the OS setting follows the app setting; `--hidden` starts it in the tray without a window. */
import { app } from 'electron';

/** Linux has no login-item API in Electron; the AppImage's autostart entry is the user's choice there. */
export function startAtLoginSupported(): boolean {
  return process.platform === 'darwin' || process.platform === 'win32';
}

export function applyStartAtLogin(enabled: boolean): void {
  if (!startAtLoginSupported()) return;
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
}
