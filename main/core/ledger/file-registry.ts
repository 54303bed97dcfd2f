import type { HistoryLog } from './history-log';
import { parseJson, type LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export type FileOutcome = 'accepted' | 'rejected';

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
