import type { CredentialProblem } from './credential-checks';

export type ConnectErrorCode =
  | 'invalid-credentials'
  | 'refresh-token-rejected'
  | 'client-rejected'
  | 'company-access-denied'
  | 'network'
  | 'keychain'
  | 'endpoint-config'
  | 'sign-in-unavailable'
  | 'sign-in-denied'
  | 'sign-in-timeout'
  | 'sign-in-cancelled'
  | 'ports-busy'
  | 'unexpected';

/**
 * Why a connect attempt failed, in words fit for the setup screen. The message never holds a secret
 * (only Intuit's error codes, field names and intuit_tid), so the UI may show it as is.
 */
export class ConnectError extends Error {
  constructor(
    readonly code: ConnectErrorCode,
    message: string,
    readonly problems: CredentialProblem[] = [],
    readonly intuit_tid: string | null = null,
  ) {
    super(message);
    this.name = 'ConnectError';
  }

  /** The IPC/JSON shape: code, message, per-field problems. */
  toJSON(): { code: ConnectErrorCode; message: string; problems: CredentialProblem[]; intuit_tid: string | null } {
    return { code: this.code, message: this.message, problems: this.problems, intuit_tid: this.intuit_tid };
  }
}
