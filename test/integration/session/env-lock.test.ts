/**
 * One lock per environment shared by the app and por-qbo, with two real processes: a holder (playing the
 * app) and the real CLI. While the app holds the environment, `por-qbo sync --once` hands the work to it
 * and sends nothing itself, and no engine in another process drains; when the holder dies, its lock is
 * stale and taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../main/core/ledger';
import { engineLockProblem, lockPath, tryAcquireEnvLock } from '../../../main/core/env-lock';
import { openEnvironmentSession } from '../../../main/core/session/environment-session';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { openSettings } from '../../../main/core/settings/settings-store';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function startHolder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/session/lock-holder-child.ts'), dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the holder did not take the lock')), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('held')) {
        clearTimeout(t);
        resolve(child);
      }
    });
    child.on('exit', () => reject(new Error('the holder exited')));
  });
}

describe('one lock per environment, shared by app and CLI', () => {
  it("while the app holds it, the CLI hands its sync to the app and no other process drains; a dead holder's lock is taken over", async () => {
    const tmp = makeTempDir('porqbo-lock-');
    cleanup.push(() => tmp.remove());
    const dataDir = tmp.path;
    const holder = await startHolder(dataDir);

    const info = JSON.parse(readFileSync(lockPath(dataDir, 'practice'), 'utf8'));
    expect(info).toMatchObject({ pid: holder.pid, owner: 'app', host: hostname() });
    expect(tryAcquireEnvLock(dataDir, 'practice', 'cli')).toMatchObject({ heldBy: { pid: holder.pid } });

    // The real CLI: hands the work over, sends nothing itself.
    const cli = await runCli(['sync', '--once', '--env', 'practice'], { PORQBO_DATA_DIR: dataDir, PORQBO_HANDOFF_TIMEOUT_MS: '20000' });
    expect(cli.stderr).toMatch(
      new RegExp(`The POR QBO Companion app \\(process ${holder.pid}, since .*\\) is sending practice to QuickBooks; asking it to sync now`),
    );
    expect(cli.stdout).toContain('practice: Synced by the app: sent by the holder (3 created, 0 failed)');
    expect(cli.code).toBe(0);
    expect(readFileSync(join(dataDir, 'synced-by-holder'), 'utf8')).toBe(String(holder.pid));
    expect(existsSync(ledgerPath(dataDir, 'practice'))).toBe(false); // the CLI never opened the ledger to post

    // An engine in this process does not drain beside the holder.
    const settings = openSettings(dataDir);
    const runtime = await openEnvironmentSession({
      connectEmbedded: true,
      dataDir,
      environment: 'practice',
      settings,
      secretStore: new MemorySecretStore(),
      env: {},
      actor: 'test',
    });
    try {
      expect(engineLockProblem(runtime.ledger.path, 'practice')).toMatch(/is sending practice to QuickBooks; this process does not post beside it/);
      const drained = await runtime.engine!.drain();
      expect(drained.stopped).toMatchObject({ reason: 'guard', message: expect.stringMatching(/does not post beside it/) });
    } finally {
      await runtime.close();
    }

    // The holder dies (no cleanup): its lock is stale and the next taker gets it.
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const taken = tryAcquireEnvLock(dataDir, 'practice', 'cli');
    expect('lock' in taken).toBe(true);
    if ('lock' in taken) taken.lock.release();
    expect(existsSync(lockPath(dataDir, 'practice'))).toBe(false);

    // Without a holder the CLI syncs itself (practice keeps its connection in the keychain), and leaves no lock behind.
    if (!HAS_TEST_KEYRING) return;
    const alone = await runCli(['sync', '--once', '--env', 'practice'], { PORQBO_DATA_DIR: dataDir });
    expect(alone.stdout).not.toContain('Synced by the app');
    expect(alone.code, alone.stderr).toBe(0);
    expect(existsSync(lockPath(dataDir, 'practice'))).toBe(false);
  }, 120_000);

  it('a lock whose pid now names another process (start time differs) is stale', () => {
    const tmp = makeTempDir('porqbo-lock-');
    try {
      mkdirSync(join(tmp.path, 'sandbox'), { recursive: true });
      // pid 1 is alive, but it did not start a minute ago.
      writeFileSync(
        lockPath(tmp.path, 'sandbox'),
        JSON.stringify({ pid: 1, processStartedAt: Date.now() - 60_000, host: hostname(), owner: 'app', acquiredAt: new Date().toISOString() }),
      );
      const r = tryAcquireEnvLock(tmp.path, 'sandbox', 'cli');
      expect('lock' in r).toBe(true);
      // A lock from another machine (a shared folder) is never guessed dead.
      if ('lock' in r) r.lock.release();
      writeFileSync(
        lockPath(tmp.path, 'sandbox'),
        JSON.stringify({ pid: 999999, processStartedAt: 0, host: 'other-pc', owner: 'app', acquiredAt: new Date().toISOString() }),
      );
      expect(tryAcquireEnvLock(tmp.path, 'sandbox', 'cli')).toMatchObject({ heldBy: { host: 'other-pc' } });
    } finally {
      tmp.remove();
    }
  });
});
