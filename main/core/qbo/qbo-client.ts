/**
 * The QBO v3 client: typed create / sparse update / delete / void / read / query / batch for one
 * realm. Every call goes through the realm's rate limiter, carries minorversion=75 and
 * Accept: application/json, retries throttles, server errors and network failures with jittered
 * backoff, and raises typed QboFaults. Creates are the exception: requestid replay cannot be trusted
 * (QBO.md), so a create whose outcome is unknown is never resent here; it fails with QboUncertainError
 * and the caller looks in QBO first.
 */
import type { CompanyInfo, EntityMap, EntityName, Preferences, WritableEntity } from './entities';
import { VOIDABLE_ENTITIES, entityPath, isNameList, type VoidableEntity } from './entity-paths';
import {
  QboFault,
  QboNetworkError,
  QboUncertainError,
  ReconnectNeededError,
  faultFromFaultObject,
  isAuth,
  isNeverSent,
  isRetryable,
  parseFault,
} from './qbo-fault';
import { silentLogger, type QboLogger } from './qbo-log';
import { RateLimiter, type RateLimits, type RequestKind } from './rate-limiter';
import { checkBatchId, checkRequestId, contentRequestId } from './request-id';
import { DEFAULT_RETRY_POLICY, backoffDelay, networkErrorCode, sleep, type RetryPolicy } from './retry-policy';

export const MINOR_VERSION = 75;
export const QUERY_PAGE_SIZE = 1000;
export const MAX_BATCH_ITEMS = 30;

/** Supplies bearer tokens; the connection's TokenManager implements it. */
export interface AccessTokenProvider {
  /** A valid access token (refreshing first when near expiry). Throws ReconnectNeededError. */
  getAccessToken(): Promise<string>;
  /** QBO rejected `token` with 401: refresh once (shared with concurrent callers), return the new one. */
  handleUnauthorized(token: string): Promise<string>;
  /** Authentication is gone for good (401 after a refresh, app access removed). */
  markReconnectNeeded(reason: string): void;
}

export interface QboClientOptions {
  realmId: string;
  /** API origin before `/v3/company/{realmId}`. */
  apiBaseUrl: string;
  tokens: AccessTokenProvider;
  /** Share one limiter per realm (limiterFor); a private one is made from `limits` otherwise. */
  limiter?: RateLimiter;
  limits?: Partial<RateLimits>;
  retry?: Partial<RetryPolicy>;
  minorVersion?: number;
  requestTimeoutMs?: number;
  logger?: QboLogger;
  /** Sees every request before it is sent (tests check bodies against the XSD-derived schema). */
  onRequest?: (event: QboRequestEvent) => void;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface QboRequestEvent {
  method: 'GET' | 'POST';
  /** Path after /v3/company/{realmId}/, e.g. "journalentry" or "batch". */
  path: string;
  params: Record<string, string>;
  body: unknown;
  attempt: number;
}

export interface QboClientStats {
  /** HTTP requests actually sent (every attempt). */
  requests: number;
  /** Metered calls: reads, query pages, batch query items. Creates/updates are free. */
  meteredReads: number;
  retries: number;
  throttled: number;
  serverErrors: number;
  networkErrors: number;
  unauthorized: number;
  batches: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /** Stable id from the ledger row (<= 50 chars). A retry sends the same one. */
  requestId: string;
}

export interface WriteOptions extends CallOptions {
  requestId?: string;
}

export interface UpdateOptions extends WriteOptions {
  /** Default true: only the fields given are changed. */
  sparse?: boolean;
}

export type ObjectRef = { Id: string; SyncToken: string };

export type UpdateBody<E extends WritableEntity> = Partial<EntityMap[E]> & ObjectRef;

export interface DeleteResult {
  Id: string;
  status: string;
}

/** A void travels in a batch as an update with optionsData "void" (Invoice and Payment only). */
export type BatchOperation = 'create' | 'update' | 'delete' | 'void';

export type BatchItem = { bId: string; operation: BatchOperation; entity: WritableEntity; body: object } | { bId: string; query: string };

export type BatchItemResult =
  | { bId: string; ok: true; entity: string | null; value: Record<string, unknown> | null; queryResponse?: Record<string, unknown> }
  | { bId: string; ok: false; fault: QboFault };

export interface BatchOptions extends CallOptions {
  /**
   * requestid per chunk of <= 30 items (<= 36 chars). A string is allowed when there is one chunk.
   * Default: derived from the chunk's content, so resending the same chunk replays QBO's answer.
   */
  requestId?: string | ((chunk: BatchItem[], chunkIndex: number) => string);
}

type WriteListener = (entity: EntityName, value: Record<string, unknown>) => void;

interface SendOptions {
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  kind?: RequestKind;
  metered?: number;
  signal?: AbortSignal;
  /** A create: an outcome that may have run in QBO is thrown as QboUncertainError, never retried here. */
  creates?: boolean;
}

export class QboClient {
  readonly realmId: string;
  readonly limiter: RateLimiter;
  private readonly base: string;
  private readonly retry: RetryPolicy;
  private readonly minorVersion: number;
  private readonly timeoutMs: number;
  private readonly log: QboLogger;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly writeListeners = new Set<WriteListener>();
  private readonly counters: QboClientStats = {
    requests: 0,
    meteredReads: 0,
    retries: 0,
    throttled: 0,
    serverErrors: 0,
    networkErrors: 0,
    unauthorized: 0,
    batches: 0,
  };

  constructor(private readonly options: QboClientOptions) {
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(options.realmId)) throw new Error(`Invalid realm ID: ${JSON.stringify(options.realmId.slice(0, 70))}`);
    this.realmId = options.realmId;
    this.base = `${options.apiBaseUrl.replace(/\/+$/, '')}/v3/company/${encodeURIComponent(options.realmId)}/`;
    this.limiter = options.limiter ?? new RateLimiter(options.limits);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.minorVersion = options.minorVersion ?? MINOR_VERSION;
    this.timeoutMs = options.requestTimeoutMs ?? 60_000;
    this.log = options.logger ?? silentLogger;
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  stats(): QboClientStats {
    return { ...this.counters };
  }

  /** Called with every entity QBO returns from a create or update (the reference cache listens). */
  onWrite(listener: WriteListener): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  async create<E extends WritableEntity>(entity: E, body: EntityMap[E], options: CreateOptions): Promise<EntityMap[E]> {
    const requestId = checkRequestId(options?.requestId, 'single');
    const json = await this.send({ method: 'POST', path: entityPath(entity), params: { requestid: requestId }, body, signal: options.signal, creates: true });
    return this.written(entity, json);
  }

  /** Sparse by default: send Id, SyncToken and the fields to change. Stale SyncToken -> fault 5010. */
  async update<E extends WritableEntity>(entity: E, body: UpdateBody<E>, options: UpdateOptions = {}): Promise<EntityMap[E]> {
    checkObjectRef(entity, body);
    const payload = { ...body, sparse: options.sparse ?? true };
    const json = await this.send({
      method: 'POST',
      path: entityPath(entity),
      params: { operation: 'update', ...requestIdParam(options) },
      body: payload,
      signal: options.signal,
    });
    return this.written(entity, json);
  }

  /**
   * Transactions are deleted. Name lists (Customer, Item, Class, Department, Account) cannot be
   * deleted in QBO; "delete" makes them inactive, as QBO's own UI does.
   */
  async delete<E extends WritableEntity>(entity: E, ref: ObjectRef, options: WriteOptions = {}): Promise<DeleteResult> {
    checkObjectRef(entity, ref);
    if (isNameList(entity)) {
      const value = await this.update(entity, { Id: ref.Id, SyncToken: ref.SyncToken, Active: false } as unknown as UpdateBody<E>, options);
      return { Id: value.Id ?? ref.Id, status: 'Inactive' };
    }
    const json = await this.send({
      method: 'POST',
      path: entityPath(entity),
      params: { operation: 'delete', ...requestIdParam(options) },
      body: { Id: ref.Id, SyncToken: ref.SyncToken },
      signal: options.signal,
    });
    const value = (json[entity] ?? {}) as Record<string, unknown>;
    return { Id: String(value.Id ?? ref.Id), status: String(value.status ?? 'Deleted') };
  }

  /** Void keeps the transaction with zero amounts. QBO voids Invoice (operation=void) and Payment (update + include=void). */
  async void<E extends VoidableEntity>(entity: E, ref: ObjectRef, options: WriteOptions = {}): Promise<EntityMap[E]> {
    checkObjectRef(entity, ref);
    const params: Record<string, string> = entity === 'Payment' ? { operation: 'update', include: 'void' } : { operation: 'void' };
    const body = entity === 'Payment' ? { Id: ref.Id, SyncToken: ref.SyncToken, sparse: true } : { Id: ref.Id, SyncToken: ref.SyncToken };
    const json = await this.send({ method: 'POST', path: entityPath(entity), params: { ...params, ...requestIdParam(options) }, body, signal: options.signal });
    return this.written(entity, json);
  }

  /** A metered read: prefer the reference cache for lists. */
  async read<E extends EntityName>(entity: E, id: string, options: CallOptions = {}): Promise<EntityMap[E]> {
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) throw new Error(`Invalid ${entity} Id: ${JSON.stringify(String(id).slice(0, 70))}`);
    const json = await this.send({ method: 'GET', path: `${entityPath(entity)}/${encodeURIComponent(id)}`, metered: 1, signal: options.signal });
    const value = json[entity];
    if (!value || typeof value !== 'object') throw badResponse(`the ${entity} read had no ${entity}`);
    return value as EntityMap[E];
  }

  /** The company's name and details: the last step of verifying a connection. */
  async companyInfo(options: CallOptions = {}): Promise<CompanyInfo> {
    return this.read('CompanyInfo', this.realmId, options);
  }

  /** The company's preferences (custom transaction numbers, class tracking, currency): one metered read. */
  async preferences(options: CallOptions = {}): Promise<Preferences> {
    const json = await this.send({ method: 'GET', path: 'preferences', metered: 1, signal: options.signal });
    const value = json.Preferences;
    if (!value || typeof value !== 'object') throw badResponse('the preferences read had no Preferences');
    return value as Preferences;
  }

  /**
   * Pages of `select * from <Entity> <clause>`, 1000 a page (`clause` may hold where/orderby, never
   * startposition/maxresults). Each page is one metered request.
   */
  async *queryPages<E extends EntityName>(entity: E, clause = '', options: CallOptions & { pageSize?: number } = {}): AsyncGenerator<EntityMap[E][]> {
    const pageSize = options.pageSize ?? QUERY_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > QUERY_PAGE_SIZE) throw new Error(`Query page size must be 1..${QUERY_PAGE_SIZE}`);
    if (/\b(startposition|maxresults)\b/i.test(clause)) throw new Error('Leave startposition/maxresults to the client: it pages by itself');
    const base = `select * from ${entity}${clause.trim() ? ` ${clause.trim()}` : ''}`;
    for (let start = 1; ; start += pageSize) {
      const json = await this.send({
        method: 'GET',
        path: 'query',
        params: { query: `${base} startposition ${start} maxresults ${pageSize}` },
        metered: 1,
        signal: options.signal,
      });
      const response = (json.QueryResponse ?? {}) as Record<string, unknown>;
      const rows = Array.isArray(response[entity]) ? (response[entity] as EntityMap[E][]) : [];
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
    }
  }

  /** Every matching row, one at a time. */
  async *query<E extends EntityName>(entity: E, clause = '', options: CallOptions & { pageSize?: number } = {}): AsyncGenerator<EntityMap[E]> {
    for await (const page of this.queryPages(entity, clause, options)) yield* page;
  }

  async queryAll<E extends EntityName>(entity: E, clause = '', options: CallOptions & { pageSize?: number } = {}): Promise<EntityMap[E][]> {
    const all: EntityMap[E][] = [];
    for await (const page of this.queryPages(entity, clause, options)) all.push(...page);
    return all;
  }

  /**
   * Sends items in chunks of at most 30, one batch request each, and returns one result per item in
   * input order: the entity QBO returned or a typed fault. A whole-request failure throws.
   */
  async batch(items: BatchItem[], options: BatchOptions = {}): Promise<BatchItemResult[]> {
    const seen = new Set<string>();
    for (const item of items) {
      checkBatchId(item.bId);
      if (seen.has(item.bId)) throw new Error(`Duplicate bId "${item.bId}" in one batch call`);
      seen.add(item.bId);
      if ('operation' in item && !['create', 'update', 'delete', 'void'].includes(item.operation)) {
        throw new Error(`Batch operation "${String(item.operation)}" is not supported (use create, update, delete or void)`);
      }
      if ('operation' in item && item.operation === 'void' && !(VOIDABLE_ENTITIES as readonly string[]).includes(item.entity)) {
        throw new Error(`QuickBooks cannot void a ${item.entity} (only ${VOIDABLE_ENTITIES.join(' and ')}); delete it instead`);
      }
    }
    const chunks: BatchItem[][] = [];
    for (let i = 0; i < items.length; i += MAX_BATCH_ITEMS) chunks.push(items.slice(i, i + MAX_BATCH_ITEMS));
    if (typeof options.requestId === 'string' && chunks.length > 1) {
      throw new Error(`One requestid cannot cover ${items.length} items (${chunks.length} batch calls): pass a function or leave it out`);
    }
    const requestIds = chunks.map((chunk, index) => {
      const given = typeof options.requestId === 'function' ? options.requestId(chunk, index) : options.requestId;
      return checkRequestId(given ?? contentRequestId('b', chunk.map(batchRequestItem)), 'batch');
    });
    const results = await Promise.all(chunks.map((chunk, index) => this.sendBatch(chunk, requestIds[index]!, options.signal)));
    return results.flat();
  }

  private async sendBatch(chunk: BatchItem[], requestId: string, signal?: AbortSignal): Promise<BatchItemResult[]> {
    const queries = chunk.filter((item) => 'query' in item).length;
    this.counters.batches++;
    const json = await this.send({
      method: 'POST',
      path: 'batch',
      params: { requestid: requestId },
      body: { BatchItemRequest: chunk.map(batchRequestItem) },
      kind: 'batch',
      metered: queries,
      signal,
      creates: chunk.some((item) => 'operation' in item && item.operation === 'create'),
    });
    const responses = Array.isArray(json.BatchItemResponse) ? (json.BatchItemResponse as Record<string, unknown>[]) : [];
    const byId = new Map(responses.map((r) => [String(r.bId), r]));
    return chunk.map((item): BatchItemResult => {
      const response = byId.get(item.bId);
      if (!response) {
        return {
          bId: item.bId,
          ok: false,
          fault: new QboFault({ code: 'NoBatchResponse', type: 'SystemFault', message: `QuickBooks returned no result for batch item ${item.bId}` }),
        };
      }
      const fault = response.Fault ?? response.fault;
      if (fault && typeof fault === 'object') return { bId: item.bId, ok: false, fault: faultFromFaultObject(fault as Record<string, unknown>) };
      if ('query' in item)
        return { bId: item.bId, ok: true, entity: null, value: null, queryResponse: (response.QueryResponse ?? {}) as Record<string, unknown> };
      const value = response[item.entity];
      if (value && typeof value === 'object' && (item.operation !== 'delete' || isNameList(item.entity)))
        this.notifyWrite(item.entity, value as Record<string, unknown>);
      return { bId: item.bId, ok: true, entity: item.entity, value: (value ?? null) as Record<string, unknown> | null };
    });
  }

  private written<E extends WritableEntity>(entity: E, json: Record<string, unknown>): EntityMap[E] {
    const value = json[entity];
    if (!value || typeof value !== 'object') throw badResponse(`the ${entity} response had no ${entity}`);
    this.notifyWrite(entity, value as Record<string, unknown>);
    return value as EntityMap[E];
  }

  private notifyWrite(entity: EntityName, value: Record<string, unknown>): void {
    for (const listener of this.writeListeners) {
      try {
        listener(entity, value);
      } catch (err) {
        this.log({ level: 'warn', event: 'qbo.write-listener-failed', message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** One logical call: limiter slot, token, fetch, classify, retry. The URL (incl. requestid) never changes between attempts. */
  private async send(request: SendOptions): Promise<Record<string, unknown>> {
    const params = new URLSearchParams({ ...request.params, minorversion: String(this.minorVersion) });
    const url = `${this.base}${request.path}?${params.toString()}`;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      const release = await this.limiter.acquire(request.kind ?? 'request', request.signal);
      let status = 0;
      let text = '';
      let headers: Headers | null = null;
      let token = '';
      try {
        token = await this.options.tokens.getAccessToken();
        this.options.onRequest?.({ method: request.method, path: request.path, params: Object.fromEntries(params), body: request.body, attempt });
        this.counters.requests++;
        this.counters.meteredReads += request.metered ?? 0;
        const response = await this.fetchImpl(url, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            'User-Agent': 'por-qbo-companion',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body,
          signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs),
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (err) {
        release();
        if (request.signal?.aborted) throw request.signal.reason ?? err;
        // A token endpoint that is down arrives as a QboNetworkError from the token manager.
        const code = err instanceof QboNetworkError ? err.code : networkErrorCode(err);
        if (!code) throw err;
        this.counters.networkErrors++;
        const networkError = err instanceof QboNetworkError ? err : new QboNetworkError(code, `Network error talking to QuickBooks (${code})`);
        if (request.creates && !isNeverSent(networkError)) throw this.uncertain(networkError, request, attempt);
        await this.retryOrThrow(networkError, attempt, request);
        continue;
      }
      release();

      if (status >= 200 && status < 300) {
        const json = parseJson(text);
        if (!json) throw badResponse(`expected JSON, got ${text.slice(0, 40).replace(/\s+/g, ' ')}`, headers);
        return json;
      }
      const fault = parseFault(status, text, headers);
      if (status === 401) {
        this.counters.unauthorized++;
        if (!refreshedAfter401) {
          refreshedAfter401 = true;
          this.log({ level: 'warn', event: 'qbo.unauthorized', message: 'QuickBooks refused the access token; refreshing once', intuit_tid: fault.intuit_tid });
          await this.options.tokens.handleUnauthorized(token);
          attempt--; // the refresh is not a retry of the request itself
          continue;
        }
        return this.reconnectNeeded('QuickBooks refused a freshly refreshed access token (401)', fault);
      }
      if (status === 403 && isAuth(fault)) return this.reconnectNeeded('the app no longer has access to this QuickBooks company', fault);
      if (status === 429) {
        this.counters.throttled++;
        // The realm is over its limit: every caller waits, not just this one. Without Retry-After (as
        // reported of real QBO), at least a second: the shortest window QBO throttles on (10 a second).
        const fallback = Math.max(backoffDelay(this.retry, attempt, null, this.random), this.limiter.limits.windowMs / 60);
        this.limiter.pause(Math.min(fault.retryAfterMs ?? fallback, this.retry.maxRetryAfterMs));
      }
      if (status >= 500) this.counters.serverErrors++;
      if (request.creates && isRetryable(fault)) throw this.uncertain(fault, request, attempt);
      await this.retryOrThrow(fault, attempt, request);
    }
  }

  private async retryOrThrow(err: QboFault | QboNetworkError, attempt: number, request: SendOptions): Promise<void> {
    const retryAfter = err instanceof QboFault ? err.retryAfterMs : null;
    if (!isRetryable(err) || attempt >= this.retry.maxAttempts) {
      this.log({
        level: 'error',
        event: 'qbo.request-failed',
        message: err instanceof QboFault ? err.describe() : err.message,
        path: request.path,
        attempt,
        code: err.code,
        intuit_tid: err instanceof QboFault ? err.intuit_tid : null,
      });
      throw err;
    }
    const delay = backoffDelay(this.retry, attempt, retryAfter, this.random);
    this.counters.retries++;
    this.log({
      level: 'warn',
      event: 'qbo.retry',
      message: `Retrying after ${err instanceof QboFault ? `HTTP ${err.httpStatus} ${err.code}` : err.code}`,
      path: request.path,
      attempt,
      delayMs: delay,
      intuit_tid: err instanceof QboFault ? err.intuit_tid : null,
    });
    await sleep(delay, request.signal);
  }

  private uncertain(err: QboFault | QboNetworkError, request: SendOptions, attempt: number): QboUncertainError {
    this.log({
      level: 'warn',
      event: 'qbo.outcome-unknown',
      message: `No definite answer to a create (${err instanceof QboFault ? `HTTP ${err.httpStatus} ${err.code}` : err.code}); it is looked up before any resend`,
      path: request.path,
      attempt,
      code: err.code,
      intuit_tid: err instanceof QboFault ? err.intuit_tid : null,
    });
    return new QboUncertainError(err);
  }

  private reconnectNeeded(reason: string, fault: QboFault): never {
    this.log({ level: 'error', event: 'qbo.reconnect-needed', message: reason, code: fault.code, intuit_tid: fault.intuit_tid });
    this.options.tokens.markReconnectNeeded(reason);
    throw new ReconnectNeededError(reason, fault);
  }
}

function batchRequestItem(item: BatchItem): Record<string, unknown> {
  if ('query' in item) return { bId: item.bId, Query: item.query };
  if (item.operation === 'delete' && isNameList(item.entity)) {
    // Name lists are made inactive, never deleted (see QboClient.delete).
    const ref = item.body as Partial<ObjectRef>;
    return { bId: item.bId, operation: 'update', [item.entity]: { Id: ref.Id, SyncToken: ref.SyncToken, Active: false, sparse: true } };
  }
  if (item.operation === 'void') {
    const ref = item.body as Partial<ObjectRef>;
    return { bId: item.bId, operation: 'update', optionsData: 'void', [item.entity]: { Id: ref.Id, SyncToken: ref.SyncToken, sparse: true } };
  }
  const body = item.operation === 'update' ? { sparse: true, ...item.body } : item.body;
  return { bId: item.bId, operation: item.operation, [item.entity]: body };
}

function checkObjectRef(entity: string, ref: Partial<ObjectRef>): void {
  if (!ref || typeof ref.Id !== 'string' || !ref.Id || typeof ref.SyncToken !== 'string' || ref.SyncToken === '') {
    throw new Error(`${entity}: Id and SyncToken (strings) are required to change an existing object`);
  }
}

function requestIdParam(options: WriteOptions): Record<string, string> {
  return options.requestId === undefined ? {} : { requestid: checkRequestId(options.requestId, 'single') };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function badResponse(detail: string, headers?: Headers | null): QboFault {
  return new QboFault({
    code: 'BadResponse',
    type: 'SystemFault',
    message: 'QuickBooks sent a response the app cannot read',
    detail,
    intuit_tid: headers?.get('intuit_tid') ?? null,
  });
}
