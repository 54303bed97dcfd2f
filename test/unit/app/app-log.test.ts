/**
 * The app's log: the core writes it in `<data>/logs/`, the runtime under it writes there too, the
 * settings screen's channels tell where it is and open it, and a connect that fails unexpectedly says
 * where its details went. Real files, real simulator on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectFailure } from '../../../main/core/connection/establish-connection';
import { ConnectError } from '../../../main/core/connection/connect-error';
import { openFileLog } from '../../../main/core/log/file-log';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { startTestCore, type TestCore } from './app-test-core';

function entries(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the app log', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('app:info names the log; app:open-log opens it through the host and answers with its path', async () => {
    t = await startTestCore('practice');
    const logFile = join(t.dir, 'logs', 'por-qbo.log');
    await expect(t.call('app:info', {})).resolves.toMatchObject({ logFile, logDir: join(t.dir, 'logs') });
    await expect(t.call('app:open-log', {})).resolves.toEqual({ ok: true, path: logFile, message: `Opened the log: ${logFile}` });
    expect(t.openedPaths).toEqual([logFile]);
    expect(statSync(logFile).isFile()).toBe(true);
    expect(entries(logFile)[0]).toMatchObject({ src: 'harness', event: 'app.started', environment: 'practice' });
  });

  it('says where the log is when the system cannot open it', async () => {
    t = await startTestCore('practice', { openPath: async () => 'No application is associated with ".log" files' });
    const answer = await t.call('app:open-log', {});
    expect(answer).toEqual({
      ok: false,
      path: t.core.log.path,
      message: `The log could not be opened (No application is associated with ".log" files). It is at ${t.core.log.path}`,
    });
  });

  it('the session under the app writes to the same log (connecting to the practice company)', async () => {
    t = await startTestCore('practice');
    await t.call('connection:practice', {});
    const connected = entries(t.core.log.path).find((e) => e.event === 'connection.connected');
    expect(connected).toMatchObject({ level: 'info', src: 'harness', environment: 'practice' });
  });
});

describe('a connect that fails unexpectedly', () => {
  it('is logged with its details and its message says where the log is', () => {
    const dir = makeTempDir('porqbo-connect-log-');
    try {
      const log = openFileLog(dir.path, { source: 'app' });
      const error = connectFailure(new TypeError("Cannot read properties of undefined (reading 'realmId')"), '1234', {
        dataDir: dir.path,
        secrets: new MemorySecretStore(),
        logger: log,
      });
      expect(error).toBeInstanceOf(ConnectError);
      expect(error.code).toBe('unexpected');
      expect(error.message).toBe(
        `Something unexpected went wrong while connecting to QuickBooks. Try again; if it happens again, the details are in the log: ${log.path}`,
      );
      const [entry] = entries(log.path);
      expect(entry).toMatchObject({
        level: 'error',
        event: 'connection.connect-failed',
        code: 'unexpected',
        message: "Cannot read properties of undefined (reading 'realmId')",
        error: { name: 'TypeError' },
      });
      // A known failure passes through as it is, not logged twice.
      const known = new ConnectError('network', 'Could not reach QuickBooks.');
      expect(connectFailure(known, null, { dataDir: dir.path, secrets: new MemorySecretStore(), logger: log })).toBe(known);
      expect(entries(log.path)).toHaveLength(1);
    } finally {
      dir.remove();
    }
  });
});
