/**
 * The hardening decisions for the app window, as data and pure functions (Electron's security
 * checklist). The Electron adapter applies them; tests check them here without Electron.
 */

import { isAbsolute, relative as relativePath, resolve as resolvePath } from 'node:path';

/** The renderer is served from our own privileged scheme, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The window's web preferences. A packaged build has no DevTools: anyone at a shared back-office PC
 * could otherwise call the raw bridge and skip every confirmation the UI asks for.
 */
export function hardenedWebPreferences(preloadPath: string, options: { packaged?: boolean } = {}) {
  return {
    preload: preloadPath,
    devTools: options.packaged !== true,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** The small menu of a packaged build (no View > Toggle DevTools, no Reload): roles only, as data. */
export type AppMenuItem = { role: 'quit' | 'about' | 'copy' | 'paste' | 'cut' | 'selectAll' | 'undo' | 'redo' | 'minimize' | 'close' } | { type: 'separator' };
export function packagedMenuTemplate(platform: string): { label: string; submenu: AppMenuItem[] }[] {
  const edit: AppMenuItem[] = [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ];
  const app: AppMenuItem[] = platform === 'darwin' ? [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] : [{ role: 'quit' }];
  return [
    { label: platform === 'darwin' ? 'POR QBO Companion' : 'File', submenu: app },
    { label: 'Edit', submenu: edit },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}

/** In-app navigation is allowed only within our own origin (the SPA never navigates elsewhere). */
export function isAllowedNavigation(raw: string): boolean {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Every permission request (camera, notifications via web API, geolocation, ...) is denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** What to do with window.open / target=_blank: never a new window; allowed https links go to the system browser. */
export function decideWindowOpen(raw: string, isAllowedExternal: (url: string) => boolean): 'open-external' | 'deny' {
  return isAllowedExternal(raw) ? 'open-external' : 'deny';
}

/**
 * Maps an app:// request path to a file under the renderer folder, refusing traversal: the path is
 * decoded, both separators count (`..%5C` climbs on Windows), drive letters and NULs are refused, and
 * with `rendererDir` the resolved file must stay inside it. Returns the relative path (or, with
 * `rendererDir`, the absolute file), or null.
 */
export function resolveAppAsset(raw: string, rendererDir?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escapes
  }
  const parts = path.split(/[\\/]+/).filter(Boolean);
  if (path.includes('\0') || parts.some((part) => part === '..' || part === '.' || /^[a-z]:$/i.test(part) || part.includes(':'))) return null;
  const relative = parts.length === 0 ? 'index.html' : parts.join('/');
  if (rendererDir === undefined) return relative;
  const root = resolvePath(rendererDir);
  const file = resolvePath(root, ...(parts.length === 0 ? ['index.html'] : parts));
  const inside = relativePath(root, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}
