/** "Start at login": the OS setting follows the app setting; `--hidden` starts it in the tray without a window. */
import { app } from 'electron';

export function applyStartAtLogin(enabled: boolean): void {
  // Linux has no login-item API in Electron; the AppImage's autostart entry is the user's choice there.
  if (process.platform === 'linux') return;
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
}
