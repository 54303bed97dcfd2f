/**
 * What the engine does about an error, and what a person is told: every QBO fault (QBO.md, Faults
 * table) becomes one decision plus a plain-language fix. Pure: no I/O, so every branch is tested as data.
 */
import {
  QboFault,
  QboNetworkError,
  QboUncertainError,
  ReconnectNeededError,
  isAuth,
  isClosedPeriod,
  isDeleteRefused,
  isDuplicateDocNumber,
  isDuplicateName,
  isDuplicateRequest,
  isMissingRef,
  isRetryable,
  isStale,
  isSubscriptionEnded,
} from '../../qbo/qbo-fault';
import { RequestIdError } from '../../qbo/request-id';

/**
 * - retry: nothing was decided by QBO (throttle, server, network): queue again after a backoff.
 * - reconnect: the connection is gone; stop the run, keep every job queued.
 * - stop: the company cannot take writes (subscription ended); stop, keep jobs queued.
 * - lookupDocNumber: 6140, maybe an earlier success: find it by DocNumber and link it.
 * - reuseName: 6240, the name exists: find it and reuse it.
 * - reread: 5010, stale SyncToken: read the object again and retry once.
 * - refreshReferences: 610/2500, a reference is missing or inactive: refresh the cache, then fail with a mapping fix.
 * - fail: QBO refused the content; a person must fix something, then retry.
 */
export type FaultAction = 'retry' | 'reconnect' | 'stop' | 'lookupDocNumber' | 'reuseName' | 'reread' | 'refreshReferences' | 'fail';

export interface FaultAdvice {
  action: FaultAction;
  /** One sentence for history, the dashboard and the CLI. Never carries request data or secrets. */
  message: string;
  /** What the person should do, in plain words (null when the app handles it by itself). */
  fix: string | null;
  qboCode: string | null;
  intuitTid: string | null;
}

/** Facts about the job that make a message specific ("dated 2026-03-14"). */
export interface FaultContext {
  /** What we tried to create, e.g. "journal entry PR260314-1-ab12". */
  what?: string;
  txnDate?: string | null;
  docNumber?: string | null;
  /** The company's closing date, read from its Preferences when a closed-books fault does not say it. */
  closingDate?: string | null;
}

export function adviseFault(err: unknown, context: FaultContext = {}): FaultAdvice {
  const what = context.what ?? 'the export';
  if (err instanceof ReconnectNeededError || isAuth(err)) {
    return advice(
      'reconnect',
      err,
      `QuickBooks needs to be reconnected (${reasonOf(err)}).`,
      'Open the app and reconnect to QuickBooks (Connection). Nothing is lost: waiting exports go out after you reconnect.',
    );
  }
  if (isSubscriptionEnded(err)) {
    return advice(
      'stop',
      err,
      'The QuickBooks company cannot take new transactions: its subscription ended or has a billing problem.',
      'Renew the QuickBooks Online subscription (or fix billing), then press Sync now. Waiting exports are kept.',
    );
  }
  if (err instanceof QboUncertainError || isDuplicateRequest(err)) {
    return advice(
      'retry',
      err,
      `QuickBooks did not say whether it saved ${what} (${shortCode(err)}); the app looks in QuickBooks before sending it again, so it is never posted twice.`,
      null,
    );
  }
  if (err instanceof QboNetworkError || isRetryable(err)) {
    return advice('retry', err, `QuickBooks could not be reached or was busy (${shortCode(err)}); ${what} will be retried.`, null);
  }
  if (isDuplicateDocNumber(err)) {
    return advice(
      'lookupDocNumber',
      err,
      `QuickBooks already has a transaction numbered ${context.docNumber ?? '(same number)'}.`,
      `A transaction with document number ${context.docNumber ?? 'this number'} already exists in QuickBooks and does not match ${what}. ` +
        'Open it in QuickBooks: if it is this export, undo one of them; otherwise renumber or delete the other one, then retry.',
    );
  }
  if (isDuplicateName(err)) {
    return advice(
      'reuseName',
      err,
      'QuickBooks already has a list entry with that name.',
      'The app links the existing entry. If it is inactive in QuickBooks, make it active again and retry.',
    );
  }
  if (isDeleteRefused(err)) {
    return advice(
      'fail',
      err,
      `QuickBooks refused to remove ${what}: other transactions depend on it (${err instanceof QboFault ? err.code : ''}).`,
      'Open it in QuickBooks and remove or unlink what depends on it (a payment applied to an invoice, for example), then undo again.',
    );
  }
  if (isStale(err)) {
    return advice('reread', err, 'The QuickBooks object changed while the app was working on it.', 'Retry: the app reads it again first.');
  }
  if (isClosedPeriod(err)) {
    const closing = (err instanceof QboFault ? closingDateIn(err) : null) ?? context.closingDate ?? null;
    return advice(
      'fail',
      err,
      `QuickBooks refused ${what}${context.txnDate ? ` dated ${context.txnDate}` : ''}: the books are closed${closing ? ` through ${closing}` : ''}.`,
      `In QuickBooks open Settings > Account and settings > Advanced > Accounting > Close the books and move the closing date ` +
        `before ${context.txnDate ?? 'the transaction date'} (or ask your accountant), then retry.`,
    );
  }
  if (isMissingRef(err)) {
    return advice(
      'refreshReferences',
      err,
      `QuickBooks refused ${what}: ${refProblem(err)}.`,
      'An account, class, customer or item it uses is inactive or was deleted in QuickBooks. Make it active again, or map the ' +
        'POR account to an active QuickBooks account (Mapping), then retry.',
    );
  }
  if (err instanceof RequestIdError) {
    return advice(
      'fail',
      err,
      `The app built an invalid request for ${what}: ${err.message}`,
      'This is an app error; please report it with the history entry.',
    );
  }
  if (err instanceof QboFault) {
    const code = err.code;
    const fix =
      code === '6000'
        ? `QuickBooks explained: "${err.detail || err.message}". Fix that in POR or QuickBooks, then retry.`
        : code === '6070'
          ? 'A line amount is not quantity x unit price. Regenerate the document in POR, then retry.'
          : code === '2020' || code === '2170' || code === '2010' || code === '2050'
            ? `QuickBooks found a field it cannot take (${err.element || 'unknown field'}). Check the mapping and the POR document, then retry.`
            : code === '620'
              ? 'The transaction links to another one QuickBooks cannot find. Check it in QuickBooks, then retry.'
              : `QuickBooks said: "${err.detail || err.message}". Fix it, then retry.`;
    return advice('fail', err, `QuickBooks refused ${what}: ${err.message}${err.detail && err.detail !== err.message ? ` (${trim(err.detail)})` : ''}.`, fix);
  }
  const text = err instanceof Error ? err.message : String(err);
  return advice('fail', err, `Could not send ${what}: ${trim(text)}`, 'Retry; if it keeps failing, send the diagnostics to support.');
}

function advice(action: FaultAction, err: unknown, message: string, fix: string | null): FaultAdvice {
  return {
    action,
    message,
    fix,
    qboCode:
      err instanceof QboFault || err instanceof QboNetworkError || err instanceof QboUncertainError
        ? err.code
        : err instanceof ReconnectNeededError
          ? (err.fault?.code ?? 'reconnect')
          : null,
    intuitTid:
      err instanceof QboFault || err instanceof QboUncertainError
        ? err.intuit_tid
        : err instanceof ReconnectNeededError
          ? (err.fault?.intuit_tid ?? null)
          : null,
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof ReconnectNeededError) return err.reason;
  if (err instanceof QboFault) return `${err.code} ${err.message}`;
  return 'authentication failed';
}

function shortCode(err: unknown): string {
  if (err instanceof QboNetworkError) return err.code;
  if (err instanceof QboUncertainError) return shortCode(err.outcome);
  if (err instanceof QboFault) return err.httpStatus ? `HTTP ${err.httpStatus}` : err.code;
  return 'error';
}

function refProblem(err: unknown): string {
  if (!(err instanceof QboFault)) return 'a reference is missing';
  const where = err.element ? ` (${err.element})` : '';
  return err.code === '610' ? `something it uses is inactive or missing${where}` : `a reference it uses does not exist${where}`;
}

/** "…books are locked through 2026-01-31…" -> "2026-01-31". */
function closingDateIn(err: QboFault): string | null {
  const m = /through (\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})/.exec(`${err.detail} ${err.message}`);
  return m?.[1] ?? null;
}

function trim(text: string, max = 300): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
