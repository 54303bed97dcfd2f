/* global process, setImmediate, Response, Request, Buffer */
// A recorded stand-in for the `electron` module: the API surface the built shell (dist/main/index.js)
// uses and nothing more. It records what the shell does and lets the test (the parent process, over the
// fork IPC channel) act as the renderer, the OS and the person: invoke a channel as a trusted or a foreign
// sender, fetch an app:// URL, start a second instance, close the window, end the core's worker, quit.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const record = {
  calls: [],
  ipc: new Map(),
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  images: [],
  trays: [],
  menus: [],
  loginItems: [],
  opened: [],
  permissionRequest: null,
  permissionCheck: null,
};
const send = (message) => process.send?.(message);
let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
    this.destroyed = false;
    this.sent = [];
    this.windowOpenHandler = null;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  closeDevTools() {}
}

export class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    this.shown = false;
    this.focused = false;
    this.url = null;
    BrowserWindow.all.push(this);
    setImmediate(() => this.emit('ready-to-show'));
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.shown = true;
  }
  focus() {
    this.focused = true;
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
  }
}

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = process.env.STAND_IN_PACKAGED === '1';
    this.quitDone = false;
  }
  requestSingleInstanceLock() {
    record.calls.push('requestSingleInstanceLock');
    return process.env.STAND_IN_LOCK !== '0';
  }
  whenReady() {
    return new Promise((resolve) => setImmediate(resolve));
  }
  getPath(name) {
    record.calls.push(`getPath ${name}`);
    return process.env.STAND_IN_USER_DATA;
  }
  getVersion() {
    return '0.1.0';
  }
  setLoginItemSettings(settings) {
    record.loginItems.push(settings);
  }
  quit() {
    record.calls.push('quit');
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented || this.quitDone) return;
    this.quitDone = true;
    // What is still alive when the app really quits: the core's worker must be gone by now.
    const workersAlive = (globalThis.__standInWorkers ?? []).filter((w) => !w.exited).length;
    send({ type: 'quit', workersAlive });
    setImmediate(() => process.exit(0));
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel, handler) {
    if (record.ipc.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipc.set(channel, handler);
  },
  removeHandler(channel) {
    record.ipc.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (record.calls.includes('ready')) throw new Error('registerSchemesAsPrivileged must run before ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    record.protocolHandlers.set(scheme, handler);
  },
};

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.cjs': 'text/javascript' };
export const net = {
  // Like Electron's net.fetch for file:// URLs: the file, or a rejection when it is not there.
  async fetch(url) {
    if (!url.startsWith('file:')) throw new Error(`stand-in net.fetch only reads files: ${url}`);
    const path = fileURLToPath(url);
    record.calls.push(`net.fetch ${path}`);
    const body = await readFile(path);
    return new Response(body, { status: 200, headers: { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' } });
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      record.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      record.permissionCheck = handler;
    },
  },
};

export const shell = {
  async openExternal(url) {
    record.opened.push(url);
  },
  async openPath(path) {
    record.opened.push(path);
    return '';
  },
};

export const Menu = {
  setApplicationMenu(menu) {
    record.menus.push(menu);
  },
  buildFromTemplate(template) {
    return { template };
  },
};

export const nativeImage = {
  createFromPath(path) {
    record.images.push(path);
    return { path, setTemplateImage() {} };
  },
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.images = [image.path];
    this.tooltip = '';
    this.menu = null;
    this.destroyed = false;
    record.trays.push(this);
  }
  setImage(image) {
    this.images.push(image.path);
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  show() {}
}

export const powerMonitor = new EventEmitter();
export const contextBridge = {};
export const ipcRenderer = {};

void app.whenReady().then(() => record.calls.push('ready'));

function snapshot() {
  const permissions = {};
  for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
    let granted = null;
    record.permissionRequest?.(null, permission, (value) => (granted = value));
    permissions[permission] = { request: granted, check: record.permissionCheck?.(null, permission) ?? null };
  }
  return {
    calls: record.calls,
    ipcChannels: [...record.ipc.keys()],
    privilegedSchemes: record.privilegedSchemes,
    protocolSchemes: [...record.protocolHandlers.keys()],
    windows: BrowserWindow.all.map((w) => ({
      options: w.options,
      url: w.url,
      shown: w.shown,
      focused: w.focused,
      destroyed: w.destroyed,
      contentsId: w.webContents.id,
      navigationGuards: ['will-navigate', 'will-redirect', 'will-attach-webview'].filter((e) => w.webContents.listenerCount(e) > 0),
      windowOpen: w.webContents.windowOpenHandler?.({ url: 'https://example.com/' }) ?? null,
      sent: w.webContents.sent.map((s) => s.channel),
    })),
    images: record.images,
    trays: record.trays.map((t) => ({ images: t.images, tooltip: t.tooltip, destroyed: t.destroyed, menuItems: t.menu?.template.length ?? 0 })),
    menus: record.menus.length,
    loginItems: record.loginItems,
    permissions,
    workers: (globalThis.__standInWorkers ?? []).map((w) => ({ file: w.file, exited: w.exited })),
  };
}

function senderFor(kind) {
  const window = BrowserWindow.getAllWindows().at(-1);
  const id = window?.webContents.id ?? -1;
  if (kind === 'trusted') return { sender: { id }, senderFrame: { url: 'app://renderer/index.html' } };
  if (kind === 'foreign-frame') return { sender: { id }, senderFrame: { url: 'https://example.com/' } };
  return { sender: { id: 9999 }, senderFrame: { url: 'app://renderer/index.html' } };
}

async function invoke({ channel, payload, sender }) {
  const handler = record.ipc.get(channel);
  if (!handler) return { missing: channel };
  return handler(senderFor(sender), payload);
}

async function fetchApp(url) {
  const handler = record.protocolHandlers.get('app');
  try {
    const response = await handler(new Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body.toString('utf8').slice(0, 400), bytes: body.length };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

process.on('message', (message) => {
  const reply = (value) => send({ type: 'reply', id: message.id, value });
  const fail = (err) => send({ type: 'reply', id: message.id, error: err instanceof Error ? err.message : String(err) });
  const run = async () => {
    switch (message.cmd) {
      case 'state':
        return snapshot();
      case 'invoke':
        return invoke(message);
      case 'invoke-then-quit': {
        // Both leave in this same tick: the request is on its way to the core when quitting starts.
        const pending = invoke(message);
        app.quit();
        return pending;
      }
      case 'fetch':
        return fetchApp(message.url);
      case 'emit':
        app.emit(message.event, {}, []);
        return true;
      case 'close-windows':
        for (const w of BrowserWindow.getAllWindows()) w.destroy();
        return true;
      case 'end-worker': {
        const alive = (globalThis.__standInWorkers ?? []).filter((w) => !w.exited);
        await alive.at(-1)?.worker.terminate();
        return alive.length;
      }
      case 'quit':
        app.quit();
        return true;
      default:
        throw new Error(`unknown command ${message.cmd}`);
    }
  };
  run().then(reply, fail);
});
