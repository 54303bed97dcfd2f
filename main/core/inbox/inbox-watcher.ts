/**
 * Watches the inbox folder. A file is imported only once it has stopped changing: the same size and mtime
 * on two looks, and no write for `stabilityMs` (by its mtime, or watched that long), so a POR export still
 * being written is never read half-way, and a file that has sat there for a while goes at once. Files are
 * read and parsed side by side (up to `parallel`) and recorded one at a time in the order they settled (one
 * writer to the ledger; a regenerated file stays the later one). chokidar delivers events quickly; a
 * periodic scan catches anything an event missed (network drives, sleep/resume). Accepted and duplicate
 * files move to processed/ (a partly recorded one with a reason file), refused ones to rejected/ with a
 * reason file. If the import itself fails (ledger busy, disk full), the file stays in the inbox and is tried
 * again on the next scan.
 */
import { watch, type FSWatcher } from 'chokidar';
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Ledger } from '../ledger';
import { isIgnoredInboxName } from './file-format';
import { moveToProcessed, moveToProcessedWithReason, moveToRejected } from './file-moves';
import { DEFAULT_READERS, crashGuard, discardRead, readForImport, recordRead, type FileReaders } from './import-files';
import { emptyCounts } from './import-report';
import { inboxNameProblem, prepareInboxFolder } from './inbox-policy';
import type { FileImportResult, ImportReport } from './import-report';
import { rejectionText } from './rejection-text';

export interface InboxWatcherOptions {
  inboxDir: string;
  /** The ledger of the environment current at the moment a file is imported. */
  ledger: () => Ledger;
  /** No write to a file for this long before it is read (default 1 s). */
  stabilityMs?: number;
  /** How often settling files are looked at again (default a tenth of stabilityMs, at most 100 ms). */
  pollMs?: number;
  /** Files read and parsed at the same time (default 8). */
  parallel?: number;
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
  /** A file set aside unread (a link, a name POR does not produce), moved to rejected/ with its reason. */
  onRefused?: (event: { path: string; movedTo: string; reasonPath: string; reason: string }) => void;
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
  let folderProblem: string | null = null;
  try {
    prepareInboxFolder(inboxDir);
  } catch (err) {
    // Not a folder of its own (home, Documents, a drive root, a link, someone's files): nothing is watched.
    folderProblem = err instanceof Error ? err.message : String(err);
  }
  if (folderProblem !== null) return refusedFolder(inboxDir, folderProblem, options);
  const stabilityMs = options.stabilityMs ?? 1000;
  const pollMs = options.pollMs ?? Math.max(10, Math.min(100, Math.round(stabilityMs / 10)));
  const parallel = Math.max(1, options.parallel ?? 8);
  const scanIntervalMs = options.scanIntervalMs ?? 30_000;
  const clock = options.now ?? Date.now;
  const readers = options.readers ?? DEFAULT_READERS;
  const guard = crashGuard(options.ledger);
  /** Files seen and not yet handed to an import, with the last size/mtime observed. */
  const pending = new Map<string, { size: number; mtimeMs: number; stableSince: number }>();
  /** Files being read or recorded: not looked at again until they are done. */
  const busy = new Set<string>();
  /** Files settled and waiting for a reading slot, in the order they settled. */
  const settled: string[] = [];
  let reading = 0;
  /** Recording is one at a time, in the order files settled: each waits for the one before. */
  let recorded: Promise<void> = Promise.resolve();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let looking: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  const candidate = (path: string): boolean => dirname(path) === inboxDir && !isIgnoredInboxName(basename(path));
  const isIdle = () => !looking && !timer && pending.size === 0 && busy.size === 0;

  const notice = (path: string) => {
    if (closed || !candidate(path) || busy.has(path)) return;
    if (!pending.has(path)) pending.set(path, { size: -1, mtimeMs: -1, stableSince: clock() });
    kick(0);
  };

  /** Schedules a look at the settling files; while some are still settling it looks again after pollMs. */
  const kick = (delay: number) => {
    if (closed || looking) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      looking = look().finally(() => {
        looking = null;
        if (pending.size > 0) kick(pollMs);
        else settleIdle();
      });
    }, delay);
  };

  const settleIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const look = async () => {
    const seen = [...pending];
    // lstat: a link is seen as a link, never as the file it points to.
    const stats = await Promise.all(seen.map(([path]) => lstat(path).catch(() => null)));
    const now = clock();
    seen.forEach(([path, last], i) => {
      const st = stats[i];
      if (closed) return;
      if (st?.isSymbolicLink()) {
        pending.delete(path);
        busy.add(path);
        recorded = recorded.then(() =>
          setAside(
            path,
            `"${basename(path)}" is a link (shortcut) to another file or folder. Links are never followed, so nothing was read from where it points; put the POR file itself in the inbox.`,
          ),
        );
        return;
      }
      if (!st || !st.isFile()) {
        pending.delete(path); // gone (moved by someone, or deleted), or not a file
        return;
      }
      const nameProblem = inboxNameProblem(basename(path));
      if (nameProblem) {
        pending.delete(path);
        busy.add(path);
        recorded = recorded.then(() => setAside(path, nameProblem));
        return;
      }
      if (st.size !== last.size || st.mtimeMs !== last.mtimeMs) {
        pending.set(path, { size: st.size, mtimeMs: st.mtimeMs, stableSince: now });
        options.onSettling?.(path, st.size);
        return;
      }
      // Unchanged since the last look, and quiet long enough: by its own mtime, or as we watched it.
      if (now - st.mtimeMs < stabilityMs && now - last.stableSince < stabilityMs) return;
      pending.delete(path);
      busy.add(path);
      settled.push(path);
    });
    startReads();
  };

  const startReads = () => {
    while (reading < parallel && settled.length > 0 && !closed) {
      const path = settled.shift()!;
      reading++;
      const read = readForImport(path, readers, guard).finally(() => {
        reading--;
        startReads();
      });
      recorded = recorded.then(() => handle(path, read));
    }
  };

  const handle = async (path: string, reading: ReturnType<typeof readForImport>) => {
    let unrecorded: Awaited<typeof reading> | null = null;
    try {
      const read = (unrecorded = await reading);
      if (closed) return;
      const ledger = options.ledger();
      unrecorded = null; // recordRead ends the read however it goes
      const { file, items } = await recordRead(ledger, read);
      const counts = { ...emptyCounts(), ...file.counts };
      const report: ImportReport = {
        environment: ledger.environment,
        files: [file],
        items,
        totals: {
          ...counts,
          files: 1,
          filesAccepted: file.outcome === 'accepted' ? 1 : 0,
          filesDuplicate: file.outcome === 'duplicateFile' ? 1 : 0,
          filesRejected: file.outcome === 'rejected' ? 1 : 0,
        },
      };
      let movedTo: string;
      let reasonPath: string | null = null;
      if (file.outcome === 'rejected') {
        const moved = await moveToRejected(inboxDir, path, rejectionText(file, items));
        movedTo = moved.path;
        reasonPath = moved.reasonPath;
      } else if (file.counts.rejected > 0) {
        // Partly recorded: processed, with a reason file saying what was kept out and why.
        const moved = await moveToProcessedWithReason(inboxDir, path, rejectionText(file, items));
        movedTo = moved.path;
        reasonPath = moved.reasonPath;
      } else {
        movedTo = await moveToProcessed(inboxDir, path);
      }
      options.onFile?.({ file, report, movedTo, reasonPath });
    } catch (err) {
      // Left in the inbox: the next scan tries again.
      options.onError?.(err instanceof Error ? err : new Error(String(err)), path);
    } finally {
      // Not recorded (closed, or no ledger open): its reading thread, if any, stops.
      if (unrecorded) discardRead(unrecorded);
      busy.delete(path);
      settleIdle();
    }
  };

  /** A file the inbox does not read (a link, not a POR name): moved to rejected/ with its reason, and noted. */
  const setAside = async (path: string, reason: string) => {
    try {
      if (closed) return;
      const moved = await moveToRejected(inboxDir, path, `POR QBO Companion, ${basename(path)}:\n\nRefused: nothing was read from it. ${reason}\n`);
      options.ledger().files.recordArrival({
        name: basename(path),
        path,
        sha256: null,
        status: 'refused',
        duplicateOf: null,
        summary: `Refused: nothing was read from it. ${reason}`,
        fix: null,
        counts: null,
      });
      options.onRefused?.({ path, movedTo: moved.path, reasonPath: moved.reasonPath, reason });
    } catch (err) {
      options.onError?.(err instanceof Error ? err : new Error(String(err)), path);
    } finally {
      busy.delete(path);
      settleIdle();
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
        if (isIdle()) resolveIdle();
        else idleWaiters.push(resolveIdle);
      }),
    close: async () => {
      closed = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      timer = null;
      await watcher.close();
      if (looking) await looking;
      await recorded;
      pending.clear();
      settled.length = 0;
      settleIdle();
    },
  };
}

/** The inbox folder was refused: nothing is watched, every scan reports why. */
function refusedFolder(inboxDir: string, problem: string, options: InboxWatcherOptions): InboxWatcher {
  const report = () => options.onError?.(new Error(problem), inboxDir);
  report();
  return { inboxDir, ready: Promise.resolve(), scan: async () => report(), idle: async () => {}, close: async () => {} };
}
