/**
 * QBO-shaped faults. Messages and codes follow what QBO returns (see shared/spec/QBO.md) so the
 * app's fault parsing and "what to do" advice are exercised against realistic text.
 */
import type { QboFaultBody } from '../qbo/entities';

export type FaultType = 'ValidationFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'SystemFault' | 'SERVICE';

/** Thrown inside request handling; the router turns it into an HTTP response. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly faultMessage: string,
    readonly detail: string,
    readonly element = '',
    readonly type: FaultType = 'ValidationFault',
  ) {
    super(`${code} ${faultMessage}: ${detail}`);
    this.name = 'QboFault';
  }

  toBody(time: string): QboFaultBody {
    return {
      Fault: { Error: [{ Message: this.faultMessage, Detail: this.detail, code: this.code, element: this.element }], type: this.type },
      time,
    };
  }
}

const PERIOD_CLOSED_MESSAGE = 'Account Period Closed, Cannot Update Through Services API';

const validation = (code: string, message: string, detail: string, element = ''): QboFault => new QboFault(400, code, message, detail, element);

export const faults = {
  unsupportedProperty: (element: string, javaClass: string) =>
    validation(
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:Unrecognized field "${element}" (class com.intuit.schema.finance.v3.${javaClass}), not marked as ignorable specified is unsupported or invalid`,
      element,
    ),
  malformedBody: (why: string) => validation('2010', 'Request has invalid or unsupported property', `Property Name:${why} specified is unsupported or invalid`),
  badEnum: (element: string, value: string) => validation('2170', 'Invalid Enumeration', `Invalid Enumeration : ${value} is not valid for ${element}`, element),
  requiredMissing: (path: string) =>
    validation('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${path} is missing in the request`, path),
  stringTooLong: (element: string, max: number, length: number) =>
    validation(
      '2050',
      'String length is either shorter or longer than supported by specification',
      `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${length}`,
      element,
    ),
  invalidReference: (entityPlural: string, id: string, element: string) =>
    validation('2500', 'Invalid Reference Id', `Invalid Reference Id : ${entityPlural} element id ${id} not found`, element),
  objectNotFound: (element = '') =>
    validation(
      '610',
      'Object Not Found',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      element,
    ),
  linkedTxnInvalid: (detail: string) =>
    validation('620', 'TxnID Cannot Be Linked', `TxnID Cannot Be Linked : Cannot validate linked transactions: ${detail}`, 'LinkedTxn'),
  stale: () =>
    validation(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and Practice Admin were working on this at the same time. Practice Admin finished before you did, so your work was not saved.',
      'SyncToken',
    ),
  business: (detail: string, element = '') =>
    validation('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element),
  amountMismatch: (amount: string) =>
    validation('6070', 'Amount is not equal to UnitPrice * Qty', `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`, 'Amount'),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    validation(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
      'DocNumber',
    ),
  subscriptionEnded: () =>
    validation(
      '6190',
      'Invalid Company Status',
      "Subscription period has ended or canceled or there was a billing problem : You can't add data to QuickBooks Online Plus because your trial or subscription period ended, you canceled your subscription, or there was a billing problem.",
    ),
  /**
   * A change dated in closed books. 6210 is what the simulator always answered; 6200 is Intuit's listed
   * code; 5010 was reported from the field with this Message, and here gets a stale-object Detail that
   * does not say "closed", so only code + Message together identify it (knob closedBooksFault).
   */
  periodClosed: (closingDate: string, code: '6210' | '6200' | '5010' = '6210') =>
    code === '5010'
      ? validation(
          '5010',
          PERIOD_CLOSED_MESSAGE,
          'Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved.',
        )
      : validation(
          code,
          PERIOD_CLOSED_MESSAGE,
          `The account period has closed and the books are locked through ${closingDate}. You can't add, change or delete transactions dated on or before the closing date.`,
          'TxnDate',
        ),
  /** A delete/void refused because other transactions depend on the object (knob undoRefusal). */
  cannotDelete: () => validation('800', 'Object cannot be deleted', 'Object cannot be deleted due to existing dependencies'),
  /** A repeated requestid refused outright (knob requestIdReplay 'fault600'). */
  duplicateRequestId: (requestId: string) =>
    validation('600', 'Duplicate Request ID', `Duplicate Request ID : A request with requestid ${requestId} was already received.`, 'requestid'),
  /** Each item of a replayed batch, as reported in quickbooks-ruby PR #344 (knob requestIdReplay 'fault6000'). */
  replayedBatchItem: () =>
    validation(
      '6000',
      'A business validation error has occurred while processing your request',
      'Business Validation Error: An unexpected error occurred while processing the request',
    ),
  duplicateName: (existingId: string) => validation('6240', 'Duplicate Name Exists Error', `The name supplied already exists. : Id=${existingId}`, 'Name'),
  unsupportedOperation: (operation: string, entity: string) =>
    validation('500', 'Unsupported Operation', `Operation ${operation} is not supported for ${entity}.`),
  queryParse: (detail: string) => validation('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => validation('4001', 'Invalid query', `QueryValidationError: ${detail}`),
  requestIdTooLong: (max: number, length: number) =>
    validation('2050', 'Invalid requestid', `requestid must be at most ${max} characters; got ${length}`, 'requestid'),
  batchTooLarge: (count: number) => validation('1000', 'Batch request exceeded maximum allowed size', `Batch can contain at most 30 items; got ${count}`),
  serverError: () =>
    new QboFault(
      500,
      '10000',
      'An application error has occurred while processing your request',
      'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.',
      '',
      'SystemFault',
    ),
  serviceUnavailable: (status: number) =>
    new QboFault(
      status,
      '10000',
      'An application error has occurred while processing your request',
      `System Failure Error: Service temporarily unavailable (HTTP ${status}). Please try again.`,
      '',
      'SystemFault',
    ),
  throttled: () =>
    new QboFault(429, '003001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.  Try again later', '', 'SERVICE'),
  realmMismatch: () =>
    new QboFault(
      401,
      '100',
      'General Authentication Error',
      'AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401',
      '',
      'AuthenticationFault',
    ),
};
