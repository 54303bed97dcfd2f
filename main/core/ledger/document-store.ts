import type { PorDocument, PorDocumentType, PorInvoice, SourceRef } from '../por/model';
import { documentContent, documentKey, type DocumentContent, type JsonParts } from '../por/document-identity';
import { porAccountsUsed } from '../por/accounts/accounts-used';
import { payloadAtRevision, payloadJson, postingsOf, type PreparedJournal } from './document-row';
import type { HistoryLog, Page, PageRequest } from './history-log';
import { clampLimit } from './history-log';
import { LedgerError, type LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';
import { sqlFilter } from './sql-filter';
import { StoreDayDates } from './store-day-summary';

export type DocumentStatus = 'active' | 'superseded' | 'pendingDecision' | 'ignored';
export type RevisionDecision = 'replace' | 'keep';

/**
 * What receiving one document did:
 * - accepted: first time this key was seen;
 * - duplicate: this exact content is already here (any revision, any status): nothing changed;
 * - revised: a higher feed revision replaced the active one (old is now superseded);
 * - pendingDecision: a regenerated GL block differs from what we have; it waits for decideRevision();
 * - outdated: an older feed revision than the one we have: ignored;
 * - conflict: a feed revision number we already hold with different content: refused.
 */
export type RecordOutcome =
  | { outcome: 'accepted'; key: string; revision: number }
  | { outcome: 'duplicate'; key: string; revision: number; status: DocumentStatus }
  | { outcome: 'revised'; key: string; revision: number; previousRevision: number | null }
  | { outcome: 'pendingDecision'; key: string; revision: number; activeRevision: number | null }
  | { outcome: 'outdated'; key: string; revision: number; activeRevision: number }
  | { outcome: 'conflict'; key: string; revision: number; reason: string };

export interface StoredDocument {
  rowId: number;
  key: string;
  type: PorDocumentType;
  id: string;
  store: number | null;
  businessDate: string;
  revision: number;
  contentHash: string;
  status: DocumentStatus;
  receivedAt: string;
  decidedAt: string | null;
  source: SourceRef;
  document: PorDocument;
}

export interface DocumentFilter {
  status?: DocumentStatus;
  type?: PorDocumentType;
  store?: number;
  dateFrom?: string;
  dateTo?: string;
}

interface DocRow {
  row_id: number;
  key: string;
  type: PorDocumentType;
  doc_id: string;
  store: number | null;
  business_date: string;
  revision: number;
  content_hash: string;
  source_kind: SourceRef['kind'];
  source_file: string | null;
  source_line: number | null;
  payload: string;
  postings: string;
  received_at: string;
  status: DocumentStatus;
  decided_at: string | null;
}

/** A document row of this business day was written; `invoice` when it is an invoice (others may depend on it). */
export type DocumentWriteHook = (businessDate: string, invoice: { store: number | null; invoiceNumber: string } | null) => void;

type Brief = Pick<DocRow, 'row_id' | 'revision' | 'content_hash' | 'status'>;

const NO_ROWS: readonly Brief[] = [];

/**
 * Received POR documents, one row per revision. A key has at most one active revision (a partial
 * unique index guarantees it). Sources differ in what a revision means:
 * - the feed (and practice/API sources) numbers revisions itself: higher replaces, lower is outdated;
 * - an IIF GL block has no revision number: a regenerated block for the same id with new content
 *   gets the next number and waits for a person to decide (it may replace an entry already in QBO).
 */
export class DocumentStore {
  private readonly byKey;
  private readonly insertDoc;
  private readonly insertAccount;
  /** Per `store|required`, the accounts already in por_accounts_seen: skips a write per line on big imports. */
  private readonly accountsKnown = new Map<string, Set<string>>();
  private readonly setStatus;
  private readonly countStatus;
  /** Inside recordMany: status count changes summed, written once at its end (null: written at once). */
  private pendingCounts: Map<DocumentStatus, number> | null = null;
  private readonly getRow;
  /** The store-day summary's dates (migration 010): a write drops the dates whose active documents it changed. */
  private readonly summaryDates;
  private readonly anyDocument;
  private readonly keysStored;

  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
    /** Told of every row written (inserted or status changed), inside the write: reconciliation's day totals drop that day. */
    private readonly written: DocumentWriteHook = () => {},
  ) {
    const db = ctx.db;
    this.byKey = db.prepare('SELECT row_id, revision, content_hash, status FROM documents WHERE key = ? ORDER BY revision');
    this.insertDoc = db.prepare(`INSERT INTO documents
      (key, type, doc_id, store, business_date, revision, content_hash, source_kind, source_file, source_line,
       payload, postings, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertAccount = db.prepare(
      `INSERT INTO por_accounts_seen (store, account, required, first_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (store, account) DO UPDATE SET required = 1 WHERE excluded.required = 1 AND required = 0`,
    );
    // A rolled-back write may have taken rows this cache believes are there.
    ctx.onRollback(() => this.accountsKnown.clear());
    this.setStatus = db.prepare('UPDATE documents SET status = ?, decided_at = ? WHERE row_id = ?');
    // Rows per status (migration 006), kept with every write that adds a row or moves one.
    this.countStatus = db.prepare('UPDATE document_status_counts SET n = n + ? WHERE status = ?');
    this.getRow = db.prepare('SELECT * FROM documents WHERE row_id = ?');
    this.summaryDates = new StoreDayDates(ctx);
    this.anyDocument = db.prepare('SELECT 1 FROM documents LIMIT 1').pluck();
    // Probes UNIQUE (key, revision) once per distinct key given (a JSON array).
    this.keysStored = db.prepare('SELECT DISTINCT key FROM documents WHERE key IN (SELECT value FROM json_each(?))').pluck();
  }

  /** Records one document (atomically). `contentHash` may be passed when the caller already has it. */
  record(doc: PorDocument, contentHash?: string): RecordOutcome {
    return this.ctx.write(() => this.recordInTransaction(doc, contentHash === undefined ? documentContent(doc) : { hash: contentHash, parts: null }));
  }

  /**
   * Records many documents in one transaction (all or none), in order; the fast path for whole files. Decides
   * exactly as record() one at a time; what it saves is per-document work: the keys already stored are found
   * in one query (a key stored by neither the ledger nor an earlier document of the batch needs no lookup),
   * and the status counts are written once.
   */
  recordMany(docs: readonly PorDocument[]): RecordOutcome[] {
    return this.ctx.write(() => {
      const keys = new Array<string>(docs.length);
      for (let i = 0; i < docs.length; i++) keys[i] = documentKey(docs[i]!);
      const stored = this.storedKeys(keys);
      const out = new Array<RecordOutcome>(docs.length);
      this.pendingCounts = new Map();
      try {
        for (let i = 0; i < docs.length; i++) {
          const key = keys[i]!;
          const fresh = !stored.has(key);
          if (fresh) stored.add(key);
          out[i] = this.recordInTransaction(docs[i]!, documentContent(docs[i]!), key, fresh);
        }
        for (const [status, n] of this.pendingCounts) if (n !== 0) this.countStatus.run(n, status);
      } finally {
        this.pendingCounts = null;
      }
      return out;
    });
  }

  /** No document at all (a new ledger). */
  isEmpty(): boolean {
    return this.anyDocument.get() === undefined;
  }

  /** Which of these keys have a row (any revision, any status); nothing to look up in an empty ledger. */
  private storedKeys(keys: readonly string[]): Set<string> {
    if (keys.length === 0 || this.isEmpty()) return new Set();
    return new Set(this.keysStored.all(JSON.stringify(keys)) as string[]);
  }

  /** `fresh`: the caller knows the key has no row yet (recordMany), so it is not looked up. */
  private recordInTransaction(doc: PorDocument, content: Pick<DocumentContent, 'hash' | 'parts'>, key = documentKey(doc), fresh = false): RecordOutcome {
    const { hash, parts } = content;
    return this.decide(key, hash, doc.source.kind, doc.revision, fresh, (revision, status, action, detail) =>
      this.insert(doc, key, hash, parts, revision, status, action, detail),
    );
  }

  /**
   * Records GL journals read from an IIF file and prepared beforehand (document-row.ts), in one transaction:
   * decided exactly as recordMany decides the same journals, with the same rows written. `accounts`: every
   * (store, account) the journals name for the first time in their file, with the index of that journal. They
   * are noted as recordMany notes them, with that journal's time: an account named in a file for the first
   * time and not yet in por_accounts_seen is named first by a journal that is written (an IIF journal is
   * either written or a duplicate of one written before, whose accounts were noted then). `noneStored`: the
   * caller knows no key given has a row (the ledger had no document before this file, whose keys all differ).
   */
  recordPrepared(journals: readonly PreparedJournal[], accounts: readonly (readonly [number | null, string, number])[], noneStored = false): RecordOutcome[] {
    return this.ctx.write(() => {
      const stored = noneStored ? new Set<string>() : this.storedKeys(journals.map((p) => p.key));
      const out = new Array<RecordOutcome>(journals.length);
      /** When each journal written was written (its accounts are noted at that time). */
      const writtenAt = new Array<string | undefined>(journals.length);
      this.pendingCounts = new Map();
      try {
        for (let i = 0; i < journals.length; i++) {
          const p = journals[i]!;
          const fresh = !stored.has(p.key);
          if (fresh) stored.add(p.key);
          out[i] = this.decide(p.key, p.hash, 'iif', p.revision, fresh, (revision, status, action, detail) => {
            const source: SourceRef = { kind: 'iif', file: p.file, line: p.line };
            const payload = payloadAtRevision(p, revision);
            writtenAt[i] = this.writeRow(
              p.key,
              'glJournal',
              p.id,
              p.store,
              p.businessDate,
              p.hash,
              source,
              p.sourceJson,
              payload,
              p.postings,
              null,
              revision,
              status,
              action,
              detail,
            );
          });
        }
        for (const [status, n] of this.pendingCounts) if (n !== 0) this.countStatus.run(n, status);
      } finally {
        this.pendingCounts = null;
      }
      for (const [store, account, first] of accounts) {
        const at = writtenAt[first];
        // Named first by a duplicate: noted before, when that journal was written.
        if (at !== undefined && !this.knownAccounts(store, false).has(account)) this.noteAccount(store, account, false, at);
      }
      return out;
    });
  }

  /** What receiving a document with this key and content does; `insert` writes its row (see RecordOutcome). */
  private decide(
    key: string,
    hash: string,
    kind: SourceRef['kind'],
    docRevision: number,
    fresh: boolean,
    insert: (revision: number, status: DocumentStatus, action: string, detail?: object) => void,
  ): RecordOutcome {
    const rows = fresh ? NO_ROWS : (this.byKey.all(key) as Brief[]);
    if (rows.length === 0) {
      insert(docRevision, 'active', 'received');
      return { outcome: 'accepted', key, revision: docRevision };
    }
    const same = rows.find((r) => r.content_hash === hash);
    if (same) return { outcome: 'duplicate', key, revision: same.revision, status: same.status };

    const active = rows.find((r) => r.status === 'active');
    const maxRevision = rows[rows.length - 1]!.revision;

    if (kind === 'iif') {
      const revision = maxRevision + 1;
      if (!active) {
        insert(revision, 'active', 'revised');
        return { outcome: 'revised', key, revision, previousRevision: null };
      }
      // A newer regeneration makes an older undecided one moot.
      for (const r of rows.filter((x) => x.status === 'pendingDecision')) {
        this.changeStatus(r.row_id, 'ignored', 'replacedByNewerRegeneration', { revision: revision });
      }
      insert(revision, 'pendingDecision', 'regenerated', { activeRevision: active.revision });
      return { outcome: 'pendingDecision', key, revision, activeRevision: active.revision };
    }

    if (docRevision > maxRevision) {
      if (active) this.changeStatus(active.row_id, 'superseded', 'superseded', { byRevision: docRevision });
      insert(docRevision, 'active', 'revised', { previousRevision: active?.revision ?? null });
      return { outcome: 'revised', key, revision: docRevision, previousRevision: active?.revision ?? null };
    }
    if (rows.some((r) => r.revision === docRevision)) {
      return {
        outcome: 'conflict',
        key,
        revision: docRevision,
        reason: `${key} revision ${docRevision} was already received with different content; a change needs a higher revision`,
      };
    }
    return { outcome: 'outdated', key, revision: docRevision, activeRevision: active?.revision ?? maxRevision };
  }

  /**
   * Settles a regenerated revision: 'replace' makes it active (the old one becomes superseded; the sync side
   * then undoes and re-posts what was exported), 'keep' leaves the active one and marks the new one ignored.
   */
  decideRevision(key: string, decision: RevisionDecision, actor?: string): { active: StoredDocument; replaced: StoredDocument | null } {
    return this.ctx.write(() => this.decideInTransaction(key, decision, actor));
  }

  private decideInTransaction(key: string, decision: RevisionDecision, actor?: string): { active: StoredDocument; replaced: StoredDocument | null } {
    const rows = this.byKey.all(key) as Brief[];
    const pending = rows.find((r) => r.status === 'pendingDecision');
    if (!pending) throw new LedgerError(`No revision of ${key} is waiting for a decision.`);
    const active = rows.find((r) => r.status === 'active');
    if (decision === 'replace') {
      if (active) this.changeStatus(active.row_id, 'superseded', 'replacedByDecision', { byRevision: pending.revision }, actor);
      this.changeStatus(pending.row_id, 'active', 'decidedReplace', { previousRevision: active?.revision ?? null }, actor);
      return { active: this.byRowId(pending.row_id), replaced: active ? this.byRowId(active.row_id) : null };
    }
    if (!active) throw new LedgerError(`${key} has no active revision to keep; choose replace.`);
    this.changeStatus(pending.row_id, 'ignored', 'decidedKeep', { keptRevision: active.revision }, actor);
    return { active: this.byRowId(active.row_id), replaced: null };
  }

  /** The active revision of a key (or null). */
  get(key: string): StoredDocument | null {
    const row = prepared(this.ctx.db, "SELECT * FROM documents WHERE key = ? AND status = 'active'").get(key) as DocRow | undefined;
    return row ? toStored(row) : null;
  }

  /** Every revision of a key, oldest first. */
  revisions(key: string): StoredDocument[] {
    return (prepared(this.ctx.db, 'SELECT * FROM documents WHERE key = ? ORDER BY revision').all(key) as DocRow[]).map(toStored);
  }

  /** Regenerated revisions waiting for replace/keep, oldest first. */
  pendingDecisions(): StoredDocument[] {
    // Literal status so SQLite can use the partial index documents_pending.
    return (prepared(this.ctx.db, "SELECT * FROM documents WHERE status = 'pendingDecision' ORDER BY row_id").all() as DocRow[]).map(toStored);
  }

  /** Newest first, with the total count for the filter. */
  list(filter: DocumentFilter = {}, page: PageRequest = {}): Page<StoredDocument> {
    const { params, add, sql: whereOf } = sqlFilter();
    add('status = ?', filter.status);
    add('type = ?', filter.type);
    add('store = ?', filter.store);
    add('business_date >= ?', filter.dateFrom);
    add('business_date <= ?', filter.dateTo);
    const whereSql = whereOf();
    const total = (prepared(this.ctx.db, `SELECT count(*) AS n FROM documents ${whereSql}`).get(...params) as { n: number }).n;
    const limit = clampLimit(page.limit);
    const rows =
      page.before !== undefined
        ? (prepared(this.ctx.db, `SELECT * FROM documents ${whereSql ? `${whereSql} AND` : 'WHERE'} row_id < ? ORDER BY row_id DESC LIMIT ?`).all(
            ...params,
            page.before,
            limit,
          ) as DocRow[])
        : (prepared(this.ctx.db, `SELECT * FROM documents ${whereSql} ORDER BY row_id DESC LIMIT ? OFFSET ?`).all(
            ...params,
            limit,
            Math.max(0, Math.trunc(page.offset ?? 0)),
          ) as DocRow[]);
    const last = rows[rows.length - 1];
    return { rows: rows.map(toStored), total, nextBefore: rows.length === limit && last ? last.row_id : null };
  }

  /** Number of documents per status. */
  counts(): Record<DocumentStatus, number> {
    const out: Record<DocumentStatus, number> = { active: 0, superseded: 0, pendingDecision: 0, ignored: 0 };
    // Kept with every write (insert, changeStatus): four rows, at any ledger size.
    for (const r of prepared(this.ctx.db, 'SELECT status, n FROM document_status_counts').all() as {
      status: DocumentStatus;
      n: number;
    }[]) {
      out[r.status] = r.n;
    }
    return out;
  }

  private insert(
    doc: PorDocument,
    key: string,
    hash: string,
    parts: JsonParts | null,
    revision: number,
    status: DocumentStatus,
    action: string,
    detail?: object,
  ): void {
    // Serialised once for the stored document and its history row.
    const sourceJson = doc.source === undefined ? undefined : JSON.stringify(doc.source);
    const payload = payloadJson(doc, revision, parts, sourceJson);
    const postings = JSON.stringify(postingsOf(doc, parts !== null));
    const invoice = doc.type === 'invoice' ? doc : null;
    const now = this.writeRow(
      key,
      doc.type,
      doc.id,
      doc.store,
      doc.businessDate,
      hash,
      doc.source,
      sourceJson,
      payload,
      postings,
      invoice,
      revision,
      status,
      action,
      detail,
    );
    if (doc.type === 'glJournal') {
      // What porAccountsUsed gives for a journal (every line's account, none required), without its garbage.
      const known = this.knownAccounts(doc.store, false);
      for (const line of doc.lines) if (!known.has(line.account)) this.noteAccount(doc.store, line.account, false, now);
    } else {
      for (const ref of porAccountsUsed([doc])) this.noteAccount(ref.store, ref.account, ref.required, now);
    }
  }

  /** Writes one document row and its history row; returns the time both carry. */
  private writeRow(
    key: string,
    type: PorDocumentType,
    id: string,
    store: number | null,
    businessDate: string,
    hash: string,
    source: SourceRef,
    sourceJson: string | undefined,
    payload: string,
    postings: string,
    invoice: PorInvoice | null,
    revision: number,
    status: DocumentStatus,
    action: string,
    detail: object | undefined,
  ): string {
    const now = this.ctx.now();
    if (status === 'active') this.summaryDates.changed(businessDate);
    this.insertDoc.run(key, type, id, store, businessDate, revision, hash, source.kind, source.file, source.line, payload, postings, now, status);
    this.bumpCount(status, 1);
    this.written(businessDate, invoice);
    if (detail === undefined && sourceJson !== undefined && Number.isSafeInteger(revision)) {
      // JSON.stringify({ revision, source }) written out, at the time the document row has (one clock read per document).
      const detailJson = `{"revision":${revision},"source":${sourceJson}}`;
      this.history.insertRow([now, this.ctx.actor, 'document', key, action, null, status, store ?? null, businessDate ?? null, detailJson]);
      return now;
    }
    this.history.record({
      subjectKind: 'document',
      subjectKey: key,
      action,
      from: null,
      to: status,
      store,
      businessDate,
      detail: { revision, source, ...detail },
    });
    return now;
  }

  /** Rows per status (migration 006): at once, or summed until recordMany ends. */
  private bumpCount(status: DocumentStatus, n: number): void {
    if (this.pendingCounts) this.pendingCounts.set(status, (this.pendingCounts.get(status) ?? 0) + n);
    else this.countStatus.run(n, status);
  }

  /** Accounts of a store (and required flag) already in por_accounts_seen. */
  private knownAccounts(store: number | null, required: boolean | undefined): Set<string> {
    const group = `${store ?? 0}|${required ? 1 : 0}`;
    let known = this.accountsKnown.get(group);
    if (!known) this.accountsKnown.set(group, (known = new Set()));
    return known;
  }

  private noteAccount(store: number | null, account: string, required: boolean | undefined, now: string): void {
    const known = this.knownAccounts(store, required);
    if (known.has(account)) return;
    this.insertAccount.run(store ?? 0, account, required ? 1 : 0, now);
    known.add(account);
  }

  private changeStatus(rowId: number, to: DocumentStatus, action: string, detail?: object, actor?: string): void {
    const row = this.getRow.get(rowId) as DocRow;
    this.setStatus.run(to, this.ctx.now(), rowId);
    this.written(row.business_date, row.type === 'invoice' ? (JSON.parse(row.payload) as PorInvoice) : null);
    if (row.status !== to) {
      this.bumpCount(row.status, -1);
      this.bumpCount(to, 1);
      if (row.status === 'active' || to === 'active') this.summaryDates.changed(row.business_date);
    }
    this.history.record({
      subjectKind: 'document',
      subjectKey: row.key,
      action,
      from: row.status,
      to,
      store: row.store,
      businessDate: row.business_date,
      detail: { revision: row.revision, ...detail },
      ...(actor ? { actor } : {}),
    });
  }

  private byRowId(rowId: number): StoredDocument {
    return toStored(this.getRow.get(rowId) as DocRow);
  }
}

function toStored(r: DocRow): StoredDocument {
  return {
    rowId: r.row_id,
    key: r.key,
    type: r.type,
    id: r.doc_id,
    store: r.store,
    businessDate: r.business_date,
    revision: r.revision,
    contentHash: r.content_hash,
    status: r.status,
    receivedAt: r.received_at,
    decidedAt: r.decided_at,
    source: { kind: r.source_kind, file: r.source_file, line: r.source_line },
    document: JSON.parse(r.payload) as PorDocument,
  };
}
