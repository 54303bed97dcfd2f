import type { Statement } from 'better-sqlite3';
import type { ErrorKind } from '../app-error';
import { hostname } from 'node:os';
import type { Cents } from '../money';
import type { HistoryInput, HistoryLog, Page, PageRequest } from './history-log';
import { clampLimit } from './history-log';
import { LedgerError, parseJson, type LedgerContext } from './ledger-context';
import { deriveRequestId } from './request-id';
import { prepared } from './statement-cache';
import { sqlFilter } from './sql-filter';
import { APPROVAL_HOLD_REASON } from './file-registry';
import { SEARCH_TEXT_SOURCES, SEARCH_TEXT_SQL } from './outbox-search-text';

/** How a go-live hold's reason starts: the outbox refuses to release those before production is live. */
export const CUTOVER_HOLD_PREFIX = 'Production is not ready yet:';

/** Set (by cutover-gate.ts) the first time production's go-live checklist passes. */
export const CUTOVER_LIVE_KEY = 'cutoverLiveSince';

import type { JobStatus } from './job-kinds';

export type { JobStatus } from './job-kinds';
/** What a job creates in QBO (journalEntry, invoice, creditMemo, deposit, payment, customer, class, ...). */
export type JobKind = string;

export interface JobError {
  message: string;
  /** What a person can do about it (main/core/app-error.ts); the dashboard's action follows it. */
  kind?: ErrorKind | null;
  qboCode?: string | null;
  intuitTid?: string | null;
  /** What the person should do about it, in plain words. */
  fix?: string | null;
}

export interface EnqueueInput {
  /** Identifies one intended QBO create, e.g. `je:store1:2026-03-14`. Enqueuing it again is a no-op. */
  idempotencyKey: string;
  kind: JobKind;
  payload: unknown;
  /** POR document keys this job covers. */
  documentKeys?: string[];
  amountCents?: Cents;
  store?: number | null;
  businessDate?: string | null;
  /** Enqueue held (e.g. during cutover), with the reason shown to people. */
  holdReason?: string | null;
  /** Not before this time (default now). */
  notBefore?: Date;
}

export interface OutboxJob {
  id: number;
  idempotencyKey: string;
  /** Stable QBO requestid (<= 36 chars). Changes only when the payload is revised after a refusal. */
  requestId: string;
  generation: number;
  /** Counts the requests this generation went out as; a new one after a definite refusal or a "not in QBO". */
  requestSeq: number;
  /**
   * A request with this requestid may have reached QBO without a definite answer (or the app died while
   * it was out): before it is sent again, the engine looks in QBO for what it would have created.
   */
  unconfirmedSend: boolean;
  environment: string;
  kind: JobKind;
  payload: unknown;
  documentKeys: string[];
  status: JobStatus;
  attempts: number;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: JobError | null;
  qboId: string | null;
  qboSyncToken: string | null;
  qboDocNumber: string | null;
  amountCents: Cents;
  store: number | null;
  businessDate: string | null;
  holdReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimOptions {
  limit?: number;
  /** How long the claim holds before recoverInFlight() may take it back (default 2 minutes). */
  leaseMs?: number;
  kinds?: JobKind[];
  /** Only jobs whose last request may have run (looked up in QBO before anything else). */
  unconfirmedOnly?: boolean;
}

export interface JobFilter {
  status?: JobStatus;
  kind?: JobKind;
  store?: number;
  businessDate?: string;
  documentKey?: string;
}

interface JobRow {
  id: number;
  idempotency_key: string;
  request_id: string;
  generation: number;
  request_seq: number;
  unconfirmed_send: number;
  environment: string;
  kind: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error_message: string | null;
  last_error_code: string | null;
  last_error_kind: string | null;
  last_error_tid: string | null;
  last_error_fix: string | null;
  qbo_id: string | null;
  qbo_sync_token: string | null;
  qbo_doc_number: string | null;
  amount_cents: number;
  store: number | null;
  business_date: string | null;
  hold_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A part key of an invoice's paid-at-close half (sync/modes/export-parts.ts names it; the ledger only strips it). */
const PAID_PART_SUFFIX = '#paid';

/** This process, as written into leases: `host:pid`. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}`;

/**
 * Export jobs as rows (the outbox). Every transition is one IMMEDIATE transaction that also writes
 * history, so the CLI and the app can share the file without double claims: claim() flips queued rows
 * to inFlight atomically under SQLite's write lock.
 */
export class Outbox {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
    private readonly owner: string = PROCESS_OWNER,
  ) {}

  /** Adds a job, or returns the existing one with the same idempotency key (created: false). */
  enqueue(input: EnqueueInput): { job: OutboxJob; created: boolean } {
    return this.ctx.write(() => {
      const existing = this.getByKey(input.idempotencyKey);
      if (existing) return { job: existing, created: false };
      const now = this.ctx.now();
      const status: JobStatus = input.holdReason ? 'held' : 'queued';
      this.count(null, status);
      const info = this.sql(
        `INSERT INTO outbox (idempotency_key, request_id, generation, environment, kind, payload, status,
           next_attempt_at, amount_cents, store, business_date, hold_reason, created_at, updated_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.idempotencyKey,
        this.requestIdFor(input.idempotencyKey, 1, 1),
        this.ctx.environment,
        input.kind,
        JSON.stringify(input.payload),
        status,
        input.notBefore ? input.notBefore.toISOString() : now,
        input.amountCents ?? 0,
        input.store ?? null,
        input.businessDate ?? null,
        input.holdReason ?? null,
        now,
        now,
      );
      const id = Number(info.lastInsertRowid);
      this.indexText(id, false);
      const link = this.sql('INSERT OR IGNORE INTO outbox_documents (job_id, document_key) VALUES (?, ?)');
      for (const key of input.documentKeys ?? []) link.run(id, key);
      const job = this.mustGet(id);
      this.log(job, 'enqueued', null, status, { kind: job.kind, documentKeys: job.documentKeys, holdReason: job.holdReason });
      return { job, created: true };
    });
  }

  /**
   * Takes up to `limit` runnable jobs (queued and due), oldest first, marks them inFlight with a lease
   * and counts the attempt. Atomic: two processes never get the same job.
   */
  claim(options: ClaimOptions = {}): OutboxJob[] {
    return this.change(() => {
      const now = this.ctx.now();
      const leaseUntil = new Date(Date.parse(now) + (options.leaseMs ?? 120_000)).toISOString();
      const ids = options.unconfirmedOnly
        ? this.unconfirmedIds(now, options.kinds ?? [], clampLimit(options.limit ?? 1))
        : this.runnableIds(now, options.kinds ?? [], clampLimit(options.limit ?? 1));
      if (ids.length === 0) return [];
      const rows = this.sql('SELECT * FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as JobRow[];
      // The rows as the UPDATE below leaves them, and their history, built before anything is written.
      const jobs = this.toJobs(
        rows.map((r) => ({ ...r, status: 'inFlight', attempts: r.attempts + 1, lease_owner: this.owner, lease_until: leaseUntil, updated_at: now })),
      );
      const history = jobs.map((job) =>
        this.history.rowFor(this.logEntry(job, 'claimed', 'queued', 'inFlight', { attempt: job.attempts, requestId: job.requestId, owner: this.owner })),
      );
      const update = this.sql(
        `UPDATE outbox SET status = 'inFlight', attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ?
         WHERE id = ? AND status = 'queued'`,
      );
      for (const job of jobs) if (update.run(this.owner, leaseUntil, now, job.id).changes === 1) this.count('queued', 'inFlight');
      for (const row of history) this.history.insertRow(row);
      return jobs;
    });
  }

  /** QBO accepted the create: remember its Id, SyncToken and DocNumber. */
  complete(id: number, result: { qboId: string; syncToken?: string | null; docNumber?: string | null }): OutboxJob {
    return this.transition(id, ['inFlight', 'queued', 'failed'], 'posted', 'posted', {
      set: {
        qbo_id: result.qboId,
        qbo_sync_token: result.syncToken ?? null,
        qbo_doc_number: result.docNumber ?? null,
        unconfirmed_send: 0,
        lease_owner: null,
        lease_until: null,
        last_error_message: null,
        last_error_code: null,
        last_error_kind: null,
        last_error_tid: null,
        last_error_fix: null,
      },
      detail: { qboId: result.qboId, docNumber: result.docNumber ?? null },
    });
  }

  /**
   * The attempt failed. With `retryAt` the job is queued again for then; without it, it stays failed for a
   * person. `sent` says what QBO did with the request: 'refused' (a definite answer: nothing was created;
   * the next attempt goes out under a new requestid, since QBO may replay a cached refusal) or 'unknown'
   * (it may have run: the job is looked up in QBO before any resend).
   */
  fail(id: number, error: JobError, retryAt: Date | null = null, sent?: 'refused' | 'unknown'): OutboxJob {
    const to: JobStatus = retryAt ? 'queued' : 'failed';
    const before = sent === 'refused' ? this.row(id) : undefined;
    return this.transition(id, ['inFlight'], to, retryAt ? 'retryScheduled' : 'failed', {
      set: {
        ...(sent === 'unknown' ? { unconfirmed_send: 1 } : {}),
        ...(before ? this.nextRequest(before) : {}),
        last_error_message: error.message,
        last_error_code: error.qboCode ?? null,
        last_error_kind: error.kind ?? (error.qboCode ? 'qbo' : null),
        last_error_tid: error.intuitTid ?? null,
        last_error_fix: error.fix ?? null,
        lease_owner: null,
        lease_until: null,
        ...(retryAt ? { next_attempt_at: retryAt.toISOString() } : {}),
      },
      detail: { error, retryAt: retryAt?.toISOString() ?? null, ...(sent ? { sent } : {}) },
    });
  }

  /**
   * The claimed job waits for another one (a customer or class being created) and goes back to the queue
   * until `until`. Not an attempt: the claim is given back, so waiting never lengthens its retry backoff.
   */
  defer(id: number, reason: string, until: Date): OutboxJob {
    const before = this.row(id);
    if (!before) throw this.noSuchJob(id);
    return this.transition(id, ['inFlight'], 'queued', 'waiting', {
      set: {
        attempts: Math.max(0, before.attempts - 1),
        last_error_message: reason,
        last_error_code: null,
        last_error_kind: null,
        last_error_tid: null,
        last_error_fix: null,
        lease_owner: null,
        lease_until: null,
        next_attempt_at: until.toISOString(),
      },
      detail: { reason, until: until.toISOString() },
    });
  }

  /**
   * Marks jobs as leaving now: until a definite answer, each may exist in QBO. Call inside the claim's
   * transaction, before the request goes out, so a crash in between still counts as "may exist".
   */
  markSent(ids: readonly number[]): void {
    const update = this.sql("UPDATE outbox SET unconfirmed_send = 1 WHERE id = ? AND status = 'inFlight'");
    this.change(() => {
      for (const id of ids) update.run(id);
    });
  }

  /**
   * QBO was searched and does not hold what this job's earlier request would have created: the job goes
   * back to the queue at once under a new requestid (an old one may be answered from QBO's cache).
   */
  confirmAbsent(id: number, how: string): OutboxJob {
    const before = this.row(id);
    if (!before) throw this.noSuchJob(id);
    return this.transition(id, ['inFlight'], 'queued', 'notInQuickBooks', {
      set: { ...this.nextRequest(before), lease_owner: null, lease_until: null, next_attempt_at: this.ctx.now() },
      detail: { how, previousRequestId: before.request_id },
    });
  }

  /** The columns that send a job out as a new request. */
  private nextRequest(row: JobRow): Record<string, string | number> {
    const seq = row.request_seq + 1;
    return { request_seq: seq, request_id: this.requestIdFor(row.idempotency_key, row.generation, seq), unconfirmed_send: 0 };
  }

  private requestIdFor(idempotencyKey: string, generation: number, seq: number): string {
    return deriveRequestId(this.ctx.environment, idempotencyKey, generation, this.ctx.ledgerId, seq);
  }

  /** A person (or the cutover) parks a job; it will not run until released. */
  hold(id: number, reason: string): OutboxJob {
    return this.transition(id, ['queued', 'failed'], 'held', 'held', { set: { hold_reason: reason }, detail: { reason } });
  }

  /**
   * A claimed job the company cannot take yet (its settings refuse it, e.g. class tracking off) is parked
   * until they change. Not an attempt and nothing was sent: the claim is given back.
   */
  holdClaimed(id: number, reason: string): OutboxJob {
    const before = this.row(id);
    if (!before) throw this.noSuchJob(id);
    return this.transition(id, ['inFlight'], 'held', 'held', {
      set: { attempts: Math.max(0, before.attempts - 1), hold_reason: reason, lease_owner: null, lease_until: null },
      detail: { reason },
    });
  }

  /**
   * A held job goes back to the queue. A production job held for go-live is refused until production
   * went live (the checklist's gate passed, cutover-gate.ts): every path that releases a hold (resend,
   * retry, single-job post, replay) passes here, so none of them can send it early.
   */
  release(id: number): OutboxJob {
    const held = this.row(id);
    if (held && held.status === 'held' && this.goLiveRefusal(held.hold_reason))
      throw new LedgerError(this.goLiveRefusal(held.hold_reason)!.replace('{id}', String(id)));
    if (held && held.status === 'held' && held.hold_reason === APPROVAL_HOLD_REASON && this.awaitsApproval(id)) {
      throw new LedgerError(`Export #${id} covers POR documents whose file is not approved yet; approve the file first (POR data → Approve).`);
    }
    return this.transition(id, ['held'], 'queued', 'released', {
      set: { hold_reason: null, next_attempt_at: this.ctx.now() },
    });
  }

  /**
   * POR customer number -> QBO customer Id, from the posted Customer ensure jobs (key
   * `<env>/ensure/Customer/#<number>/<hash>`): the ledger, not a QBO field, says who is whose.
   * The latest link of a number wins (a renamed POR customer gets a new ensure job).
   */
  customerLinks(): Map<string, string> {
    const rows = this.sql(
      "SELECT idempotency_key AS key, qbo_id AS qboId FROM outbox WHERE kind = 'Customer' AND status = 'posted' AND qbo_id IS NOT NULL AND qbo_id != '' ORDER BY id",
    ).all() as { key: string; qboId: string }[];
    const links = new Map<string, string>();
    const marker = '/ensure/Customer/#';
    for (const r of rows) {
      const at = r.key.indexOf(marker);
      const end = r.key.lastIndexOf('/');
      if (at < 0 || end <= at + marker.length - 1) continue;
      links.set(r.key.slice(at + marker.length, end), r.qboId);
    }
    return links;
  }

  private awaitsApproval(id: number): boolean {
    return (
      this.sql(
        `SELECT 1 FROM outbox_documents d JOIN import_approvals a ON a.approved_at IS NULL
      AND (d.document_key = a.document_key OR substr(d.document_key, 1, length(a.document_key) + 1) = a.document_key || '#') WHERE d.job_id = ? LIMIT 1`,
        'pluck',
      ).get(id) !== undefined
    );
  }

  /** True once production went live (always true in practice and sandbox, which have no go-live). */
  isLive(): boolean {
    if (this.ctx.environment !== 'production') return true;
    const since = this.sql('SELECT value FROM env_settings WHERE key = ?', 'pluck').get(CUTOVER_LIVE_KEY) as string | undefined;
    return since !== undefined && since !== 'null';
  }

  /** Why a job held with this reason may not be released yet, or null. */
  private goLiveRefusal(holdReason: string | null): string | null {
    if (!(holdReason ?? '').startsWith(CUTOVER_HOLD_PREFIX) || this.isLive()) return null;
    return (
      `Export #{id} waits for production to go live (${holdReason!.slice(CUTOVER_HOLD_PREFIX.length).trim()}). ` +
      'It is sent, with every other held export, once the go-live checklist passes; nothing is sent to production before that.'
    );
  }

  /** Held jobs whose reason starts with `prefix` (one kind of hold, e.g. the company's settings). */
  heldIdsByReason(prefix: string): number[] {
    return this.sql("SELECT id FROM outbox WHERE status = 'held' AND substr(hold_reason, 1, ?) = ? ORDER BY id", 'pluck').all(
      prefix.length,
      prefix,
    ) as number[];
  }

  /** Releases every held job at once (cutover replay); each still runs exactly once. */
  releaseAll(): number {
    return this.ctx.write(() => {
      const ids = this.sql("SELECT id FROM outbox WHERE status = 'held' ORDER BY id", 'pluck').all() as number[];
      for (const id of ids) this.release(id);
      return ids.length;
    });
  }

  /** A failed job goes back to the queue now (manual retry). */
  retry(id: number): OutboxJob {
    return this.transition(id, ['failed'], 'queued', 'retryRequested', { set: { next_attempt_at: this.ctx.now() } });
  }

  cancel(id: number, reason?: string): OutboxJob {
    return this.ctx.write(() => {
      const job = this.transition(id, ['queued', 'failed', 'held'], 'cancelled', 'cancelled', { detail: { reason: reason ?? null } });
      // Its parts are no longer covered: the documents go back to the planner (plan-queue.ts).
      const unplan = prepared(this.ctx.db, "UPDATE documents SET planned = 0 WHERE key = ? AND status = 'active' AND planned = 1");
      for (const k of job.documentKeys) unplan.run(k.endsWith(PAID_PART_SUFFIX) ? k.slice(0, -PAID_PART_SUFFIX.length) : k);
      return job;
    });
  }

  /** The posted QBO transaction was voided or deleted. */
  markUndone(id: number, detail?: { how: 'void' | 'delete'; syncToken?: string | null }): OutboxJob {
    return this.transition(id, ['posted'], 'undone', 'undone', {
      set: detail?.syncToken ? { qbo_sync_token: detail.syncToken } : {},
      detail: detail ?? null,
    });
  }

  /**
   * Replaces the payload of a job QBO refused (or that never left), e.g. after a mapping fix. If QBO
   * saw an earlier attempt, the requestid moves to a new generation: QBO would otherwise replay its
   * cached refusal for the old id.
   */
  revisePayload(id: number, payload: unknown, amountCents?: Cents): OutboxJob {
    return this.ctx.write(() => {
      const job = this.mustGet(id);
      if (!['failed', 'held', 'queued'].includes(job.status)) {
        throw new LedgerError(`Job ${id} is ${job.status}; only a queued, held or failed job can get a new payload.`);
      }
      const generation = job.attempts > 0 ? job.generation + 1 : job.generation;
      this.sql('UPDATE outbox SET payload = ?, amount_cents = ?, generation = ?, request_id = ?, attempts = 0, updated_at = ? WHERE id = ?').run(
        JSON.stringify(payload),
        amountCents ?? job.amountCents,
        generation,
        this.requestIdFor(job.idempotencyKey, generation, job.requestSeq),
        this.ctx.now(),
        id,
      );
      this.indexText(id, true);
      const after = this.mustGet(id);
      this.log(after, 'payloadRevised', job.status, job.status, { generation, requestId: after.requestId });
      return after;
    });
  }

  /**
   * Run on start: jobs left inFlight by a process that is gone (or whose lease ran out) become queued
   * again with the same requestid, so sending them again cannot create a second transaction.
   * Jobs held by a live process on this machine (the CLI while the app starts) are left alone.
   */
  recoverInFlight(options: { all?: boolean } = {}): OutboxJob[] {
    const any = this.sql("SELECT 1 FROM outbox WHERE status = 'inFlight' LIMIT 1").get();
    if (!any) return []; // nothing to do: no write lock taken at start
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const rows = this.sql("SELECT id, lease_owner, lease_until FROM outbox WHERE status = 'inFlight' ORDER BY id").all() as {
        id: number;
        lease_owner: string | null;
        lease_until: string | null;
      }[];
      const recovered: OutboxJob[] = [];
      for (const r of rows) {
        const expired = !r.lease_until || r.lease_until <= now;
        if (!options.all && !expired && ownerAlive(r.lease_owner, this.owner)) continue;
        recovered.push(
          this.transition(r.id, ['inFlight'], 'queued', 'recoveredAfterCrash', {
            set: { lease_owner: null, lease_until: null, next_attempt_at: now },
            detail: { previousOwner: r.lease_owner, leaseUntil: r.lease_until },
          }),
        );
      }
      return recovered;
    });
  }

  get(id: number): OutboxJob | null {
    const row = this.row(id);
    return row ? this.toJob(row) : null;
  }

  getByKey(idempotencyKey: string): OutboxJob | null {
    const row = this.sql('SELECT * FROM outbox WHERE idempotency_key = ?').get(idempotencyKey) as JobRow | undefined;
    return row ? this.toJob(row) : null;
  }

  /** Jobs covering a POR document, oldest first (e.g. to undo what a regenerated block replaces). */
  jobsForDocument(documentKey: string): OutboxJob[] {
    const rows = this.sql('SELECT o.* FROM outbox o JOIN outbox_documents d ON d.job_id = o.id WHERE d.document_key = ? ORDER BY o.id').all(
      documentKey,
    ) as JobRow[];
    return this.toJobs(rows);
  }

  /** Newest first. */
  list(filter: JobFilter = {}, page: PageRequest = {}): Page<OutboxJob> {
    const { params, add, sql: whereOf } = sqlFilter();
    add('status = ?', filter.status);
    add('kind = ?', filter.kind);
    add('store = ?', filter.store);
    add('business_date = ?', filter.businessDate);
    add('id IN (SELECT job_id FROM outbox_documents WHERE document_key = ?)', filter.documentKey);
    const whereSql = whereOf();
    const byStatusOnly = filter.kind === undefined && filter.store === undefined && filter.businessDate === undefined && filter.documentKey === undefined;
    const total = byStatusOnly ? this.countOf(filter.status) : (this.sql(`SELECT count(*) AS n FROM outbox ${whereSql}`).get(...params) as { n: number }).n;
    const limit = clampLimit(page.limit);
    const rows =
      page.before !== undefined
        ? (this.sql(`SELECT * FROM outbox ${whereSql ? `${whereSql} AND` : 'WHERE'} id < ? ORDER BY id DESC LIMIT ?`).all(
            ...params,
            page.before,
            limit,
          ) as JobRow[])
        : (this.sql(`SELECT * FROM outbox ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
            ...params,
            limit,
            Math.max(0, Math.trunc(page.offset ?? 0)),
          ) as JobRow[]);
    const last = rows[rows.length - 1];
    return { rows: this.toJobs(rows), total, nextBefore: rows.length === limit && last ? last.id : null };
  }

  counts(): Record<JobStatus, number> {
    const out: Record<JobStatus, number> = { queued: 0, inFlight: 0, posted: 0, failed: 0, held: 0, cancelled: 0, undone: 0 };
    // Kept with every write (count()): seven rows, at any outbox size.
    for (const r of this.sql('SELECT status, n FROM outbox_status_counts').all() as { status: JobStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Keeps outbox_status_counts (migration 006) with the write that moves a row: every status change passes here. */
  private count(from: JobStatus | null, to: JobStatus): void {
    const bump = this.sql('UPDATE outbox_status_counts SET n = n + ? WHERE status = ?');
    if (from !== null) bump.run(-1, from);
    bump.run(1, to);
  }

  /** (Re)writes a job's entry in the history search's trigram index (migration 009) from its row as stored. */
  private indexText(id: number, replace: boolean): void {
    if (replace) this.sql('DELETE FROM outbox_search WHERE rowid = ?').run(id);
    this.sql(`INSERT INTO outbox_search (rowid, text) SELECT id, ${SEARCH_TEXT_SQL} FROM outbox WHERE id = ?`).run(id);
  }

  /** Rows with this status (all rows without one), from the kept counts. */
  countOf(status?: JobStatus): number {
    const c = this.counts();
    return status !== undefined ? c[status] : Object.values(c).reduce((a, b) => a + b, 0);
  }

  /** The earliest time a queued job becomes due (for the scheduler's next wake-up), or null. */
  nextDueAt(): string | null {
    const row = this.sql("SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'queued'").get() as { t: string | null };
    return row.t;
  }

  private transition(
    id: number,
    from: JobStatus[],
    to: JobStatus,
    action: string,
    change: { set?: Record<string, string | number | null>; detail?: unknown },
  ): OutboxJob {
    return this.change(() => {
      const before = this.row(id);
      if (!before) throw this.noSuchJob(id);
      if (!from.includes(before.status)) {
        throw new LedgerError(`Job ${id} (${before.idempotency_key}) is ${before.status}; it cannot become ${to} from there.`);
      }
      const set = { ...change.set, status: to, updated_at: this.ctx.now() };
      const cols = Object.keys(set);
      // The row as the UPDATE leaves it (the columns it sets, the rest unchanged: no second read), and
      // its history row, built before anything is written.
      const after = this.toJob({ ...before, ...set } as JobRow);
      const history = this.history.rowFor(this.logEntry(after, action, before.status, to, change.detail));
      this.sql(`UPDATE outbox SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(set), id);
      if (cols.some((c) => SEARCH_TEXT_SOURCES.has(c) && set[c as keyof typeof set] !== before[c as keyof JobRow])) this.indexText(id, true);
      if (before.status !== to) this.count(before.status, to);
      this.history.insertRow(history);
      return after;
    });
  }

  /**
   * Runs a change that makes every check, and builds everything that could throw, before its first
   * write. Alone it is its own IMMEDIATE transaction. Inside a caller's transaction (the engine's
   * claim and completion) it takes no savepoint: a refusal has written nothing to undo, and a
   * savepoint copies every page the change touches into a sub-journal, which SQLite spills to a
   * temporary file past 64 KiB; that was about a third of the CPU of a one-job claim.
   */
  private change<T>(fn: () => T): T {
    return this.ctx.db.inTransaction ? fn() : this.ctx.write(fn);
  }

  private log(job: OutboxJob, action: string, from: JobStatus | null, to: JobStatus, detail?: unknown): void {
    this.history.record(this.logEntry(job, action, from, to, detail));
  }

  private logEntry(job: OutboxJob, action: string, from: JobStatus | null, to: JobStatus, detail?: unknown): HistoryInput {
    return {
      subjectKind: 'job',
      subjectKey: `job:${job.id}`,
      action,
      from,
      to,
      store: job.store,
      businessDate: job.businessDate,
      detail: { idempotencyKey: job.idempotencyKey, ...(detail && typeof detail === 'object' ? detail : {}) },
    };
  }

  private mustGet(id: number): OutboxJob {
    const job = this.get(id);
    if (!job) throw this.noSuchJob(id);
    return job;
  }

  private noSuchJob(id: number): LedgerError {
    return new LedgerError(`No export job ${id} in the ${this.ctx.environment} ledger.`);
  }

  private sql(text: string, mode?: 'pluck'): Statement {
    return prepared(this.ctx.db, text, mode);
  }

  private row(id: number): JobRow | undefined {
    return this.sql('SELECT * FROM outbox WHERE id = ?').get(id) as JobRow | undefined;
  }

  /**
   * Ids of up to `limit` queued jobs due by `now`, oldest first. With kinds: one short walk of
   * outbox_queued_by_kind per kind (each stops after `limit` entries), merged; a single
   * `kind IN (...)` query would read every queued row to sort them by id.
   */
  private runnableIds(now: string, kinds: readonly JobKind[], limit: number): number[] {
    // The limit is written into the SQL (a clamped integer; one cached statement per value, the engine
    // uses two): bound as a parameter it cost SQLite ~5 us more per run, and claims run this per kind.
    const n = Math.trunc(limit);
    if (kinds.length === 0) {
      return this.sql(`SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ${n}`, 'pluck').all(now) as number[];
    }
    const byKind = this.sql(`SELECT id FROM outbox WHERE status = 'queued' AND kind = ? AND next_attempt_at <= ? ORDER BY id LIMIT ${n}`, 'pluck');
    const ids: number[] = [];
    for (const kind of new Set(kinds)) ids.push(...(byKind.all(kind, now) as number[]));
    return kinds.length === 1 ? ids : ids.sort((a, b) => a - b).slice(0, limit);
  }

  /** Due jobs whose last request may have run, oldest first (a partial index holds only those). */
  private unconfirmedIds(now: string, kinds: readonly JobKind[], limit: number): number[] {
    const byKind = kinds.length > 0 ? 'AND kind IN (SELECT value FROM json_each(?))' : '';
    const statement = this.sql(
      // The planner would pick outbox_runnable and read every due queued row: a claim per batch, so say which.
      `SELECT id FROM outbox INDEXED BY outbox_unconfirmed
       WHERE status = 'queued' AND unconfirmed_send = 1 AND next_attempt_at <= ? ${byKind} ORDER BY id LIMIT ${Math.trunc(limit)}`,
      'pluck',
    );
    return (kinds.length > 0 ? statement.all(now, JSON.stringify(kinds)) : statement.all(now)) as number[];
  }

  /** Jobs of several rows, their covered documents read in one query (not one per row). */
  private toJobs(rows: readonly JobRow[]): OutboxJob[] {
    if (rows.length <= 1) return rows.map((r) => this.toJob(r));
    const keys = new Map<number, string[]>(rows.map((r) => [r.id, []]));
    const links = this.sql(
      'SELECT job_id, document_key FROM outbox_documents WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY job_id, document_key',
    ).all(JSON.stringify([...keys.keys()])) as { job_id: number; document_key: string }[];
    for (const l of links) keys.get(l.job_id)!.push(l.document_key);
    // A row listed twice (no caller does) gets its own copy of the keys, as one read per row would.
    return rows.map((r) => this.toJob(r, [...keys.get(r.id)!]));
  }

  private toJob(r: JobRow, documentKeys?: string[]): OutboxJob {
    const keys = documentKeys ?? (this.sql('SELECT document_key FROM outbox_documents WHERE job_id = ? ORDER BY document_key', 'pluck').all(r.id) as string[]);
    const job: OutboxJob = {
      id: r.id,
      idempotencyKey: r.idempotency_key,
      requestId: r.request_id,
      generation: r.generation,
      requestSeq: r.request_seq,
      unconfirmedSend: r.unconfirmed_send === 1,
      environment: r.environment,
      kind: r.kind,
      payload: null,
      documentKeys: keys,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      leaseOwner: r.lease_owner,
      leaseUntil: r.lease_until,
      lastError: r.last_error_message
        ? {
            message: r.last_error_message,
            kind: (r.last_error_kind as ErrorKind | null) ?? null,
            qboCode: r.last_error_code,
            intuitTid: r.last_error_tid,
            fix: r.last_error_fix,
          }
        : null,
      qboId: r.qbo_id,
      qboSyncToken: r.qbo_sync_token,
      qboDocNumber: r.qbo_doc_number,
      amountCents: r.amount_cents,
      store: r.store,
      businessDate: r.business_date,
      holdReason: r.hold_reason,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
    lazyPayload(job, r.payload);
    return job;
  }
}

/**
 * The payload is parsed when first read, once per job object: a transition returns the job but the
 * engine rarely looks at its payload again (a JournalEntry's JSON is kilobytes). Still an ordinary
 * enumerable property to every reader (spread, JSON, structured clone, deep equality) and assignable.
 */
function lazyPayload(job: OutboxJob, text: string): void {
  let parsed = false;
  let value: unknown = null;
  Object.defineProperty(job, 'payload', {
    enumerable: true,
    configurable: true,
    get() {
      if (!parsed) {
        value = parseJson(text);
        parsed = true;
      }
      return value;
    },
    set(next: unknown) {
      value = next;
      parsed = true;
    },
  });
}

/** Whether the process named in a lease still runs. Only decidable on this machine; elsewhere trust the lease. */
function ownerAlive(owner: string | null, self: string): boolean {
  if (!owner) return false;
  if (owner === self) return true;
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
