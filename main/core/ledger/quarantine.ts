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
  /** Where the refused document belongs, when that could be read. */
  store: number | null;
  businessDate: string | null;
  docKey: string | null;
  /** What the person reading can do about it; null when only someone else can. */
  fix: string | null;
}

/** A refused document as reconciliation counts it (one per document, however many problems it had). */
export interface RefusedInput {
  ids: number[];
  file: string;
  line: number | null;
  reasons: string[];
  store: number | null;
  businessDate: string | null;
  docKey: string | null;
  postings: [string, number][];
  complete: boolean;
  /** What the person reading can do (the first problem's). */
  fix: string | null;
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
  store: number | null;
  business_date: string | null;
  doc_key: string | null;
  postings: string | null;
  postings_complete: number;
  fix: string | null;
}

/** Rejected input, kept with where it came from and why, so nothing is silently dropped. */
export class Quarantine {
  private readonly insert;

  constructor(private readonly ctx: LedgerContext) {
    this.insert = ctx.db.prepare(
      `INSERT INTO quarantine (received_at, file, line, field, reason, raw, file_sha256, store, business_date, doc_key, postings, postings_complete, fix)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  add(problem: InputProblem, raw: string | null = null, fileSha256: string | null = null, fix: string | null = null): number {
    const text = raw === null ? null : raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw;
    const d = problem.document;
    const info = this.insert.run(
      this.ctx.now(),
      problem.file,
      problem.line,
      problem.field,
      problem.message,
      text,
      fileSha256,
      d?.store ?? null,
      d?.businessDate ?? null,
      d?.key ?? null,
      d && d.postings.length ? JSON.stringify(d.postings) : null,
      d?.complete ? 1 : 0,
      fix,
    );
    return Number(info.lastInsertRowid);
  }

  /** The corrected document arrived (accepted under the same key): its refusals are settled. */
  resolveDocument(key: string): number {
    return prepared(this.ctx.db, 'UPDATE quarantine SET resolved_at = ? WHERE doc_key = ? AND resolved_at IS NULL').run(this.ctx.now(), key).changes;
  }

  /**
   * A file was accepted: refusals of a whole file (no line, no document) of the same name, or of the same
   * day when its name gives one (POR's PRyymmdd, however the copy was renamed), are settled.
   */
  resolveWholeFile(file: string, day: string | null, sameKind: (otherFile: string) => boolean = () => true): number {
    const rows = prepared(
      this.ctx.db,
      'SELECT id, file FROM quarantine WHERE line IS NULL AND doc_key IS NULL AND resolved_at IS NULL AND (file = ? OR business_date = ?)',
    ).all(file, day) as { id: number; file: string }[];
    let n = 0;
    // Same day is not enough: a daily export does not settle a refused monthly one ending that day.
    for (const r of rows) if ((r.file === file || sameKind(r.file)) && this.resolve(r.id)) n++;
    return n;
  }

  /** Open refusals, newest first (for the tray's count and the dashboard). */
  openCount(): number {
    return (prepared(this.ctx.db, 'SELECT count(*) AS n FROM quarantine WHERE resolved_at IS NULL').get() as { n: number }).n;
  }

  /**
   * Open refusals as the documents they kept out, for reconciliation: those of a day in [from, to], and
   * those whose day could not be read at all (they may belong to any day). One entry per document: its
   * key, or else its file and line.
   */
  refusedInput(range: { from: string; to: string }): RefusedInput[] {
    const rows = prepared(
      this.ctx.db,
      `SELECT * FROM quarantine WHERE resolved_at IS NULL AND (business_date IS NULL OR business_date BETWEEN ? AND ?) ORDER BY id`,
    ).all(range.from, range.to) as Row[];
    const byDocument = new Map<string, RefusedInput>();
    for (const r of rows) {
      const group = r.doc_key ?? `${r.file_sha256 ?? ''}|${r.file}|${r.line ?? ''}`;
      const seen = byDocument.get(group);
      if (seen) {
        seen.ids.push(r.id);
        if (!seen.reasons.includes(r.reason)) seen.reasons.push(r.reason);
        continue;
      }
      byDocument.set(group, {
        ids: [r.id],
        file: r.file,
        line: r.line,
        reasons: [r.reason],
        store: r.store,
        businessDate: r.business_date,
        docKey: r.doc_key,
        postings: r.postings ? (JSON.parse(r.postings) as [string, number][]) : [],
        complete: r.postings_complete === 1,
        fix: r.fix,
      });
    }
    return [...byDocument.values()];
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
        ? (prepared(this.ctx.db, `SELECT * FROM quarantine ${whereSql ? `${whereSql} AND` : 'WHERE'} id < ? ORDER BY id DESC LIMIT ?`).all(
            ...params,
            page.before,
            limit,
          ) as Row[])
        : (prepared(this.ctx.db, `SELECT * FROM quarantine ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
            ...params,
            limit,
            Math.max(0, Math.trunc(page.offset ?? 0)),
          ) as Row[]);
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
        store: r.store,
        businessDate: r.business_date,
        docKey: r.doc_key,
        fix: r.fix,
      })),
      total,
      nextBefore: rows.length === limit && last ? last.id : null,
    };
  }
}
