/**
 * The Electron shell proven without an Electron binary: the BUILT dist/main/index.js boots in a child
 * Node process whose `electron` is a recorded stand-in (test/shell/stand-in). What the shell asks of
 * Electron is checked against the hardening policy, and the stand-in plays renderer, OS and person.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGlExport } from '../../bench/import-iif';
import { CONTENT_SECURITY_POLICY, hardenedWebPreferences } from '../../main/core/security/window-policy';
import { renderTray, trayIconFile } from '../../main/core/tray/render-tray';
import { REQUEST_CHANNELS, SyncStateSchema, type SyncStatus } from '../../preload/contract';
import { makeTempDir } from '../helpers/temp-dir';
import { bootShell, ROOT, until, type BootedShell } from './boot-shell';

interface State {
  calls: string[];
  ipcChannels: string[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolSchemes: string[];
  windows: {
    options: { show: boolean; webPreferences: Record<string, unknown> };
    url: string | null;
    shown: boolean;
    focused: boolean;
    destroyed: boolean;
    navigationGuards: string[];
    windowOpen: { action: string } | null;
    sent: string[];
  }[];
  images: string[];
  trays: { images: string[]; tooltip: string; destroyed: boolean; menuItems: number }[];
  menus: number;
  permissions: Record<string, { request: boolean | null; check: boolean | null }>;
  workers: { file: string; exited: boolean }[];
}
type Envelope = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

const dir = makeTempDir('porqbo-boot-');
const inbox = join(dir.path, 'inbox');
let shell: BootedShell;
const state = () => shell.call<State>('state');
const invoke = (channel: string, payload: unknown, sender: 'trusted' | 'stranger' | 'foreign-frame' = 'trusted') =>
  shell.call<Envelope>('invoke', { channel, payload, sender });

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  // The settings file the core's worker reads (conf, the same file and schema the CLI uses).
  writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ inboxDir: inbox }));
  // Started at login: in the tray, no window until someone asks for one.
  shell = bootShell({ args: ['--hidden'], env: { PORQBO_DATA_DIR: dir.path, STAND_IN_USER_DATA: dir.path, HOME: dir.path } });
  await until(state, (s) => s.trays.length === 1, 'the tray');
});
afterAll(async () => {
  if (shell && shell.child.exitCode === null) shell.child.kill();
  dir.remove();
});

describe('the built shell on a recorded electron', () => {
  it('registers app:// before ready, locks the session down and starts the core in its worker thread', async () => {
    const s = await state();
    expect(s.calls.indexOf('requestSingleInstanceLock')).toBe(0);
    expect(s.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(s.protocolSchemes).toEqual(['app']);
    for (const permission of Object.values(s.permissions)) expect(permission).toEqual({ request: false, check: false });
    // A development build keeps Electron's menu; the packaged one sets its own (packagedMenuTemplate).
    expect(s.menus).toBe(0);
    expect(s.windows).toEqual([]);
    expect(s.workers).toEqual([{ file: `file://${ROOT}dist/main/core-worker.js`, exited: false }]);
  });

  it('opens the hardened window when a second instance starts', async () => {
    await shell.call('emit', { event: 'second-instance' });
    const s = await until(state, (v) => v.windows.length === 1 && v.windows[0]!.shown, 'the window');
    const win = s.windows[0]!;
    const preload = `${ROOT}dist/preload/index.cjs`;
    expect(existsSync(preload)).toBe(true);
    expect(win.options.webPreferences).toEqual({ ...hardenedWebPreferences(preload, { packaged: false }) });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.url).toBe('app://renderer/index.html');
    expect(win.focused).toBe(true);
    expect(win.navigationGuards).toEqual(['will-navigate', 'will-redirect', 'will-attach-webview']);
    expect(win.windowOpen).toEqual({ action: 'deny' });

    // Closed and asked for again: a new window, still one at a time.
    await shell.call('close-windows');
    await shell.call('emit', { event: 'second-instance' });
    const again = await until(state, (v) => v.windows.length === 2 && v.windows[1]!.shown, 'a new window');
    expect(again.windows.map((w) => w.destroyed)).toEqual([true, false]);
  });

  it('registers every contract channel with the sender check', async () => {
    const s = await state();
    expect([...s.ipcChannels].sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) {
      expect(await invoke(channel, {}, 'stranger'), channel).toEqual({
        ok: false,
        error: { kind: 'refused', code: 'untrusted-sender', message: 'Request refused.' },
      });
      expect(await invoke(channel, {}, 'foreign-frame'), channel).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
    expect(await invoke('app:info', {})).toMatchObject({ ok: true, value: { host: 'electron', dataDir: dir.path } });
    // The core's own validation answers across the worker boundary.
    expect(await invoke('env:set', { environment: 'production' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('serves the renderer on app:// with the CSP and nothing outside it', async () => {
    const index = await shell.call<{ status: number; headers: Record<string, string>; body: string }>('fetch', { url: 'app://renderer/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<html');
    expect(await shell.call('fetch', { url: 'app://renderer/' })).toMatchObject({
      status: 200,
      headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
    // Files that exist next to the renderer folder: any of these answering would be an escape.
    const refused = [
      'app://renderer/..%2Fpreload%2Findex.cjs',
      'app://renderer/..%5Cpreload%5Cindex.cjs',
      'app://renderer/..%5C..%5Cpackage.json',
      'app://renderer/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://renderer/assets/..%2F..%2F..%2Fpackage.json',
      'app://renderer/%00index.html',
      'app://renderer/C:%5Cwindows%5Cwin.ini',
      'app://other/index.html',
    ];
    for (const url of refused) expect(await shell.call('fetch', { url }), url).toMatchObject({ status: 404 });
    // A plain `..` (and `%2e%2e`) is folded by the URL parser before the handler sees it: it stays inside, where nothing has that name.
    for (const url of ['app://renderer/../../package.json', 'app://renderer/%2e%2e/%2e%2e/package.json', 'app://renderer/no-such-file.js']) {
      expect(await shell.call('fetch', { url }), url).toMatchObject({ status: 404 });
    }
  });

  it('shows the one status in the tray with icon files that exist, and forwards events to the window', async () => {
    // A fresh install is not connected: the core's first status moves the tray from its start-up icon.
    const s = await until(state, (v) => v.trays[0]!.images.at(-1)!.endsWith('tray-disconnected.png'), 'the disconnected icon');
    for (const image of s.images) expect(existsSync(image), image).toBe(true);
    expect(s.trays[0]!.tooltip).toContain('Not connected to QuickBooks');
    expect(s.trays[0]!.menuItems).toBeGreaterThan(3);
    expect(await invoke('settings:set', { syncServicesOn: false })).toMatchObject({ ok: true });
    await until(state, (v) => v.windows.at(-1)!.sent.includes('data:changed'), 'data:changed in the window');
  });

  it('has an icon file for every status state on every platform', () => {
    const base: SyncStatus = {
      environment: 'practice',
      state: 'idle',
      message: '',
      companyName: null,
      realmId: null,
      queued: 0,
      failed: 0,
      lastRunAt: null,
      nextRunAt: null,
      progress: null,
    };
    for (const state of SyncStateSchema.options) {
      for (const platform of ['win32', 'darwin', 'linux'] as const) {
        const file = join(ROOT, 'assets', 'tray', trayIconFile(renderTray({ ...base, state }).icon, platform));
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
  });

  it('starts the core worker again when it dies, and the tray says so meanwhile', async () => {
    expect(await shell.call('end-worker')).toBe(1);
    const s = await until(state, (v) => v.workers.length === 2 && !v.workers[1]!.exited, 'the restarted worker');
    expect(s.workers.map((w) => w.exited)).toEqual([true, false]);
    expect(s.trays[0]!.images).toContain(`${ROOT}assets/tray/tray-error.png`);
    await until(
      () => invoke('app:info', {}),
      (e) => e.ok,
      'the restarted core to answer',
    );
    // Its status replaced the "engine stopped" one, in the tray and in the window.
    const back = await until(state, (v) => v.trays[0]!.images.at(-1)!.endsWith('tray-disconnected.png'), 'the status after the restart');
    expect(back.windows.at(-1)!.sent).toContain('status:changed');
  });

  it('quits only after the core finished its work in flight, with the worker ended', async () => {
    writeFileSync(join(inbox, 'PR260105.iif'), makeGlExport(20_000, 3).text);
    const scan = await shell.call<Envelope>('invoke-then-quit', { channel: 'inbox:scan', payload: {}, sender: 'trusted' });
    expect(scan).toMatchObject({ ok: true });
    expect(scan.value!.documents as number).toBeGreaterThan(1000);
    expect(await shell.exited).toBe(0);
    const replyAt = shell.messages.findIndex((m) => m.type === 'reply' && m.value === scan);
    const last = shell.messages.at(-1)!;
    expect(last).toEqual({ type: 'quit', workersAlive: 0 });
    expect(shell.messages.indexOf(last)).toBeGreaterThan(replyAt);
  });
});

describe('a second copy of the app', () => {
  it('quits at once when another instance holds the lock: no window, no core', async () => {
    const other = makeTempDir('porqbo-boot-second-');
    try {
      const second = bootShell({ env: { PORQBO_DATA_DIR: other.path, STAND_IN_USER_DATA: other.path, HOME: other.path, STAND_IN_LOCK: '0' } });
      expect(await second.exited).toBe(0);
      expect(second.messages).toEqual([{ type: 'quit', workersAlive: 0 }]);
      expect(existsSync(join(other.path, 'logs'))).toBe(false);
    } finally {
      other.remove();
    }
  });
});
