/**
 * QBO faults as typed errors. Every error the client raises about a QBO response is a QboFault; the
 * classification helpers below are what the sync engine branches on (QBO.md, Faults table).
 */
import { AppError } from '../app-error';
export interface QboFaultError {
  code: string;
  message: string;
  detail: string;
  element: string;
}

export interface QboFaultInit {
  code: string;
  message: string;
  detail?: string;
  element?: string;
  type?: string;
  intuit_tid?: string | null;
  httpStatus?: number;
  errors?: QboFaultError[];
  retryAfterMs?: number | null;
}

export class QboFault extends Error {
  /** Intuit's error code as a string without leading zeros ("3001", "6140", "AuthenticationFailed"). */
  readonly code: string;
  readonly element: string;
  readonly detail: string;
  /** ValidationFault, AuthenticationFault, AuthorizationFault, SystemFault, ThrottleExceeded, ... */
  readonly type: string;
  /** Intuit's transaction id from the response header: quote it to Intuit support. */
  readonly intuit_tid: string | null;
  /** 0 when the fault came inside a 200 response (a batch item). */
  readonly httpStatus: number;
  /** All errors of the fault; the first one also fills code/message/detail/element. */
  readonly errors: QboFaultError[];
  readonly retryAfterMs: number | null;

  constructor(init: QboFaultInit) {
    super(init.message || `QuickBooks error ${init.code}`);
    this.name = 'QboFault';
    this.code = normalizeCode(init.code);
    this.element = init.element ?? '';
    this.detail = init.detail ?? '';
    this.type = init.type ?? '';
    this.intuit_tid = init.intuit_tid ?? null;
    this.httpStatus = init.httpStatus ?? 0;
    this.errors = init.errors ?? [{ code: this.code, message: this.message, detail: this.detail, element: this.element }];
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** Plain, log-safe summary (no request data). */
  describe(): string {
    const where = this.element ? ` [${this.element}]` : '';
    const detail = this.detail && this.detail !== this.message ? `: ${this.detail}` : '';
    const tid = this.intuit_tid ? ` (intuit_tid ${this.intuit_tid})` : '';
    return `QuickBooks ${this.code}${where} ${this.message}${detail}${tid}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      element: this.element,
      message: this.message,
      detail: this.detail,
      type: this.type,
      intuit_tid: this.intuit_tid,
      httpStatus: this.httpStatus,
      errors: this.errors,
    };
  }
}

/** The request never got an HTTP answer (reset, refused, timeout). Retried with backoff. */
export class QboNetworkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QboNetworkError';
  }
}

/**
 * A write whose outcome is unknown: the request may have reached QuickBooks and run, but no definite
 * answer came back (timeout, dropped connection, 5xx, 429, 600 "Duplicate Request ID"). Never sent again
 * as is: the caller first looks in QBO for what it wrote (QBO.md: requestid replay is not to be trusted).
 */
export class QboUncertainError extends Error {
  constructor(readonly outcome: QboFault | QboNetworkError) {
    super(
      `QuickBooks gave no definite answer (${outcome instanceof QboFault ? (outcome.httpStatus ? `HTTP ${outcome.httpStatus} ${outcome.code}` : outcome.code) : outcome.code})`,
    );
    this.name = 'QboUncertainError';
  }

  get code(): string {
    return this.outcome.code;
  }

  get intuit_tid(): string | null {
    return this.outcome instanceof QboFault ? this.outcome.intuit_tid : null;
  }
}

/**
 * The connection can no longer authenticate (refresh token revoked or expired, 401 after a refresh,
 * app access removed). Work is not lost: the engine keeps its rows queued and waits for a reconnect.
 */
export class ReconnectNeededError extends AppError {
  constructor(
    readonly reason: string,
    readonly fault: QboFault | null = null,
  ) {
    super('not-connected', `QuickBooks needs to be reconnected: ${reason}`);
    this.name = 'ReconnectNeededError';
  }
}

/** Codes without leading zeros, so "003001" and "3001" compare equal. */
export function normalizeCode(code: string | number | undefined | null): string {
  const text = String(code ?? '').trim();
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

/**
 * Parses any QBO error response: the v3 `{"Fault":{"Error":[...],"type"}}` (also lowercase), the
 * gateway's `{"code","type","message","detail"}`, OAuth-style `{"error","error_description"}`, or a
 * non-JSON body (HTML from a proxy).
 */
export function parseFault(httpStatus: number, body: unknown, headers?: { get(name: string): string | null } | null): QboFault {
  const intuit_tid = headers?.get('intuit_tid') ?? null;
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after') ?? null);
  const common = { intuit_tid, httpStatus, retryAfterMs };
  const json = typeof body === 'string' ? tryJson(body) : body;
  const faultObj = json && typeof json === 'object' ? pick(json, 'Fault', 'fault') : undefined;
  if (faultObj && typeof faultObj === 'object') return faultFromFaultObject(faultObj as Record<string, unknown>, common);
  if (json && typeof json === 'object') {
    const obj = json as Record<string, unknown>;
    if (typeof obj.code === 'string' || typeof obj.code === 'number') {
      return new QboFault({ ...common, code: String(obj.code), type: str(obj.type), message: str(obj.message) || str(obj.Message), detail: str(obj.detail) });
    }
    if (typeof obj.error === 'string') {
      return new QboFault({ ...common, code: obj.error, type: 'OAuth', message: str(obj.error_description) || obj.error });
    }
  }
  const text = typeof body === 'string' ? body : '';
  return new QboFault({
    ...common,
    code: `HTTP_${httpStatus}`,
    type: httpStatus === 429 ? 'ThrottleExceeded' : httpStatus >= 500 ? 'SystemFault' : 'HttpError',
    message: `QuickBooks answered HTTP ${httpStatus}`,
    detail: text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200),
  });
}

/** A fault object as found at the top level or inside a batch item. */
export function faultFromFaultObject(
  fault: Record<string, unknown>,
  common: { intuit_tid?: string | null; httpStatus?: number; retryAfterMs?: number | null } = {},
): QboFault {
  const list = pick(fault, 'Error', 'error');
  const errors: QboFaultError[] = (Array.isArray(list) ? list : list ? [list] : []).map((e) => {
    const item = (e ?? {}) as Record<string, unknown>;
    return {
      code: normalizeCode(str(pick(item, 'code', 'Code'))),
      message: str(pick(item, 'Message', 'message')),
      detail: str(pick(item, 'Detail', 'detail')),
      element: str(pick(item, 'element', 'Element')),
    };
  });
  const first = errors[0] ?? { code: 'unknown', message: 'QuickBooks returned a fault without details', detail: '', element: '' };
  return new QboFault({ ...common, ...first, type: str(pick(fault, 'type', 'Type')), errors: errors.length ? errors : [first] });
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unusable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function codes(err: unknown): string[] {
  if (!(err instanceof QboFault)) return [];
  return [err.code, ...err.errors.map((e) => e.code)];
}

function hasCode(err: unknown, ...wanted: string[]): boolean {
  return codes(err).some((c) => wanted.includes(c));
}

/** Authentication or authorization: refresh once, then "reconnect needed". */
export function isAuth(err: unknown): boolean {
  if (err instanceof ReconnectNeededError) return true;
  if (!(err instanceof QboFault)) return false;
  return (
    err.httpStatus === 401 ||
    /^Authentication|^Authorization|^AUTHENTICATION/.test(err.type) ||
    hasCode(err, '100', '120', '3200', '3100', 'AuthenticationFailed', 'AuthorizationFailed')
  );
}

export function isThrottle(err: unknown): boolean {
  return err instanceof QboFault && (err.httpStatus === 429 || err.type === 'ThrottleExceeded' || hasCode(err, '3001', 'ThrottleExceeded'));
}

export function isServerError(err: unknown): boolean {
  return err instanceof QboFault && err.httpStatus >= 500;
}

/** Stale SyncToken: re-read and retry once. A 5010 that says the period is closed is not stale (QBO.md). */
export function isStale(err: unknown): boolean {
  return hasCode(err, '5010') && !isClosedPeriod(err);
}

/** Possibly an earlier success: look the document up before anything else. */
export function isDuplicateDocNumber(err: unknown): boolean {
  return hasCode(err, '6140');
}

/**
 * Closed books: 6200 and 6210 by code, and 5010 when its Message (never the Detail text) says
 * "Account Period Closed", as reported against real QBO.
 */
export function isClosedPeriod(err: unknown): boolean {
  if (hasCode(err, '6200', '6210')) return true;
  if (!(err instanceof QboFault)) return false;
  return err.errors.some((e) => e.code === '5010' && /account period closed/i.test(e.message));
}

/** 600 "Duplicate Request ID": QBO saw this requestid before; whether it ran is not said. */
export function isDuplicateRequest(err: unknown): boolean {
  return hasCode(err, '600');
}

/** An undo refused because other transactions depend on it (800). */
export function isDeleteRefused(err: unknown): boolean {
  return hasCode(err, '800');
}

/** Object not found (610): for an undo, the transaction is already gone. */
export function isNotFound(err: unknown): boolean {
  return hasCode(err, '610');
}

/**
 * After a write, an outcome that does not say whether QBO ran it: no answer, a server error, a throttle
 * (the worst reading: the request may have run), or 600. Such a write is looked up, never resent blindly.
 */
export function isUncertainWriteOutcome(err: unknown): boolean {
  return (
    err instanceof QboUncertainError ||
    (err instanceof QboNetworkError && !isNeverSent(err)) ||
    isThrottle(err) ||
    isServerError(err) ||
    isDuplicateRequest(err)
  );
}

/** Network failures that happen before a request leaves: nothing can have run. */
export function isNeverSent(err: QboNetworkError): boolean {
  return (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'OAUTH_UNREACHABLE'].includes(err.code) ||
    err.code.startsWith('OAUTH_HTTP_')
  );
}

/** Object not found/inactive (610) or invalid reference (2500): refresh the reference cache. */
export function isMissingRef(err: unknown): boolean {
  return hasCode(err, '610', '2500');
}

/** Duplicate name (6240): find the existing one and reuse it. */
export function isDuplicateName(err: unknown): boolean {
  return hasCode(err, '6240');
}

export function isSubscriptionEnded(err: unknown): boolean {
  return hasCode(err, '6190');
}

/** Worth retrying as is: throttle, server errors, network failures. */
export function isRetryable(err: unknown): boolean {
  return err instanceof QboNetworkError || err instanceof QboUncertainError || isThrottle(err) || isServerError(err);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pick(obj: object, ...keys: string[]): unknown {
  const record = obj as Record<string, unknown>;
  for (const key of keys) if (record[key] !== undefined) return record[key];
  return undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
