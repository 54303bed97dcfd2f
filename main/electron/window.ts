/**
 * The app window, hardened per Electron's security checklist. Every decision comes from the pure
 * policy in main/core/security so it is tested without Electron.
 */
import { BrowserWindow, Menu, app, net, protocol, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { isAllowedExternalUrl } from '../core/security/external-links';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  decideWindowOpen,
  hardenedWebPreferences,
  isAllowedNavigation,
  isPermissionGranted,
  packagedMenuTemplate,
  resolveAppAsset,
} from '../core/security/window-policy';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://renderer/ with our CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      // No such file inside the renderer folder (net.fetch rejects): a plain 404, not a failed request.
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Packaged builds: a small menu of roles instead of Electron's default (which has Toggle DevTools and Reload). */
export function installAppMenu(): void {
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform)));
}

export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

export function createMainWindow(preloadPath: string, iconPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'POR QBO Companion',
    icon: iconPath,
    webPreferences: hardenedWebPreferences(preloadPath, { packaged: app.isPackaged }),
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, isAllowedExternalUrl) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (app.isPackaged) {
    // No DevTools by keyboard either (the menu's accelerators and the webContents' own).
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** The only way the app opens a browser: parsed https URLs on the allow-list. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
