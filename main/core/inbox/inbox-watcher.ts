/**
 * Watches the inbox folder. A file is imported only once it has stopped growing (same size and mtime over
 * `stabilityMs`), so a POR export still being written is never read half-way. chokidar delivers events
 * quickly; a periodic scan catches anything an event missed (network drives, sleep/resume). Files are
 * handled one at a time (one writer to the ledger). Accepted and duplicate files move to processed/,
 * refused ones to rejected/ with a reason file. If the import itself fails (ledger busy, disk full), the
 * file stays in the inbox and is tried again on the next scan.
 */
import { watch, type FSWatcher } from 'chokidar';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Ledger } from '../ledger';
import { isIgnoredInboxName } from './file-format';
import { moveToProcessed, moveToRejected } from './file-moves';
import { importFiles, type FileReaders } from './import-files';
import { ensureInboxFolders } from './inbox-dir';
import type { FileImportResult, ImportReport } from './import-report';
import { rejectionText } from './rejection-text';

export interface InboxWatcherOptions {
  inboxDir: string;
  /** The ledger of the environment current at the moment a file is imported. */
  ledger: () => Ledger;
  /** A file must keep the same size and mtime this long before it is read (default 2 s). */
  stabilityMs?: number;
  /** Full rescan of the folder this often (default 30 s). */
  scanIntervalMs?: number;
  /** Use polling instead of native events (network shares). */
  usePolling?: boolean;
  readers?: FileReaders;
  /** Clock for the stability wait (ms); tests pass a manual one. */
  now?: () => number;
  /** A file was seen with this size and is not read yet (still settling): lets the UI say "waiting for ...". */
  onSettling?: (path: string, size: number) => void;
  /** After each file: what the import said and where the file went. */
  onFile?: (event: InboxFileEvent) => void;
  /** A file could not be imported or moved; it stays in the inbox for the next try. */
  onError?: (error: Error, path: string) => void;
}

export interface InboxFileEvent {
  file: FileImportResult;
  report: ImportReport;
  movedTo: string;
  reasonPath: string | null;
}

export interface InboxWatcher {
  readonly inboxDir: string;
  /** Resolves once the first scan is queued and native watching has started. */
  readonly ready: Promise<void>;
  /** Looks at every file in the inbox now. */
  scan(): Promise<void>;
  /** Resolves when nothing is waiting or being imported. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function startInboxWatcher(options: InboxWatcherOptions): InboxWatcher {
  const inboxDir = resolve(options.inboxDir);
  ensureInboxFolders(inboxDir);
  const stabilityMs = options.stabilityMs ?? 2000;
  const scanIntervalMs = options.scanIntervalMs ?? 30_000;
  const clock = options.now ?? Date.now;
  /** Files seen and not yet handled, with the last size/mtime observed. */
  const pending = new Map<string, { size: number; mtimeMs: number; stableSince: number }>();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let working: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  const candidate = (path: string): boolean => dirname(path) === inboxDir && !isIgnoredInboxName(basename(path));

  const notice = (path: string) => {
    if (closed || !candidate(path)) return;
    if (!pending.has(path)) pending.set(path, { size: -1, mtimeMs: -1, stableSince: clock() });
    kick(0);
  };

  /** Schedules the worker; while files are settling it wakes up again after a short step. */
  const kick = (delay: number) => {
    if (closed || working) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      working = work().finally(() => {
        working = null;
        if (pending.size > 0) kick(Math.min(stabilityMs, 250));
        else settleIdle();
      });
    }, delay);
  };

  const settleIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const work = async () => {
    for (const [path, seen] of [...pending]) {
      if (closed) return;
      let st;
      try {
        st = await stat(path);
      } catch {
        pending.delete(path); // gone (moved by someone, or deleted)
        continue;
      }
      if (!st.isFile()) {
        pending.delete(path);
        continue;
      }
      const now = clock();
      if (st.size !== seen.size || st.mtimeMs !== seen.mtimeMs) {
        pending.set(path, { size: st.size, mtimeMs: st.mtimeMs, stableSince: now });
        options.onSettling?.(path, st.size);
        continue;
      }
      if (now - seen.stableSince < stabilityMs) continue;
      pending.delete(path);
      await handle(path);
    }
  };

  const handle = async (path: string) => {
    try {
      const report = await importFiles(options.ledger(), [path], options.readers ? { readers: options.readers } : {});
      const file = report.files[0]!;
      let movedTo: string;
      let reasonPath: string | null = null;
      if (file.outcome === 'rejected') {
        const moved = await moveToRejected(inboxDir, path, rejectionText(file, report.items));
        movedTo = moved.path;
        reasonPath = moved.reasonPath;
      } else {
        movedTo = await moveToProcessed(inboxDir, path);
      }
      options.onFile?.({ file, report, movedTo, reasonPath });
    } catch (err) {
      // Left in the inbox: the next scan tries again.
      options.onError?.(err instanceof Error ? err : new Error(String(err)), path);
    }
  };

  const scan = async () => {
    if (closed) return;
    let names: string[] = [];
    try {
      names = await readdir(inboxDir);
    } catch (err) {
      options.onError?.(err instanceof Error ? err : new Error(String(err)), inboxDir);
    }
    for (const name of names) notice(join(inboxDir, name));
  };

  const watcher: FSWatcher = watch(inboxDir, {
    depth: 0,
    ignoreInitial: true,
    usePolling: options.usePolling ?? false,
    interval: 500,
    ignored: (path: string) => path !== inboxDir && (dirname(path) !== inboxDir || isIgnoredInboxName(basename(path))),
  });
  watcher.on('add', notice);
  watcher.on('change', notice);
  watcher.on('error', (err) => options.onError?.(err instanceof Error ? err : new Error(String(err)), inboxDir));

  const interval = setInterval(() => void scan(), scanIntervalMs);
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady())).then(scan);

  return {
    inboxDir,
    ready,
    scan,
    idle: () =>
      new Promise<void>((resolveIdle) => {
        if (!working && !timer && pending.size === 0) resolveIdle();
        else idleWaiters.push(resolveIdle);
      }),
    close: async () => {
      closed = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      timer = null;
      await watcher.close();
      if (working) await working;
      pending.clear();
      settleIdle();
    },
  };
}
