/**
 * Runs on every log entry before it is written: a log is read by people helping with a problem and
 * attached to messages, so nothing in it may open the company's books. Fields whose names say
 * "secret" are redacted whatever they hold; string values lose anything shaped like a credential
 * (bearer and basic headers, JWTs, Intuit tokens, `refresh_token=` style pairs, long key-like runs).
 * Heuristic on purpose: the callers already log ids and codes only, this is the second line.
 */
import type { QboLogEntry } from '../qbo/qbo-log';

export const REDACTED = '[redacted]';

/** Field names that hold credentials (or may): their values are never written. */
const SECRET_FIELD =
  /token|secret|password|passwd|authori[sz]ation|refresh|access|cookie|credential|client.?id|api.?key|assertion|verifier|(?:auth|oauth|grant).?code|^code.?verifier$/i;
/** `code` is QuickBooks' fault code (6240) or ours (refresh-token-rejected); an OAuth code is long. */
const PLAIN_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** Correlation ids support asks for: not secrets, kept even though they are long runs of hex. */
const INTUIT_TID = /^(?:1-[0-9a-f]{8}-[0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const MAX_STRING = 4_000;
const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

/** A credential-looking substring and what it becomes. Order matters: specific shapes first. */
const TEXT_RULES: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Authorization headers, however they were quoted into a message (not the /tokens/bearer URL).
  [/(?<![/\w-])(Bearer|Basic|Digest)(\s+|%20|\+)[A-Za-z0-9._~+/=-]{6,}/gi, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`],
  // key=value in query strings and form bodies, "key": "value" in JSON, key: value in text.
  [
    /((?:(?:access|refresh|id)_?)?token|client_?secret|client_?id|password|passwd|secret|api_?key|assertion|authorization|cookie)(["']?\s*(?:=|:|%3D)\s*["']?)([^\s"'&,;}]+)/gi,
    (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`,
  ],
  // An OAuth code (callback URL, token request) is long; "code: 6240" is QuickBooks' fault code.
  [/\b(code(?:_verifier)?)(["']?\s*(?:=|:|%3D)\s*["']?)([^\s"'&,;}]{16,})/gi, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`],
  // JWTs and JWEs (Intuit's access tokens): base64url JSON header "eyJ..." and dot-separated parts.
  [/eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){1,4}/g, REDACTED],
  // Intuit refresh tokens, client ids and authorization codes: "AB11" + digits and letters.
  [/\bAB\d{2}[A-Za-z0-9]{20,}/g, REDACTED],
];

/** Runs of key-like characters long enough to be a key, a secret or a hash. */
const LONG_RUN = /[A-Za-z0-9+/_=.-]{32,}/g;
const ALNUM_RUN = /[A-Za-z0-9]{20,}/g;

/** Removes credential-shaped text from a free-form string (a message, a stack, a path). */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  out = out.replace(LONG_RUN, (run) => (INTUIT_TID.test(run) ? run : run.replace(ALNUM_RUN, (chunk) => (looksLikeKey(chunk) ? REDACTED : chunk))));
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…` : out;
}

/**
 * A 20+ character alphanumeric chunk of a 32+ character run is a key when it holds a digit or is
 * itself 32+ long; shorter letters-only chunks read as words (paths, file names, stack frames).
 */
function looksLikeKey(chunk: string): boolean {
  return /\d/.test(chunk) || chunk.length >= 32;
}

/** The entry as it may be written: secret fields redacted, strings scrubbed, nesting and size capped. */
export function scrubLogEntry(entry: QboLogEntry): QboLogEntry {
  const out = scrubValue(entry, 0) as Record<string, unknown>;
  return { ...out, level: entry.level, event: scrubText(String(entry.event)), message: scrubText(String(entry.message ?? '')) } as QboLogEntry;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (value instanceof Error) return describeError(value);
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => scrubValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
    out[key] = scrubField(key, item, depth);
  }
  return out;
}

function scrubField(key: string, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (key === 'code') return typeof value === 'number' || (typeof value === 'string' && PLAIN_CODE.test(value)) ? scrubValue(value, depth + 1) : REDACTED;
  if (key === 'intuit_tid' || key === 'intuitTid') return typeof value === 'string' && INTUIT_TID.test(value) ? value : scrubValue(value, depth + 1);
  if (SECRET_FIELD.test(key)) return REDACTED;
  return scrubValue(value, depth + 1);
}

export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: ErrorDescription | string;
}

/**
 * An unknown thrown value as loggable fields: class name, scrubbed message and stack (which repeats
 * the message), an errno-style code, and one level of cause.
 */
export function describeError(err: unknown, depth = 0): ErrorDescription {
  if (!(err instanceof Error)) return { name: typeof err, message: scrubText(String(err)) };
  const out: ErrorDescription = { name: err.name || 'Error', message: scrubText(err.message) };
  if (err.stack) out.stack = scrubText(err.stack);
  const code = (err as { code?: unknown }).code;
  if ((typeof code === 'string' && PLAIN_CODE.test(code)) || typeof code === 'number') out.code = code;
  if (err.cause !== undefined && depth < 2) out.cause = err.cause instanceof Error ? describeError(err.cause, depth + 1) : scrubText(String(err.cause));
  return out;
}
