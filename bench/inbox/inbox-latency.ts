/**
 * Inbox latency: N POR files dropped into the watched inbox at once (as a copy of a folder would), until
 * every one is imported into a fresh ledger and moved out of the inbox; measured from the last write. The
 * watcher runs with the product's defaults (stability wait, parallel reads), as the app starts it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startInboxWatcher, type InboxFileEvent } from '../../main/core/inbox';
import { openLedger } from '../../main/core/ledger';

export interface InboxLatencyInput {
  workDir: string;
  /** Source files (GL exports); copied into the inbox under their own names. */
  files: string[];
  count: number;
  runs: number;
  timeoutMs: number;
}

export interface InboxLatencyRun {
  /** From the last write until the last file was imported and moved. */
  allImportedMs: number;
  /** From the last write until the first file was imported. */
  firstImportedMs: number;
  imported: number;
  refused: number;
}

export interface InboxLatencyResult {
  files: number;
  runs: InboxLatencyRun[];
  medianAllImportedMs: number;
  maxAllImportedMs: number;
  /** What the watcher waits for a file to be quiet (its default). */
  stabilityMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
};

async function oneRun(input: InboxLatencyInput, run: number): Promise<InboxLatencyRun> {
  const dir = join(input.workDir, `run-${run}`);
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  const ledger = openLedger(join(dir, 'data'), 'practice', { actor: 'bench' });
  const sources = Array.from({ length: input.count }, (_, i) => input.files[i % input.files.length]!);
  const bytes = sources.map((p) => readFileSync(p));
  const events: { at: number; event: InboxFileEvent }[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const watcher = startInboxWatcher({
    inboxDir: inbox,
    ledger: () => ledger,
    onFile: (event) => {
      events.push({ at: performance.now(), event });
      if (events.length === input.count) done();
    },
  });
  try {
    await watcher.ready;
    // Dropped at once: written back to back, as a folder copy does.
    // Copies keep POR's name with a suffix (the inbox reads only POR's file names), as Windows names a copy.
    sources.forEach((p, i) => writeFileSync(join(inbox, i < input.files.length ? basename(p) : basename(p).replace(/(\.[^.]*)?$/, ` (${i})$1`)), bytes[i]!));
    const lastWrite = performance.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      all,
      new Promise<void>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`only ${events.length} of ${input.count} files imported`)), input.timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    return {
      allImportedMs: Math.round(events[events.length - 1]!.at - lastWrite),
      firstImportedMs: Math.round(events[0]!.at - lastWrite),
      imported: events.filter((e) => e.event.file.outcome !== 'rejected').length,
      refused: events.filter((e) => e.event.file.outcome === 'rejected').length,
    };
  } finally {
    await watcher.close();
    ledger.close();
  }
}

export async function runInboxLatency(input: InboxLatencyInput): Promise<InboxLatencyResult> {
  const runs: InboxLatencyRun[] = [];
  for (let r = 0; r < input.runs; r++) runs.push(await oneRun(input, r));
  const all = runs.map((r) => r.allImportedMs);
  return { files: input.count, runs, medianAllImportedMs: median(all), maxAllImportedMs: Math.max(...all), stabilityMs: 1000 };
}
