import type { HistoryLog } from './history-log';
import { parseJson, type LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export type FileOutcome = 'accepted' | 'rejected';

/** The hold reason of an export waiting for a person to approve the file its documents came in. */
export const APPROVAL_HOLD_REASON = 'Waiting for approval: the POR file these documents came in must be approved before they are posted (POR data → Approve).';

/** Jobs covering a document (or its `#part`) that waits for approval. */
const JOBS_AWAITING_APPROVAL = `SELECT DISTINCT o.id FROM outbox o
  JOIN outbox_documents d ON d.job_id = o.id
  JOIN import_approvals a ON a.approved_at IS NULL
    AND (d.document_key = a.document_key OR substr(d.document_key, 1, length(a.document_key) + 1) = a.document_key || '#')`;

/** What happened to one file that came in (inbox, CLI or app), in the one sentence everyone shows. */
export type ArrivalStatus = 'imported' | 'duplicate' | 'revisionPending' | 'partlyRecorded' | 'refused';

export interface FileArrival {
  id: number;
  at: string;
  name: string;
  path: string;
  sha256: string | null;
  status: ArrivalStatus;
  /** The name the same content was first imported under (status duplicate). */
  duplicateOf: string | null;
  summary: string;
  /** What the person reading can do; null when nothing (or only someone else can). */
  fix: string | null;
  counts: Record<string, number> | null;
}

export interface ImportedFile {
  id: number;
  sha256: string;
  path: string;
  name: string;
  size: number;
  importedAt: string;
  outcome: FileOutcome;
  reason: string | null;
  counts: Record<string, number> | null;
}

interface Row {
  id: number;
  sha256: string;
  path: string;
  name: string;
  size: number;
  imported_at: string;
  outcome: FileOutcome;
  reason: string | null;
  counts: string | null;
}

/**
 * Files already imported, by content hash: the same bytes again (any name, any folder) are a no-op once
 * accepted. A rejected file may come again (the reader may have changed) and is read again.
 */
export class FileRegistry {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
  ) {}

  find(sha256: string): ImportedFile | null {
    const row = prepared(this.ctx.db, 'SELECT * FROM files WHERE sha256 = ?').get(sha256) as Row | undefined;
    return row ? toFile(row) : null;
  }

  record(file: {
    sha256: string;
    path: string;
    name: string;
    size: number;
    outcome: FileOutcome;
    reason?: string | null;
    counts?: Record<string, number>;
  }): void {
    this.ctx.write(() => {
      const before = this.find(file.sha256);
      prepared(
        this.ctx.db,
        `INSERT INTO files (sha256, path, name, size, imported_at, outcome, reason, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, name = excluded.name, imported_at = excluded.imported_at,
           outcome = excluded.outcome, reason = excluded.reason, counts = excluded.counts`,
      ).run(file.sha256, file.path, file.name, file.size, this.ctx.now(), file.outcome, file.reason ?? null, file.counts ? JSON.stringify(file.counts) : null);
      this.history.record({
        subjectKind: 'file',
        subjectKey: file.name,
        action: file.outcome === 'accepted' ? 'fileImported' : 'fileRejected',
        from: before?.outcome ?? null,
        to: file.outcome,
        detail: { path: file.path, sha256: file.sha256, size: file.size, reason: file.reason ?? null, counts: file.counts ?? null },
      });
    });
  }

  /** Notes one arrival of a file (every one, duplicates too). */
  recordArrival(a: Omit<FileArrival, 'id' | 'at'>): void {
    prepared(
      this.ctx.db,
      'INSERT INTO file_arrivals (at, name, path, sha256, status, duplicate_of, summary, fix, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(this.ctx.now(), a.name, a.path, a.sha256, a.status, a.duplicateOf, a.summary, a.fix, a.counts ? JSON.stringify(a.counts) : null);
  }

  /** The latest arrivals, newest first. */
  arrivals(limit = 20): FileArrival[] {
    const rows = prepared(this.ctx.db, 'SELECT * FROM file_arrivals ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      at: string;
      name: string;
      path: string;
      sha256: string | null;
      status: ArrivalStatus;
      duplicate_of: string | null;
      summary: string;
      fix: string | null;
      counts: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      name: r.name,
      path: r.path,
      sha256: r.sha256,
      status: r.status,
      duplicateOf: r.duplicate_of,
      summary: r.summary,
      fix: r.fix,
      counts: parseJson(r.counts),
    }));
  }

  /**
   * Notes that a file is about to be read (before a byte is read: keyed by name, size and mtime) and
   * returns how many earlier starts never finished. 2 or more: the process died on it twice.
   */
  importStarted(file: { key: string; name: string; path: string; size: number }): number {
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const before = (prepared(this.ctx.db, 'SELECT attempts FROM import_attempts WHERE file_key = ?', 'pluck').get(file.key) as number | undefined) ?? 0;
      prepared(
        this.ctx.db,
        `INSERT INTO import_attempts (file_key, name, path, size, attempts, first_started_at, last_started_at) VALUES (?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (file_key) DO UPDATE SET attempts = attempts + 1, path = excluded.path, last_started_at = excluded.last_started_at`,
      ).run(file.key, file.name, file.path, file.size, now, now);
      return before;
    });
  }

  /** The file was recorded (or refused with a reason): a later crash is not its fault. */
  importFinished(key: string): void {
    prepared(this.ctx.db, 'DELETE FROM import_attempts WHERE file_key = ?').run(key);
  }

  /** Documents from a file imported while approval is asked for: their exports wait for approve(). */
  markForApproval(keys: readonly string[], file: { name: string; sha256: string | null }): void {
    if (keys.length === 0) return;
    this.ctx.write(() => {
      const insert = prepared(
        this.ctx.db,
        `INSERT INTO import_approvals (document_key, file_name, file_sha256, recorded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (document_key) DO UPDATE SET file_name = excluded.file_name, file_sha256 = excluded.file_sha256,
           recorded_at = excluded.recorded_at, approved_at = NULL, approved_by = NULL`,
      );
      const now = this.ctx.now();
      for (const k of keys) insert.run(k, file.name, file.sha256, now);
    });
  }

  /** Files whose documents wait for approval, with how many documents each. */
  awaitingApproval(): { fileName: string; sha256: string | null; documents: number; recordedAt: string }[] {
    return prepared(
      this.ctx.db,
      `SELECT file_name AS fileName, file_sha256 AS sha256, count(*) AS documents, min(recorded_at) AS recordedAt
       FROM import_approvals WHERE approved_at IS NULL GROUP BY file_name, file_sha256 ORDER BY recordedAt`,
    ).all() as { fileName: string; sha256: string | null; documents: number; recordedAt: string }[];
  }

  /** True when some document waits for approval (cheap: the partial index). */
  anyAwaitingApproval(): boolean {
    return prepared(this.ctx.db, 'SELECT 1 FROM import_approvals WHERE approved_at IS NULL LIMIT 1', 'pluck').get() !== undefined;
  }

  /** Approves the documents of one file (by name), or of every file waiting; returns how many. */
  approve(by: string, fileName?: string): number {
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const r =
        fileName === undefined
          ? prepared(this.ctx.db, 'UPDATE import_approvals SET approved_at = ?, approved_by = ? WHERE approved_at IS NULL').run(now, by)
          : prepared(this.ctx.db, 'UPDATE import_approvals SET approved_at = ?, approved_by = ? WHERE approved_at IS NULL AND file_name = ?').run(
              now,
              by,
              fileName,
            );
      if (r.changes > 0) {
        this.history.record({
          subjectKind: 'file',
          subjectKey: fileName ?? '*',
          action: 'importApproved',
          from: null,
          to: 'approved',
          detail: { documents: r.changes, by },
        });
      }
      return r.changes;
    });
  }

  /** Queued export jobs covering a document that waits for approval (they must not be sent yet). */
  queuedJobsAwaitingApproval(): number[] {
    if (!this.anyAwaitingApproval()) return [];
    return prepared(this.ctx.db, `${JOBS_AWAITING_APPROVAL} WHERE o.status = 'queued' ORDER BY o.id`, 'pluck').all() as number[];
  }

  /** True when this job covers a document still waiting for approval. */
  jobAwaitingApproval(jobId: number): boolean {
    if (!this.anyAwaitingApproval()) return false;
    return prepared(this.ctx.db, `${JOBS_AWAITING_APPROVAL} WHERE o.id = ? LIMIT 1`, 'pluck').get(jobId) !== undefined;
  }

  /** Newest first. */
  list(limit = 100): ImportedFile[] {
    return (prepared(this.ctx.db, 'SELECT * FROM files ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toFile);
  }
}

function toFile(r: Row): ImportedFile {
  return {
    id: r.id,
    sha256: r.sha256,
    path: r.path,
    name: r.name,
    size: r.size,
    importedAt: r.imported_at,
    outcome: r.outcome,
    reason: r.reason,
    counts: parseJson(r.counts),
  };
}
