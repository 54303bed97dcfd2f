/**
 * The one import pipeline, shared by the CLI, the inbox watcher and the app: read each file with its reader,
 * record every document in the ledger (duplicates and revisions decided there), quarantine every refused
 * line, and remember the file by content hash. Each file is one ledger transaction: either all it brings is
 * recorded, or (on a crash) none of it, and importing it again is then the same as the first time.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Ledger } from '../ledger';
import { MAX_INPUT_BYTES, decodeInputBytes } from '../por/input-text';
import { readFeedFile } from '../por/feed/feed-reader';
import { readIifBytes, readIifFile } from '../por/iif/iif-reader';
import type { InputProblem } from '../por/model';
import { formatProblem, type ReadResult } from '../por/read-result';
import { detectInputFormat, type InputFormat } from './file-format';
import { emptyCounts, type FileImportResult, type ImportItem, type ImportReport } from './import-report';
import { arrivalOf, lineFix, wholeFileFix } from './file-arrival';
import { parseIifFileName } from '../por/iif/iif-file-name';
import { refusedParsedDocument } from '../por/feed/refused-feed-document';

export type FileReaders = Record<InputFormat, (path: string) => Promise<ReadResult>>;

export const DEFAULT_READERS: FileReaders = { iif: readIifFile, feed: readFeedFile };

export interface ImportOptions {
  readers?: FileReaders;
}

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
  const readUpTo = (n: number) => {
    while (reads.length < Math.min(n, paths.length)) reads.push(readForImport(paths[reads.length]!, readers));
  };
  for (let i = 0; i < paths.length; i++) {
    readUpTo(i + 1 + READ_AHEAD);
    // Recorded in the order given, whatever order the reads finish in (a regenerated file stays the later one).
    const { file, items } = recordImport(ledger, await reads[i]!);
    reads[i] = DONE;
    report.files.push(file);
    report.items.push(...items);
    report.totals.files++;
    if (file.outcome === 'accepted') report.totals.filesAccepted++;
    else if (file.outcome === 'duplicateFile') report.totals.filesDuplicate++;
    else report.totals.filesRejected++;
    for (const [k, n] of Object.entries(file.counts)) report.totals[k as keyof typeof file.counts] += n;
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
}

const DONE = Promise.resolve({ path: '', name: '', unreadable: null, bytes: null, sha256: null, format: null, result: null } satisfies ReadFile);

/** Reads, hashes and parses one file (no ledger: files can be read side by side). Never throws. */
export async function readForImport(path: string, readers: FileReaders = DEFAULT_READERS): Promise<ReadFile> {
  path = resolve(path);
  const name = basename(path);
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (st.size > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG', size: st.size });
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'it does not exist'
        : code === 'EISDIR' ? 'it is a folder'
          : code === 'EFBIG' ? `it is too large (${(err as { size?: number }).size} bytes; the limit is ${MAX_INPUT_BYTES})`
            : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
              : code === 'EBUSY' ? 'it is locked by another program'
                : String(code ?? err);
    return { path, name, unreadable: `${name}: the file cannot be read: ${why}`, bytes: null, sha256: null, format: null, result: null };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = detectInputFormat(path, bytes.subarray(0, 512));
  // The IIF reader takes the bytes already read (and hashed): the file is read once, and what is recorded
  // is exactly what the hash names even if the file changes meanwhile.
  const reader = readers[format];
  const result = reader === readIifFile ? readIifBytes(bytes, name) : await reader(path);
  return { path, name, unreadable: null, bytes, sha256, format, result };
}

/** Records one read file in the ledger, in one transaction: its documents, its refusals, the file itself. */
export function recordImport(ledger: Ledger, read: ReadFile): { file: FileImportResult; items: ImportItem[] } {
  const { path, name } = read;
  const file: FileImportResult = { path, name, format: read.format, sha256: read.sha256, size: read.bytes?.length ?? null, outcome: 'rejected', reason: null, counts: emptyCounts(), warnings: [] };
  const items: ImportItem[] = [];
  if (read.unreadable !== null || !read.bytes || !read.result) {
    file.reason = read.unreadable ?? `${name}: the file cannot be read`;
    file.counts.rejected = 1;
    items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: file.reason });
    noteArrival(ledger, file);
    return { file, items };
  }
  const bytes = read.bytes;
  const result = read.result;
  file.warnings = result.warnings.map(formatProblem);
  const rawLines = lazyLines(bytes, name);
  ledger.transaction(() => {
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
    recordContent(ledger, file, items, result, bytes, rawLines);
  });
  return { file, items };
}

function recordContent(
  ledger: Ledger, file: FileImportResult, items: ImportItem[], result: ReadResult, bytes: Buffer, rawLines: (line: number | null) => string | null,
): void {
  const { path, name } = file;
  const wholeFile = result.fileProblem !== null || result.documents.length === 0;
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
    const outcomes = ledger.documents.recordMany(result.documents);
    for (let i = 0; i < outcomes.length; i++) {
      const doc = result.documents[i]!;
      const r = outcomes[i]!;
      const docFile = doc.source.file ?? name;
      const line = doc.source.line;
      if (r.outcome === 'conflict') {
        ledger.quarantine.add({ file: docFile, line, field: 'revision', message: r.reason, document: refusedParsedDocument(doc) }, rawLines(line), file.sha256, lineFix(file.format));
        items.push({ path, file: docFile, line, key: r.key, field: 'revision', revision: r.revision, outcome: 'rejected', reason: r.reason });
        file.counts.rejected++;
        continue;
      }
      // Members in the order the report always had (the CLI prints it as JSON).
      items.push({ path, file: docFile, line, key: r.key, field: null, revision: r.revision, outcome: r.outcome, reason: outcomeReason(r) });
      file.counts[r.outcome]++;
    }
    for (const p of result.problems) quarantine(p, rawLines(p.line));
    if (result.documents.length === 0) {
      file.reason = result.problems.length
        ? `${name}: no document could be read (${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}; the first: ${formatProblem(result.problems[0]!)})`
        : `${name}: the file holds no POR documents`;
      if (!result.problems.length) {
        ledger.quarantine.add(withFileDay({ file: name, line: null, field: null, message: 'the file holds no POR documents' }, name), rawHead(bytes), file.sha256, wholeFileFix(file));
        file.counts.rejected++;
        items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: 'the file holds no POR documents' });
      }
    }
  }
  file.outcome = file.reason ? 'rejected' : 'accepted';
  if (file.outcome === 'accepted') settleRefusals(ledger, items, name);
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

/** The corrected documents (and a corrected copy of a file refused whole) settle the refusals they replace. */
function settleRefusals(ledger: Ledger, items: readonly ImportItem[], name: string): void {
  if (ledger.quarantine.openCount() === 0) return;
  const named = parseIifFileName(name);
  ledger.quarantine.resolveWholeFile(name, named.fileDate, (other) => parseIifFileName(other).period === named.period);
  for (const item of items) {
    if (item.key !== null && (item.outcome === 'accepted' || item.outcome === 'revised' || item.outcome === 'duplicate')) ledger.quarantine.resolveDocument(item.key);
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
    name: file.name, path: file.path, sha256: file.sha256, status: a.status, duplicateOf: file.duplicateOf ?? null, summary: a.summary, fix: a.fix,
    counts: { ...file.counts },
  });
}

function outcomeReason(r: ReturnType<Ledger['documents']['record']>): string | null {
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
