/**
 * The update decision against a real generic feed on loopback: a `latest.yml` as electron-builder
 * publishes it, read and parsed by electron-updater's own GenericProvider (it needs no Electron when
 * given a plain Node HTTP executor), then the installer downloaded and checked against the feed's sha512.
 */
import { createHash } from 'node:crypto';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import { HttpExecutor } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboLogEntry } from '../../../main/core/qbo/qbo-log';
import { UpdateController, type Updater } from '../../../main/core/update/update-policy';
import type { SyncStatus } from '../../../preload/contract';

/** electron-updater's Electron executor uses electron.net; this one uses node:http, as electron-builder's own does. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }
}

const installer = Buffer.from('pretend NSIS installer bytes '.repeat(1000));
const sha512 = createHash('sha512').update(installer).digest('base64');
let feed: { status: number; body: string } = { status: 404, body: '' };
const served: string[] = [];
let server: Server;
let baseUrl = '';

function latestYml(version: string, hash = sha512) {
  const file = `POR-QBO-Companion-Setup-${version}.exe`;
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${installer.length}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    served.push(req.url ?? '');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/updates/latest.yml') {
      res.writeHead(feed.status, { 'Content-Type': 'text/yaml' });
      res.end(feed.body);
    } else if (path.startsWith('/updates/POR-QBO-Companion-Setup-')) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(installer);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/updates/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The Updater port over the feed: check = electron-updater's parse; download = fetch + sha512 check. */
function feedUpdater() {
  const provider = new GenericProvider({ provider: 'generic', url: baseUrl }, { channel: null, isAddNoCacheQuery: false } as never, {
    executor: new NodeHttpExecutor() as never,
    platform: 'win32',
    isUseMultipleRangeRequest: false,
  });
  let offered: Awaited<ReturnType<GenericProvider['getLatestVersion']>> | null = null;
  const installed: string[] = [];
  const updater: Updater = {
    check: async () => {
      offered = await provider.getLatestVersion();
      return offered.version;
    },
    download: async () => {
      const [file] = provider.resolveFiles(offered!);
      const bytes = Buffer.from(await (await fetch(file!.url)).arrayBuffer());
      if (createHash('sha512').update(bytes).digest('base64') !== file!.info.sha512) throw new Error('sha512 checksum mismatch');
    },
    install: () => installed.push(offered!.version),
  };
  return { updater, installed };
}

function controllerFor(currentVersion: string, status: () => SyncStatus | null = () => null) {
  const log: QboLogEntry[] = [];
  const { updater, installed } = feedUpdater();
  const controller = new UpdateController({ currentVersion, updater, status, log: (e) => log.push(e) });
  return { controller, log, installed };
}

describe('auto-update against a generic feed on loopback', () => {
  it('downloads a newer version in the background and installs it on quit', async () => {
    feed = { status: 200, body: latestYml('0.2.0') };
    served.length = 0;
    const { controller, log, installed } = controllerFor('0.1.0');
    await controller.checkNow();
    expect(served).toEqual(['/updates/latest.yml', '/updates/POR-QBO-Companion-Setup-0.2.0.exe']);
    expect(controller.ready()).toBe('0.2.0');
    expect(log.map((e) => e.event)).toEqual(['update.downloading', 'update.downloaded']);
    expect(controller.installOnQuit()).toBe(true);
    expect(installed).toEqual(['0.2.0']);
  });

  it('does not install while a posting is in flight', async () => {
    feed = { status: 200, body: latestYml('0.2.0') };
    const syncing: SyncStatus = {
      environment: 'production',
      state: 'syncing',
      message: 'Syncing',
      companyName: null,
      realmId: null,
      queued: 4,
      failed: 0,
      lastRunAt: null,
      nextRunAt: null,
      progress: { done: 1, total: 5 },
    };
    const { controller, installed } = controllerFor('0.1.0', () => syncing);
    await controller.checkNow();
    expect(controller.ready()).toBe('0.2.0');
    expect(controller.installOnQuit()).toBe(false);
    expect(installed).toEqual([]);
  });

  it('leaves the same or an older version alone', async () => {
    for (const [current, offered] of [
      ['0.2.0', '0.2.0'],
      ['0.3.0', '0.2.0'],
    ]) {
      feed = { status: 200, body: latestYml(offered!) };
      served.length = 0;
      const { controller, log } = controllerFor(current!);
      await controller.checkNow();
      expect(served).toEqual(['/updates/latest.yml']);
      expect(controller.ready()).toBeNull();
      expect(log.at(-1)).toMatchObject({ event: 'update.none' });
      expect(controller.installOnQuit()).toBe(false);
    }
  });

  it('writes a missing feed, a broken file and a bad checksum down without installing anything', async () => {
    const cases: [typeof feed, RegExp][] = [
      [{ status: 404, body: 'no' }, /Cannot find channel "latest.yml"/],
      [{ status: 200, body: 'version: [unclosed' }, /./],
      [{ status: 200, body: latestYml('0.2.0', 'AAAA') }, /sha512 checksum mismatch/],
    ];
    for (const [served, message] of cases) {
      feed = served;
      const { controller, log } = controllerFor('0.1.0');
      await controller.checkNow();
      expect(log.at(-1)).toMatchObject({ level: 'warn', event: 'update.check-failed', message: expect.stringMatching(message) });
      expect(controller.ready()).toBeNull();
    }
  });
});
