/**
 * One lock per environment, shared by the desktop app and `por-qbo`: `<dataDir>/<environment>/sync.lock`
 * names the process that sends that environment's exports to QuickBooks (pid, its start time, host,
 * who). QBO's limits are per realm, and the refresh token rotates: two processes posting at once would
 * split one budget without knowing it and race for the token. So:
 * - the app holds its environment's lock while that environment is open;
 * - `por-qbo sync` takes it when free; when the app holds it, the CLI hands the work to the app (a
 *   request file the app watches; the app runs the sync and writes the answer) instead of racing it;
 * - the engine refuses to drain while another live process holds the lock (engineLockProblem), so no
 *   path posts beside the holder.
 * A lock whose process is gone (or whose pid now names another process, by start time) is stale and
 * taken over.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Environment } from './environment';

export const LOCK_FILE = 'sync.lock';
const REQUEST_PREFIX = 'sync-request-';

export type LockOwner = 'app' | 'cli';

export interface LockInfo {
  pid: number;
  /** When the holding process started (ms since epoch): a reused pid has another start time. */
  processStartedAt: number;
  host: string;
  owner: LockOwner;
  acquiredAt: string;
}

export function lockPath(dataDir: string, environment: Environment): string {
  return join(dataDir, environment, LOCK_FILE);
}

/** The lock file beside a ledger (`<dataDir>/<environment>/ledger.sqlite`). */
export function lockPathForLedger(ledgerFile: string): string {
  return join(dirname(ledgerFile), LOCK_FILE);
}

/** This process's start time, in ms since the epoch (to the second). */
export function processStartedAt(pid: number = process.pid): number | null {
  if (pid === process.pid) return Math.round((Date.now() - process.uptime() * 1000) / 1000) * 1000;
  try {
    // Linux: field 22 of /proc/<pid>/stat is the start time in clock ticks after boot.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return null;
    return Math.round((btime + ticks / 100) * 1000);
  } catch {
    return null; // not Linux, or the process is gone: the pid check decides
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

/** True when the lock's process is gone (or its pid now belongs to another process). */
export function isStale(info: LockInfo): boolean {
  if (info.host !== hostname()) return false; // another machine on a shared folder: never guessed dead
  if (!alive(info.pid)) return true;
  const started = processStartedAt(info.pid);
  return started !== null && Math.abs(started - info.processStartedAt) > 5_000;
}

/** The live holder of a lock that is not this process, or null. */
export function otherHolder(path: string): LockInfo | null {
  const info = readLock(path);
  if (!info || (info.pid === process.pid && info.host === hostname())) return null;
  return isStale(info) ? null : info;
}

export function describeHolder(info: LockInfo, environment: string): string {
  const who = info.owner === 'app' ? 'The POR QBO Companion app' : 'por-qbo';
  return `${who} (process ${info.pid}, since ${new Date(info.processStartedAt).toISOString().slice(0, 19).replace('T', ' ')} UTC) is sending ${environment} to QuickBooks`;
}

export interface EnvLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

/** Takes the lock when it is free or stale; otherwise returns who holds it. Never blocks. */
export function tryAcquireEnvLock(dataDir: string, environment: Environment, owner: LockOwner): { lock: EnvLock } | { heldBy: LockInfo } {
  const path = lockPath(dataDir, environment);
  mkdirSync(dirname(path), { recursive: true });
  const info: LockInfo = { pid: process.pid, processStartedAt: processStartedAt()!, host: hostname(), owner, acquiredAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        lock: {
          path,
          info,
          release: () => {
            if (released) return;
            released = true;
            const now = readLock(path);
            if (now && now.pid === info.pid && now.acquiredAt === info.acquiredAt) rmSync(path, { force: true });
          },
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = readLock(path);
    if (held && !isStale(held)) return { heldBy: held };
    // Stale (or unreadable, half-written by a crash): moved aside atomically, then taken again.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      rmSync(`${path}.stale-${process.pid}`, { force: true });
    } catch {
      // someone else took it over first: look again
    }
  }
  const held = readLock(path);
  if (held) return { heldBy: held };
  throw new Error(`Could not take the ${environment} lock (${path}).`);
}

/** Why a drain in this process must not post to this ledger's environment now, or null. */
export function engineLockProblem(ledgerFile: string, environment: string): string | null {
  const holder = otherHolder(lockPathForLedger(ledgerFile));
  return holder ? `${describeHolder(holder, environment)}; this process does not post beside it (one sender per environment, one QuickBooks budget).` : null;
}

// ---- handing a sync to the holder ----------------------------------------------------------------

export interface SyncAnswer {
  ok: boolean;
  message: string;
  posted?: number;
  failed?: number;
}

/** CLI side: asks the lock's holder to sync now and waits for its answer (null after timeoutMs). */
export async function requestSyncFromHolder(dataDir: string, environment: Environment, timeoutMs: number): Promise<SyncAnswer | null> {
  const dir = join(dataDir, environment);
  const id = randomUUID();
  const request = join(dir, `${REQUEST_PREFIX}${id}.json`);
  const answer = join(dir, `${REQUEST_PREFIX}${id}.answer.json`);
  writeFileSync(`${request}.tmp`, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { mode: 0o600 });
  renameSync(`${request}.tmp`, request);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (existsSync(answer)) {
        try {
          return JSON.parse(readFileSync(answer, 'utf8')) as SyncAnswer;
        } finally {
          rmSync(answer, { force: true });
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  } finally {
    rmSync(request, { force: true });
  }
}

/**
 * Holder side: looks for sync requests every pollMs and answers each with what `sync` returns. Returns
 * a stop function. Polling (not fs.watch): network folders and every OS behave the same.
 */
export function serveSyncRequests(dataDir: string, environment: Environment, sync: () => Promise<SyncAnswer>, pollMs = 500): () => void {
  const dir = join(dataDir, environment);
  let stopped = false;
  let busy = false;
  const look = async () => {
    if (stopped || busy) return;
    busy = true;
    try {
      const requests = safeList(dir).filter((n) => n.startsWith(REQUEST_PREFIX) && n.endsWith('.json') && !n.endsWith('.answer.json'));
      if (requests.length === 0) return;
      // One sync answers every request waiting now.
      const answer = await sync().catch((err: unknown): SyncAnswer => ({ ok: false, message: err instanceof Error ? err.message : String(err) }));
      for (const name of requests) {
        const target = join(dir, name.replace(/\.json$/, '.answer.json'));
        writeFileSync(`${target}.tmp`, JSON.stringify(answer), { mode: 0o600 });
        renameSync(`${target}.tmp`, target);
        try {
          unlinkSync(join(dir, name));
        } catch {
          // the requester gave up and removed it
        }
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void look(), pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface HeldEnvLock {
  /** True while this process holds the lock. */
  readonly held: boolean;
  release(): void;
}

/**
 * The app's side: holds the environment's lock while it is open (taken at once when free; while a CLI
 * holds it, tried again every retryMs), and answers hand-off requests by running `sync`.
 */
export function holdEnvLock(dataDir: string, environment: Environment, owner: LockOwner, sync: () => Promise<SyncAnswer>, retryMs = 2_000): HeldEnvLock {
  let lock: EnvLock | null = null;
  let stopServing: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let released = false;
  const attempt = () => {
    if (released || lock) return;
    try {
      const r = tryAcquireEnvLock(dataDir, environment, owner);
      if ('lock' in r) {
        lock = r.lock;
        stopServing = serveSyncRequests(dataDir, environment, sync);
        if (timer) clearInterval(timer);
        timer = null;
      }
    } catch {
      // the folder is not writable right now: tried again
    }
  };
  attempt();
  if (!lock) {
    timer = setInterval(attempt, retryMs);
    timer.unref();
  }
  return {
    get held() {
      return lock !== null;
    },
    release() {
      released = true;
      if (timer) clearInterval(timer);
      stopServing?.();
      lock?.release();
      lock = null;
    },
  };
}
