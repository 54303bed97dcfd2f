/**
 * Turns what the engine, the ledger and the connection throw into the one error type people see. Errors
 * of the core that already are AppErrors pass as they are; QuickBooks' faults get their plain advice (the
 * same sentence history and the CLI show); anything else is a bug and stays unknown (null), so it is
 * logged with its stack and never shown.
 */
import { AppError, type ErrorKind } from '../app-error';
import { ConnectError, type ConnectErrorCode } from '../connection/connect-error';
import { QboFault, QboNetworkError, QboUncertainError } from '../qbo/qbo-fault';
import { adviseFault } from '../sync/engine/fault-advice';

const CONNECT_KINDS: Record<ConnectErrorCode, ErrorKind> = {
  'invalid-credentials': 'invalid-input',
  'refresh-token-rejected': 'not-connected',
  'client-rejected': 'invalid-input',
  'company-access-denied': 'not-connected',
  network: 'unavailable',
  keychain: 'unavailable',
  'endpoint-config': 'invalid-input',
  'sign-in-unavailable': 'refused',
  'sign-in-denied': 'refused',
  'sign-in-timeout': 'refused',
  'sign-in-cancelled': 'refused',
  'ports-busy': 'busy',
  unexpected: 'internal',
};

/** `what` names the thing being done, for QuickBooks' faults ("export #12", "the class Stores:North"). */
export function appErrorOf(err: unknown, what = 'the export'): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ConnectError) {
    return new AppError(CONNECT_KINDS[err.code], err.message, { code: err.code, intuitTid: err.intuit_tid, cause: err });
  }
  if (err instanceof QboFault || err instanceof QboNetworkError || err instanceof QboUncertainError) {
    const advice = adviseFault(err, { what });
    return new AppError(err instanceof QboFault ? 'qbo' : 'unavailable', advice.message, {
      fix: advice.fix,
      qboCode: advice.qboCode,
      intuitTid: advice.intuitTid,
      code: advice.qboCode ?? 'qbo',
      cause: err,
    });
  }
  return null;
}

/** For a catch that must rethrow: the AppError when there is one, else the original error. */
export function asAppError(err: unknown, what?: string): unknown {
  return appErrorOf(err, what) ?? err;
}
