/**
 * When the app looks for, downloads and installs an update: at start and once a day, in the background,
 * and only when it quits, never while a posting is in flight (an installer that stops the app mid-request
 * would leave a posting half-known). Pure: the Electron adapter (main/electron/auto-update.ts) gives it
 * electron-updater behind the small Updater port, tests give it a feed on loopback.
 */
import type { SyncStatus } from '../../../preload/contract';
import type { QboLogger } from '../qbo/qbo-log';

/** A look at the feed a short while after start (start-up stays quick), then once a day. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60_000;

interface Version {
  core: [number, number, number];
  pre: string[];
}

function parseVersion(raw: string): Version | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(raw.trim());
  if (!match) return null;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ? match[4].split('.') : [] };
}

/** Semantic-version order (build metadata ignored, a pre-release before its release); null if either is not a version. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) {
    if (x.core[i]! !== y.core[i]!) return x.core[i]! < y.core[i]! ? -1 : 1;
  }
  if (x.pre.length === 0 || y.pre.length === 0) return x.pre.length === y.pre.length ? 0 : x.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) < Number(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export type FeedDecision = { action: 'download'; version: string } | { action: 'ignore'; reason: string };

/** What to do with the version the feed offers: only a newer release is downloaded (never a downgrade, never a pre-release unless we run one). */
export function decideOnFeed(currentVersion: string, offered: string | null | undefined): FeedDecision {
  if (!offered) return { action: 'ignore', reason: 'the feed names no version' };
  const order = compareVersions(offered, currentVersion);
  if (order === null) return { action: 'ignore', reason: `"${offered.slice(0, 40)}" is not a version` };
  if (order <= 0) return { action: 'ignore', reason: order === 0 ? 'up to date' : `the feed offers ${offered}, older than ${currentVersion}` };
  if (parseVersion(offered)!.pre.length > 0 && parseVersion(currentVersion)!.pre.length === 0) {
    return { action: 'ignore', reason: `${offered} is a pre-release` };
  }
  return { action: 'download', version: offered };
}

/** A posting is in flight while the engine syncs or reports progress; the status it publishes says so. */
export function postingInFlight(status: SyncStatus | null): boolean {
  return status !== null && (status.state === 'syncing' || status.progress !== null);
}

export type InstallDecision = { action: 'install'; version: string } | { action: 'wait'; reason: string } | { action: 'none' };

export function decideInstall(downloaded: string | null, currentVersion: string, inFlight: boolean): InstallDecision {
  if (!downloaded || (compareVersions(downloaded, currentVersion) ?? 0) <= 0) return { action: 'none' };
  if (inFlight) return { action: 'wait', reason: 'a posting is in flight' };
  return { action: 'install', version: downloaded };
}

/** What the controller needs from electron-updater. */
export interface Updater {
  /** The version the feed offers (null when it offers nothing). */
  check(): Promise<string | null>;
  /** Downloads the offered update in the background; resolves when it is on disk and verified. */
  download(): Promise<void>;
  /** Runs the installer and lets the app quit. */
  install(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  setInterval(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface UpdateControllerOptions {
  currentVersion: string;
  updater: Updater;
  /** The core's latest status: no install while it shows a posting in flight. */
  status: () => SyncStatus | null;
  log: QboLogger;
  timers?: Timers;
}

/** Checks at start and daily, downloads in the background, installs on quit. */
export class UpdateController {
  private downloaded: string | null = null;
  private busy: Promise<void> | null = null;
  private readonly handles: unknown[] = [];
  private readonly timers: Timers;

  constructor(private readonly options: UpdateControllerOptions) {
    this.timers = options.timers ?? realTimers;
  }

  start(): void {
    this.handles.push(this.timers.setTimeout(() => void this.checkNow(), FIRST_CHECK_DELAY_MS));
    this.handles.push(this.timers.setInterval(() => void this.checkNow(), CHECK_INTERVAL_MS));
  }

  stop(): void {
    for (const handle of this.handles.splice(0)) this.timers.clear(handle);
  }

  /** The version downloaded and waiting for the next quit, if any. */
  ready(): string | null {
    return this.downloaded;
  }

  /** One check (and download when there is something newer); never two at once, never throws. */
  checkNow(): Promise<void> {
    this.busy ??= this.checkOnce().finally(() => (this.busy = null));
    return this.busy;
  }

  /** At quit, after the core finished its work: true when the installer took over the quit. */
  installOnQuit(inFlight = postingInFlight(this.options.status())): boolean {
    const decision = decideInstall(this.downloaded, this.options.currentVersion, inFlight);
    if (decision.action === 'wait')
      this.options.log({ level: 'info', event: 'update.install-deferred', message: `update ${this.downloaded} not installed: ${decision.reason}` });
    if (decision.action !== 'install') return false;
    this.options.log({ level: 'info', event: 'update.installing', message: `installing ${decision.version} as the app quits` });
    this.options.updater.install();
    return true;
  }

  private async checkOnce(): Promise<void> {
    const { log, updater, currentVersion } = this.options;
    try {
      const offered = await updater.check();
      const decision = decideOnFeed(currentVersion, offered);
      if (decision.action === 'ignore') {
        log({ level: 'info', event: 'update.none', message: `no update: ${decision.reason}` });
        return;
      }
      if (this.downloaded === decision.version) return;
      log({ level: 'info', event: 'update.downloading', message: `downloading ${decision.version} in the background` });
      await updater.download();
      this.downloaded = decision.version;
      log({ level: 'info', event: 'update.downloaded', message: `${decision.version} is ready; it installs when the app quits` });
    } catch (err) {
      // An offline PC or a feed that is down is normal: tried again tomorrow.
      log({ level: 'warn', event: 'update.check-failed', message: err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300) });
    }
  }
}
