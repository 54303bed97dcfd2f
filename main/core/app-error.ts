/**
 * The one error type that crosses from the engine to the UI and the CLI. Its `kind` says what a person can
 * do about it, so screens and exit codes switch on the kind and never on the message's words. The message
 * is fit to show (no secrets, no stack); `fix` says what to do when it is not obvious.
 */
export const ERROR_KINDS = [
  /** The action does not apply to what was asked (already posted, nothing waiting, wrong state). */
  'refused',
  /** What was asked for does not exist (an export number, a document). */
  'not-found',
  /** No QuickBooks connection, or it must be reconnected. */
  'not-connected',
  /** Production is not ready: the go-live checklist holds what would post. */
  'not-ready',
  /** Something the person typed or chose is not valid. */
  'invalid-input',
  /** A POR account has no QuickBooks account (fix it under Mapping). */
  'mapping',
  /** A store class is missing or inactive in QuickBooks (fix it under Store classes). */
  'classes',
  /** QuickBooks refused the request; its code is in `qboCode`. */
  'qbo',
  /** Another action is still running (a sign-in waiting, the environment busy in another process). */
  'busy',
  /** Only the practice environment does this. */
  'practice-only',
  /** The OS keychain (or another part of this computer) is not available. */
  'unavailable',
  /** A bug or something nobody planned for: the details are in the log, never in the message. */
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppErrorInit {
  fix?: string | null;
  /** Intuit's error code, when QuickBooks refused. */
  qboCode?: string | null;
  /** Intuit's transaction id: what Intuit support asks for. */
  intuitTid?: string | null;
  /** A finer code for tests and logs ('sign-in-busy', 'untrusted-sender', ...); defaults to the kind. */
  code?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly fix: string | null;
  readonly qboCode: string | null;
  readonly intuitTid: string | null;
  readonly code: string;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    init: AppErrorInit = {},
  ) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'AppError';
    this.fix = init.fix ?? null;
    this.qboCode = init.qboCode ?? null;
    this.intuitTid = init.intuitTid ?? null;
    this.code = init.code ?? kind;
  }

  /** What crosses the bridge and what the CLI prints as JSON. */
  toJSON(): { kind: ErrorKind; code: string; message: string; fix: string | null; qboCode: string | null; intuitTid: string | null } {
    return { kind: this.kind, code: this.code, message: this.message, fix: this.fix, qboCode: this.qboCode, intuitTid: this.intuitTid };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
