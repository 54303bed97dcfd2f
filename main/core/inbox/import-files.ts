/**
 * The one import pipeline, shared by the CLI, the inbox watcher and the app: read each file with its reader,
 * record every document in the ledger (duplicates and revisions decided there), quarantine every refused
 * line, and remember the file by content hash. Each file is one ledger transaction: either all it brings is
 * recorded, or (on a crash) none of it, and importing it again is then the same as the first time.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Ledger, RecordOutcome } from '../ledger';
import { BINARY_MESSAGE, MAX_INPUT_BYTES, decodeInputBytes, lineTooLongMessage, looksBinary } from '../por/input-text';
import { dropConflictingDuplicates, readFeedBytes, readFeedFile, readFeedLine } from '../por/feed/feed-reader';
import { streamLines } from '../por/line-stream';
import type { PorDocument } from '../por/model';
import { problem } from '../por/read-result';
import { readIifBytes, readIifFile } from '../por/iif/iif-reader';
import type { InputProblem } from '../por/model';
import { formatProblem, type ReadResult } from '../por/read-result';
import { detectInputFormat, type InputFormat } from './file-format';
import { emptyCounts, type FileImportResult, type ImportItem, type ImportReport } from './import-report';
import { arrivalOf, lineFix, wholeFileFix } from './file-arrival';
import { parseIifFileName } from '../por/iif/iif-file-name';
import { refusedParsedDocument } from '../por/feed/refused-feed-document';
import { approvalRequired } from './import-approval';
import { OFF_THREAD_HASH_BYTES, readShared, sha256Hex } from './file-hash';
import { PreparationFailed, startIifPreparation, type IifPreparation } from './iif-preparation';

export type FileReaders = Record<InputFormat, (path: string) => Promise<ReadResult>>;

export const DEFAULT_READERS: FileReaders = { iif: readIifFile, feed: readFeedFile };

export interface ImportOptions {
  readers?: FileReaders;
  /** The IIF size limit (default MAX_IIF_BYTES): only benchmarks raise it, to time files larger than POR writes. */
  maxIifBytes?: number;
}

/**
 * Files up to this size are read whole (and parsed while the ledger records the one before); a larger
 * feed file is streamed line by line and recorded in chunks, with bounded memory whatever its size.
 */
export const WHOLE_FILE_BYTES = 16 * 1024 * 1024;
/** A POR GL export is a day's or a month's summary (KB): an IIF file larger than this is not one. */
export const MAX_IIF_BYTES = WHOLE_FILE_BYTES;
/** A streamed feed file larger than this is refused (hours of importing, and nothing POR writes). */
export const MAX_STREAMED_BYTES = 4 * 1024 * 1024 * 1024;
/** Documents recorded per transaction when a file is streamed; the event loop runs between chunks. */
export const STREAM_CHUNK_DOCUMENTS = 2000;

/**
 * Called before a file is read: notes the import as started and returns why the file must not be read
 * (the process died on it twice), or null.
 */
export type ImportGuard = (file: { key: string; name: string; path: string; size: number }) => string | null;

/** The crash-loop guard over a ledger's file registry. */
export function crashGuard(ledger: () => Ledger): ImportGuard {
  return (file) => {
    let earlier = 0;
    try {
      earlier = ledger().files.importStarted(file);
    } catch {
      return null; // no ledger open yet: the import itself reports that
    }
    if (earlier < 2) return null;
    return (
      `${file.name}: the app stopped ${earlier} times while importing this file (it may be too large or damaged for this computer), ` +
      'so it was set aside instead of being tried again at every start. Put it back in the inbox to try once more, or send it to your POR support.'
    );
  };
}

/** A file at least this large is recorded with the WAL checkpoint after its commit left to another thread. */
export const BULK_WRITE_BYTES = 4 * 1024 * 1024;

/** Files read ahead of the one being recorded: reading and parsing overlap, the ledger records one at a time. */
const READ_AHEAD = 4;

export async function importFiles(ledger: Ledger, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  const readers = options.readers ?? DEFAULT_READERS;
  const report: ImportReport = {
    environment: ledger.environment,
    files: [],
    items: [],
    totals: { ...emptyCounts(), files: 0, filesAccepted: 0, filesDuplicate: 0, filesRejected: 0 },
  };
  const reads: Promise<ReadFile>[] = [];
  const guard = crashGuard(() => ledger);
  const readUpTo = (n: number) => {
    while (reads.length < Math.min(n, paths.length)) reads.push(readForImport(paths[reads.length]!, readers, guard, options.maxIifBytes));
  };
  let i = 0;
  try {
    for (; i < paths.length; i++) {
      readUpTo(i + 1 + READ_AHEAD);
      // Recorded in the order given, whatever order the reads finish in (a regenerated file stays the later one).
      const { file, items } = await recordRead(ledger, await reads[i]!);
      reads[i] = DONE;
      report.files.push(file);
      report.items.push(...items);
      report.totals.files++;
      if (file.outcome === 'accepted') report.totals.filesAccepted++;
      else if (file.outcome === 'duplicateFile') report.totals.filesDuplicate++;
      else report.totals.filesRejected++;
      for (const [k, n] of Object.entries(file.counts)) report.totals[k as keyof typeof file.counts] += n;
    }
  } finally {
    // Stopped by a failure: the files read ahead are not recorded, and their reading threads stop.
    for (let j = i + 1; j < reads.length; j++) void reads[j]!.then(discardRead);
  }
  return report;
}

/** A file read, hashed and parsed, not yet recorded: what recordImport needs, with no ledger involved. */
export interface ReadFile {
  path: string;
  name: string;
  /** Why the file could not be read at all, or null. */
  unreadable: string | null;
  bytes: Buffer | null;
  sha256: string | null;
  format: InputFormat | null;
  result: ReadResult | null;
  /** A feed file too large to read whole: recordRead streams it (its size in bytes). */
  streamed?: number;
  /** The crash-loop guard's key (name|size|mtime), cleared once the file is recorded. */
  attemptKey?: string;
  /** A big GL export being read on another thread (result is null): recordImport records it as it comes. */
  preparation?: IifPreparation;
}

/** A read that will not be recorded (the inbox closed meanwhile): stops its reading thread, if any. */
export function discardRead(read: ReadFile): void {
  read.preparation?.close();
}

const DONE = Promise.resolve({ path: '', name: '', unreadable: null, bytes: null, sha256: null, format: null, result: null } satisfies ReadFile);

/** Opens a file for reading without following a link (O_NOFOLLOW where the OS has it; lstat first everywhere). */
async function openNoFollow(path: string): Promise<FileHandle> {
  const st = await lstat(path);
  if (st.isSymbolicLink()) throw Object.assign(new Error('link'), { code: 'ELINK' });
  return open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
}

function unreadableReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'it does not exist'
    : code === 'EISDIR'
      ? 'it is a folder'
      : code === 'ELINK' || code === 'ELOOP'
        ? 'it is a link (shortcut) to another file; links are never followed: put the file itself in the inbox'
        : code === 'EFBIG'
          ? (err as Error).message
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EBUSY'
              ? 'it is locked by another program'
              : String(code ?? err);
}

/**
 * Reads, hashes and parses one file (no ledger: files can be read side by side). Never throws. A link is
 * refused, never followed; a feed file over WHOLE_FILE_BYTES is left to recordRead to stream.
 */
export async function readForImport(path: string, readers: FileReaders = DEFAULT_READERS, guard?: ImportGuard, maxIifBytes = MAX_IIF_BYTES): Promise<ReadFile> {
  path = resolve(path);
  const name = basename(path);
  let bytes: Buffer;
  let format: InputFormat;
  let attemptKey: string | undefined;
  let handle: FileHandle | null = null;
  const refuse = (why: string): ReadFile => ({
    path,
    name,
    unreadable: `${name}: the file cannot be read: ${why}`,
    bytes: null,
    sha256: null,
    format: null,
    result: null,
    ...(attemptKey ? { attemptKey } : {}),
  });
  try {
    handle = await openNoFollow(path);
    const st = await handle.stat();
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    attemptKey = `${name}|${st.size}|${Math.round(st.mtimeMs)}`;
    const setAside = guard?.({ key: attemptKey, name, path, size: st.size });
    if (setAside) return { ...refuse(''), unreadable: setAside };
    const head = Buffer.alloc(Math.min(st.size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    format = detectInputFormat(path, head.subarray(0, 512));
    if (format === 'iif' && st.size > maxIifBytes) {
      throw Object.assign(
        new Error(
          `it is too large for a POR GL export (${st.size.toLocaleString('en-US')} bytes; GL exports are daily or monthly summaries, the limit is ${maxIifBytes.toLocaleString('en-US')})`,
        ),
        { code: 'EFBIG' },
      );
    }
    if (st.size > WHOLE_FILE_BYTES && format !== 'iif') {
      if (st.size > MAX_STREAMED_BYTES) {
        throw Object.assign(
          new Error(`it is too large (${st.size.toLocaleString('en-US')} bytes; the limit is ${MAX_STREAMED_BYTES.toLocaleString('en-US')})`),
          { code: 'EFBIG' },
        );
      }
      if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
        throw Object.assign(new Error('a feed file this large must be UTF-8 (it is UTF-16): save it as UTF-8'), { code: 'EFBIG' });
      }
      if (looksBinary(head.toString('utf8'))) throw Object.assign(new Error(BINARY_MESSAGE), { code: 'EFBIG' });
      return { path, name, unreadable: null, bytes: null, sha256: null, format, result: null, streamed: st.size, attemptKey };
    }
    if (st.size > MAX_INPUT_BYTES) throw Object.assign(new Error(`it is too large (${st.size} bytes; the limit is ${MAX_INPUT_BYTES})`), { code: 'EFBIG' });
    // A big file goes to shared memory, to be hashed on another thread while it is parsed here.
    bytes = (st.size >= OFF_THREAD_HASH_BYTES ? await readShared(handle, st.size) : null) ?? (await handle.readFile());
  } catch (err) {
    return refuse(unreadableReason(err));
  } finally {
    await handle?.close().catch(() => undefined);
  }
  const hashing = sha256Hex(bytes);
  // The IIF reader takes the bytes already read (and hashed): the file is read once, and what is recorded
  // is exactly what the hash names even if the file changes meanwhile.
  const reader = readers[format];
  // A big GL export is read on another thread while the ledger records it (iif-preparation.ts).
  const preparation = reader === readIifFile ? await startIifPreparation(bytes, name) : null;
  if (preparation) return { path, name, unreadable: null, bytes, sha256: await hashing, format, result: null, attemptKey, preparation };
  const result = reader === readIifFile ? readIifBytes(bytes, name) : reader === readFeedFile ? readFeedBytes(bytes, name) : await reader(path);
  const sha256 = await hashing;
  return { path, name, unreadable: null, bytes, sha256, format, result, attemptKey };
}

/** Records one read file: whole files in one transaction, streamed ones in chunks. Clears the crash mark after. */
export async function recordRead(ledger: Ledger, read: ReadFile): Promise<{ file: FileImportResult; items: ImportItem[] }> {
  const out = read.streamed !== undefined ? await recordStreamedFeed(ledger, read) : recordImport(ledger, read);
  if (read.attemptKey) ledger.files.importFinished(read.attemptKey);
  return out;
}

/** Refusals kept in a streamed file's report (every one is quarantined; the report shows the first ones). */
const MAX_STREAMED_ITEMS = 1000;

/**
 * A feed file too large to read whole: hashed in one pass (a duplicate stops there), then read line by
 * line and recorded STREAM_CHUNK_DOCUMENTS at a time, each chunk one transaction, the event loop free
 * between chunks. A crash part-way leaves whole chunks recorded; importing the file again records the
 * rest (what is already here comes back as duplicates). The same document twice with different content
 * within a chunk is refused as a whole-file read refuses it; across chunks the ledger refuses the second.
 */
async function recordStreamedFeed(ledger: Ledger, read: ReadFile): Promise<{ file: FileImportResult; items: ImportItem[] }> {
  const { path, name } = read;
  const file: FileImportResult = {
    path,
    name,
    format: 'feed',
    sha256: null,
    size: read.streamed!,
    outcome: 'rejected',
    reason: null,
    counts: emptyCounts(),
    warnings: [],
  };
  const items: ImportItem[] = [];
  let handle: FileHandle;
  try {
    handle = await openNoFollow(path);
  } catch (err) {
    return recordImport(ledger, { ...read, unreadable: `${name}: the file cannot be read: ${unreadableReason(err)}` });
  }
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      position += bytesRead;
    }
    file.sha256 = hash.digest('hex');
    const known = ledger.files.find(file.sha256);
    if (known?.outcome === 'accepted') {
      file.outcome = 'duplicateFile';
      file.duplicateOf = known.name;
      file.reason = `the same content was imported before as ${known.name} (${known.importedAt})`;
      noteArrival(ledger, file);
      return { file, items };
    }
    const refuse = (p: InputProblem, raw: string | null) => {
      ledger.quarantine.add(p, raw === null ? null : sanitize(raw.slice(0, 2000)), file.sha256, lineFix('feed'));
      if (items.length < MAX_STREAMED_ITEMS)
        items.push({ path, file: p.file, line: p.line, key: null, field: p.field, outcome: 'rejected', revision: null, reason: p.message });
      file.counts.rejected++;
    };
    const approval = approvalRequired(ledger);
    let batch: { doc: PorDocument; line: number }[] = [];
    let problems: { p: InputProblem; raw: string | null }[] = [];
    let documents = 0;
    let firstProblem: InputProblem | null = null;
    const flush = async () => {
      const found: InputProblem[] = [];
      const docs = dropConflictingDuplicates(batch, name, found, []);
      ledger.transaction(() => {
        const outcomes = ledger.documents.recordMany(docs);
        const settle = ledger.quarantine.openCount() > 0;
        for (let i = 0; i < outcomes.length; i++) {
          const r = outcomes[i]!;
          const doc = docs[i]!;
          if (r.outcome === 'conflict') {
            refuse({ file: name, line: doc.source.line, field: 'revision', message: r.reason, document: refusedParsedDocument(doc) }, null);
            continue;
          }
          file.counts[r.outcome]++;
          if (settle && (r.outcome === 'accepted' || r.outcome === 'revised' || r.outcome === 'duplicate')) ledger.quarantine.resolveDocument(r.key);
        }
        for (const x of problems) refuse(x.p, x.raw);
        for (const p of found) refuse(p, null);
        if (approval) markWaiting(ledger, outcomes, file);
      });
      documents += docs.length;
      firstProblem ??= problems[0]?.p ?? found[0] ?? null;
      batch = [];
      problems = [];
      await yieldToEventLoop();
    };
    for await (const line of streamLines(handle)) {
      if (line.text === null) {
        problems.push({ p: problem(name, line.lineNo, null, lineTooLongMessage(line.tooLong)), raw: null });
      } else if (line.text.trim() !== '') {
        const r = readFeedLine(line.text, name, line.lineNo);
        if ('doc' in r) batch.push({ doc: r.doc, line: line.lineNo });
        else for (const p of r.problems) problems.push({ p, raw: line.text });
      }
      if (batch.length >= STREAM_CHUNK_DOCUMENTS || problems.length >= STREAM_CHUNK_DOCUMENTS) await flush();
    }
    await flush();
    if (documents === 0) {
      file.reason = firstProblem
        ? `${name}: no document could be read (${file.counts.rejected} problem${file.counts.rejected > 1 ? 's' : ''}; the first: ${formatProblem(firstProblem)})`
        : `${name}: the file holds no POR documents`;
    }
    file.outcome = file.reason ? 'rejected' : 'accepted';
    recordFile(ledger, file, path, name);
    return { file, items };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Thrown inside the file's transaction when its read ends in a whole-file refusal: undoes what it recorded. */
class RefusedWhole extends Error {
  constructor(readonly result: ReadResult) {
    super('the file is refused whole');
  }
}

/** Records one read file in the ledger, in one transaction: its documents, its refusals, the file itself. */
export function recordImport(ledger: Ledger, read: ReadFile): { file: FileImportResult; items: ImportItem[] } {
  const preparation = read.preparation;
  if (!preparation) return recordWhole(ledger, read);
  let result: ReadResult;
  try {
    return recordWhole(ledger, read, preparation);
  } catch (err) {
    if (err instanceof RefusedWhole) result = err.result;
    else if (err instanceof PreparationFailed) result = readIifBytes(read.bytes!, read.name);
    else throw err;
  } finally {
    preparation.close();
  }
  // Rolled back, nothing of the prepared read kept: the file is recorded as read here (or refused whole).
  return recordWhole(ledger, { ...read, preparation: undefined, result });
}

function recordWhole(ledger: Ledger, read: ReadFile, preparation?: IifPreparation): { file: FileImportResult; items: ImportItem[] } {
  const { path, name } = read;
  const file: FileImportResult = {
    path,
    name,
    format: read.format,
    sha256: read.sha256,
    size: read.bytes?.length ?? null,
    outcome: 'rejected',
    reason: null,
    counts: emptyCounts(),
    warnings: [],
  };
  const items: ImportItem[] = [];
  if (read.unreadable !== null || !read.bytes || (!read.result && !preparation)) {
    file.reason = read.unreadable ?? `${name}: the file cannot be read`;
    file.counts.rejected = 1;
    items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: file.reason });
    noteArrival(ledger, file);
    return { file, items };
  }
  const bytes = read.bytes;
  const result = read.result;
  if (result) file.warnings = result.warnings.map(formatProblem);
  const rawLines = lazyLines(bytes, name);
  const write = bytes.length >= BULK_WRITE_BYTES ? ledger.bulkTransaction.bind(ledger) : ledger.transaction.bind(ledger);
  write(() => {
    // Looked up inside the write: two copies read side by side are still one import and one duplicate.
    const known = ledger.files.find(file.sha256!);
    if (known?.outcome === 'accepted') {
      file.outcome = 'duplicateFile';
      file.duplicateOf = known.name;
      file.reason = `the same content was imported before as ${known.name} (${known.importedAt})`;
      file.warnings = [];
      noteArrival(ledger, file);
      return;
    }
    recordContent(ledger, file, items, result ?? recordPrepared(ledger, file, items, preparation!), bytes, rawLines);
  });
  return { file, items };
}

/**
 * Records the journals of a prepared read as they arrive (inside the file's transaction), with the report
 * items recordContent gives them; returns the rest of the read for recordContent (its documents already
 * recorded: `documents` empty, `recorded` what became of each). A whole-file refusal at the end undoes
 * them (RefusedWhole).
 */
function recordPrepared(ledger: Ledger, file: FileImportResult, items: ImportItem[], preparation: IifPreparation): ReadResult & { recorded: RecordOutcome[] } {
  const recorded: RecordOutcome[] = [];
  // One IIF file never names a journal twice: if the ledger has no document yet, none of its keys is stored.
  const fresh = ledger.documents.isEmpty();
  for (;;) {
    const step = preparation.next();
    if (step.kind === 'end') {
      if (step.result.fileProblem) throw new RefusedWhole(step.result);
      file.warnings = step.result.warnings.map(formatProblem);
      return { ...step.result, recorded };
    }
    const { journals, accounts } = step.batch;
    const outcomes = ledger.documents.recordPrepared(journals, accounts, fresh);
    for (let i = 0; i < outcomes.length; i++) {
      const r = outcomes[i]!;
      const j = journals[i]!;
      // A revision number is a feed's: an IIF journal never conflicts.
      if (r.outcome === 'conflict') throw new Error(`${r.key}: ${r.reason}`);
      noteRecorded(items, file, j.file ?? file.name, j.line, r);
      recorded.push(r);
    }
  }
}

/** A recorded document's report item and count. */
function noteRecorded(
  items: ImportItem[],
  file: FileImportResult,
  docFile: string,
  line: number | null,
  r: Exclude<RecordOutcome, { outcome: 'conflict' }>,
): void {
  // Members in the order the report always had (the CLI prints it as JSON).
  items.push({ path: file.path, file: docFile, line, key: r.key, field: null, revision: r.revision, outcome: r.outcome, reason: outcomeReason(r) });
  file.counts[r.outcome]++;
}

function recordContent(
  ledger: Ledger,
  file: FileImportResult,
  items: ImportItem[],
  result: ReadResult & { recorded?: RecordOutcome[] },
  bytes: Buffer,
  rawLines: (line: number | null) => string | null,
): void {
  const { path, name } = file;
  const documents = result.recorded?.length ?? result.documents.length;
  const wholeFile = result.fileProblem !== null || documents === 0;
  const quarantine = (p: InputProblem, raw: string | null) => {
    ledger.quarantine.add(withFileDay(p, name), raw, file.sha256, wholeFile ? wholeFileFix(file) : lineFix(file.format));
    items.push({ path, file: p.file, line: p.line, key: null, field: p.field, outcome: 'rejected', revision: null, reason: p.message });
    file.counts.rejected++;
  };
  if (result.fileProblem) {
    quarantine(result.fileProblem, rawHead(bytes));
    for (const p of result.problems) quarantine(p, rawLines(p.line));
    file.reason = formatProblem(result.fileProblem);
  } else {
    const outcomes = result.recorded ?? ledger.documents.recordMany(result.documents);
    for (let i = 0; i < result.documents.length; i++) {
      const doc = result.documents[i]!;
      const r = outcomes[i]!;
      const docFile = doc.source.file ?? name;
      const line = doc.source.line;
      if (r.outcome === 'conflict') {
        ledger.quarantine.add(
          { file: docFile, line, field: 'revision', message: r.reason, document: refusedParsedDocument(doc) },
          rawLines(line),
          file.sha256,
          lineFix(file.format),
        );
        items.push({ path, file: docFile, line, key: r.key, field: 'revision', revision: r.revision, outcome: 'rejected', reason: r.reason });
        file.counts.rejected++;
        continue;
      }
      noteRecorded(items, file, docFile, line, r);
    }
    for (const p of result.problems) quarantine(p, rawLines(p.line));
    if (approvalRequired(ledger)) markWaiting(ledger, outcomes, file);
    if (documents === 0) {
      file.reason = result.problems.length
        ? `${name}: no document could be read (${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}; the first: ${formatProblem(result.problems[0]!)})`
        : `${name}: the file holds no POR documents`;
      if (!result.problems.length) {
        ledger.quarantine.add(
          withFileDay({ file: name, line: null, field: null, message: 'the file holds no POR documents' }, name),
          rawHead(bytes),
          file.sha256,
          wholeFileFix(file),
        );
        file.counts.rejected++;
        items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: 'the file holds no POR documents' });
      }
    }
  }
  file.outcome = file.reason ? 'rejected' : 'accepted';
  if (file.outcome === 'accepted') settleRefusals(ledger, items, name);
  recordFile(ledger, file, path, name);
}

/** The file's outcome in the registry (duplicates are known by its hash) and its arrival in the one sentence. */
function recordFile(ledger: Ledger, file: FileImportResult, path: string, name: string): void {
  ledger.files.record({
    sha256: file.sha256!,
    path,
    name,
    size: file.size!,
    outcome: file.outcome === 'accepted' ? 'accepted' : 'rejected',
    reason: file.reason,
    counts: { ...file.counts },
  });
  noteArrival(ledger, file);
}

/** Production asks for approval: what this file brought (new documents and revisions) waits for it. */
function markWaiting(ledger: Ledger, outcomes: readonly RecordOutcome[], file: FileImportResult): void {
  const keys = outcomes.filter((r) => r.outcome === 'accepted' || r.outcome === 'revised').map((r) => r.key);
  ledger.files.markForApproval(keys, { name: file.name, sha256: file.sha256 });
}

/** The corrected documents (and a corrected copy of a file refused whole) settle the refusals they replace. */
function settleRefusals(ledger: Ledger, items: readonly ImportItem[], name: string): void {
  if (ledger.quarantine.openCount() === 0) return;
  const named = parseIifFileName(name);
  ledger.quarantine.resolveWholeFile(name, named.fileDate, (other) => parseIifFileName(other).period === named.period);
  for (const item of items) {
    if (item.key !== null && (item.outcome === 'accepted' || item.outcome === 'revised' || item.outcome === 'duplicate'))
      ledger.quarantine.resolveDocument(item.key);
  }
}

/** A file refused whole still names its day when its name does (PRyymmdd): reconciliation counts the day. */
function withFileDay(p: InputProblem, name: string): InputProblem {
  if (p.document || p.line !== null) return p;
  const day = parseIifFileName(name).fileDate;
  return day ? { ...p, document: { key: null, store: null, businessDate: day, postings: [], complete: false } } : p;
}

function noteArrival(ledger: Ledger, file: FileImportResult): void {
  const a = arrivalOf(file);
  ledger.files.recordArrival({
    name: file.name,
    path: file.path,
    sha256: file.sha256,
    status: a.status,
    duplicateOf: file.duplicateOf ?? null,
    summary: a.summary,
    fix: a.fix,
    counts: { ...file.counts },
  });
}

function outcomeReason(r: RecordOutcome): string | null {
  switch (r.outcome) {
    case 'duplicate':
      return `already received (revision ${r.revision}, ${r.status})`;
    case 'revised':
      return r.previousRevision === null ? null : `replaces revision ${r.previousRevision}`;
    case 'pendingDecision':
      return `differs from revision ${r.activeRevision ?? '?'} already received: waits for a decision (replace or keep)`;
    case 'outdated':
      return `older than revision ${r.activeRevision} already received: ignored`;
    default:
      return null;
  }
}

/** The first bytes of a refused file, as text a person can look at (binary shown as U+FFFD). */
function rawHead(bytes: Buffer): string {
  return sanitize(bytes.subarray(0, 2000).toString('utf8'));
}

/** Raw text of a line by number, decoded the way the readers decode; computed only if a line is asked for. */
function lazyLines(bytes: Buffer, name: string): (line: number | null) => string | null {
  let lines: string[] | null = null;
  return (line) => {
    if (line === null) return null;
    if (!lines) {
      const decoded = decodeInputBytes(bytes, name);
      lines = decoded.ok ? decoded.text.split(/\r\n|\n|\r/) : [];
    }
    const text = lines[line - 1];
    return text === undefined ? null : sanitize(text);
  };
}

function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}
