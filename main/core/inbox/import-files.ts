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

export type FileReaders = Record<InputFormat, (path: string) => Promise<ReadResult>>;

export const DEFAULT_READERS: FileReaders = { iif: readIifFile, feed: readFeedFile };

export interface ImportOptions {
  readers?: FileReaders;
}

export async function importFiles(ledger: Ledger, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  const readers = options.readers ?? DEFAULT_READERS;
  const report: ImportReport = {
    environment: ledger.environment,
    files: [],
    items: [],
    totals: { ...emptyCounts(), files: 0, filesAccepted: 0, filesDuplicate: 0, filesRejected: 0 },
  };
  for (const path of paths) {
    const { file, items } = await importOne(ledger, resolve(path), readers);
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

async function importOne(ledger: Ledger, path: string, readers: FileReaders): Promise<{ file: FileImportResult; items: ImportItem[] }> {
  const name = basename(path);
  const file: FileImportResult = { path, name, format: null, sha256: null, size: null, outcome: 'rejected', reason: null, counts: emptyCounts(), warnings: [] };
  const items: ImportItem[] = [];

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
    file.reason = `${name}: the file cannot be read: ${why}`;
    file.counts.rejected = 1;
    items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: file.reason });
    return { file, items };
  }
  file.sha256 = createHash('sha256').update(bytes).digest('hex');
  file.size = bytes.length;
  file.format = detectInputFormat(path, bytes.subarray(0, 512));

  const known = ledger.files.find(file.sha256);
  if (known?.outcome === 'accepted') {
    file.outcome = 'duplicateFile';
    file.reason = `the same content was imported before as ${known.name} (${known.importedAt})`;
    return { file, items };
  }

  // The IIF reader takes the bytes already read (and hashed): the file is read once, and what is recorded
  // is exactly what the hash names even if the file changes meanwhile.
  const reader = readers[file.format];
  const result = reader === readIifFile ? readIifBytes(bytes, name) : await reader(path);
  file.warnings = result.warnings.map(formatProblem);
  const rawLines = lazyLines(bytes, name);

  ledger.transaction(() => {
    const quarantine = (p: InputProblem, raw: string | null) => {
      ledger.quarantine.add(p, raw, file.sha256);
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
          ledger.quarantine.add({ file: docFile, line, field: 'revision', message: r.reason }, rawLines(line), file.sha256);
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
          ledger.quarantine.add({ file: name, line: null, field: null, message: 'the file holds no POR documents' }, rawHead(bytes), file.sha256);
          file.counts.rejected++;
          items.push({ path, file: name, line: null, key: null, field: null, outcome: 'rejected', revision: null, reason: 'the file holds no POR documents' });
        }
      }
    }
    file.outcome = file.reason ? 'rejected' : 'accepted';
    ledger.files.record({
      sha256: file.sha256!,
      path,
      name,
      size: file.size!,
      outcome: file.outcome === 'accepted' ? 'accepted' : 'rejected',
      reason: file.reason,
      counts: { ...file.counts },
    });
  });
  return { file, items };
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
