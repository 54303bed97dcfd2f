import type { InputProblem } from '../por/model';
import type { Page, PageRequest } from './history-log';
import { clampLimit } from './history-log';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export interface QuarantineEntry {
  id: number;
  receivedAt: string;
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
  raw: string | null;
  fileSha256: string | null;
  resolvedAt: string | null;
}

/** Longest raw text kept per entry: enough to see the line, never a whole junk file. */
export const MAX_RAW_CHARS = 4000;

interface Row {
  id: number;
  received_at: string;
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
  raw: string | null;
  file_sha256: string | null;
  resolved_at: string | null;
}

/** Rejected input, kept with where it came from and why, so nothing is silently dropped. */
export class Quarantine {
  private readonly insert;

  constructor(private readonly ctx: LedgerContext) {
    this.insert = ctx.db.prepare(
      'INSERT INTO quarantine (received_at, file, line, field, reason, raw, file_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  add(problem: InputProblem, raw: string | null = null, fileSha256: string | null = null): number {
    const text = raw === null ? null : raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw;
    const info = this.insert.run(this.ctx.now(), problem.file, problem.line, problem.field, problem.message, text, fileSha256);
    return Number(info.lastInsertRowid);
  }

  /** Marks an entry handled (e.g. the corrected file came in). */
  resolve(id: number): boolean {
    return prepared(this.ctx.db, 'UPDATE quarantine SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(this.ctx.now(), id).changes > 0;
  }

  /** Newest first. */
  list(filter: { file?: string; open?: boolean } = {}, page: PageRequest = {}): Page<QuarantineEntry> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.file !== undefined) {
      where.push('file = ?');
      params.push(filter.file);
    }
    if (filter.open) where.push('resolved_at IS NULL');
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (prepared(this.ctx.db, `SELECT count(*) AS n FROM quarantine ${whereSql}`).get(...params) as { n: number }).n;
    const limit = clampLimit(page.limit);
    const rows =
      page.before !== undefined
        ? (prepared(this.ctx.db, `SELECT * FROM quarantine ${whereSql ? `${whereSql} AND` : 'WHERE'} id < ? ORDER BY id DESC LIMIT ?`)
            .all(...params, page.before, limit) as Row[])
        : (prepared(this.ctx.db, `SELECT * FROM quarantine ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`)
            .all(...params, limit, Math.max(0, Math.trunc(page.offset ?? 0))) as Row[]);
    const last = rows[rows.length - 1];
    return {
      rows: rows.map((r) => ({
        id: r.id,
        receivedAt: r.received_at,
        file: r.file,
        line: r.line,
        field: r.field,
        reason: r.reason,
        raw: r.raw,
        fileSha256: r.file_sha256,
        resolvedAt: r.resolved_at,
      })),
      total,
      nextBefore: rows.length === limit && last ? last.id : null,
    };
  }
}
