import type { HistoryLog } from './history-log';
import { parseJson, type LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export type FileOutcome = 'accepted' | 'rejected';

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

  record(file: { sha256: string; path: string; name: string; size: number; outcome: FileOutcome; reason?: string | null; counts?: Record<string, number> }): void {
    this.ctx.write(() => {
      const before = this.find(file.sha256);
      prepared(
        this.ctx.db,
        `INSERT INTO files (sha256, path, name, size, imported_at, outcome, reason, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, name = excluded.name, imported_at = excluded.imported_at,
           outcome = excluded.outcome, reason = excluded.reason, counts = excluded.counts`,
      )
        .run(file.sha256, file.path, file.name, file.size, this.ctx.now(), file.outcome, file.reason ?? null, file.counts ? JSON.stringify(file.counts) : null);
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
    prepared(this.ctx.db, 'INSERT INTO file_arrivals (at, name, path, sha256, status, duplicate_of, summary, fix, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(this.ctx.now(), a.name, a.path, a.sha256, a.status, a.duplicateOf, a.summary, a.fix, a.counts ? JSON.stringify(a.counts) : null);
  }

  /** The latest arrivals, newest first. */
  arrivals(limit = 20): FileArrival[] {
    const rows = prepared(this.ctx.db, 'SELECT * FROM file_arrivals ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number; at: string; name: string; path: string; sha256: string | null; status: ArrivalStatus; duplicate_of: string | null;
      summary: string; fix: string | null; counts: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id, at: r.at, name: r.name, path: r.path, sha256: r.sha256, status: r.status, duplicateOf: r.duplicate_of,
      summary: r.summary, fix: r.fix, counts: parseJson(r.counts),
    }));
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
