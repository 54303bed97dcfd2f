/**
 * QBO v3 routes under /v3/company/{realmId}/: entity create/update/delete/void and read, query,
 * batch, companyinfo, preferences. Auth, throttling and fault knobs happen before this (server.ts).
 */
import { faults, QboFault } from './faults';
import { isObject } from './company-context';
import { canonicalEntity } from './entity-operations';
import { type ApiCore, type OperationOutcome, type WriteOperation, performQuery, performRead, performWrite } from './api-operations';
import { runBatch } from './batch';
import { changeDataCapture } from './change-data-capture';
import { answerView } from './answer-view';
import { RequestReplay } from './request-replay';
import type { CompanySettings } from './company-context';

export const MAX_REQUEST_ID = 50;

export interface ApiRequest {
  method: string;
  /** Path segments after /v3/company/{realmId}/ */
  segments: string[];
  params: URLSearchParams;
  bodyText: string;
  time: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** True when the request changed the company (used for "drop after commit"). */
  wrote: boolean;
}

function outcomeResponse(outcome: OperationOutcome, time: string): ApiResponse {
  if (!outcome.ok) return { status: outcome.fault.status, body: outcome.fault.toBody(time), wrote: false };
  return { status: outcome.status, body: { [outcome.key]: outcome.value, time }, wrote: true };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw faults.malformedBody(`Unable to parse the request body: ${(err as Error).message}`);
  }
}

export function handleApi(core: ApiCore, settings: CompanySettings, realmId: string, req: ApiRequest): ApiResponse {
  try {
    return route(core, settings, realmId, req);
  } catch (err) {
    if (err instanceof QboFault) return { status: err.status, body: err.toBody(req.time), wrote: false };
    throw err;
  }
}

function route(core: ApiCore, settings: CompanySettings, realmId: string, req: ApiRequest): ApiResponse {
  const [first = '', second] = req.segments;
  const head = first.toLowerCase();
  const { time } = req;

  if (head === 'query') {
    const text = req.method === 'GET' ? (req.params.get('query') ?? '') : req.bodyText;
    const outcome = performQuery(core, text);
    return { ...outcomeResponse(outcome, time), wrote: false };
  }
  if (head === 'batch' && req.method === 'POST') {
    const requestId = req.params.get('requestid') ?? undefined;
    return { status: 200, body: runBatch(core, parseJson(req.bodyText), requestId, time), wrote: true };
  }
  if (head === 'companyinfo' && req.method === 'GET') {
    return { ...outcomeResponse(performRead(core, 'CompanyInfo', '1'), time), wrote: false };
  }
  if (head === 'cdc' && req.method === 'GET') {
    core.stats.meteredReads += 1;
    return { status: 200, body: { ...changeDataCapture(core.store, req.params, Date.parse(req.time), answerView(settings)), time }, wrote: false };
  }
  if (head === 'preferences' && req.method === 'GET') {
    core.stats.meteredReads += 1;
    return { status: 200, body: { Preferences: preferences(settings), time }, wrote: false };
  }
  const entity = canonicalEntity(first);
  if (!entity) throw faults.unsupportedOperation(`${req.method} /${req.segments.join('/')}`, 'this company');
  if (req.method === 'GET' && second) return { ...outcomeResponse(performRead(core, entity, second), time), wrote: false };
  if (req.method !== 'POST' || second) throw faults.unsupportedOperation(`${req.method} /${req.segments.join('/')}`, entity);

  const requestId = req.params.get('requestid') ?? undefined;
  if (requestId && requestId.length > MAX_REQUEST_ID) throw faults.requestIdTooLong(MAX_REQUEST_ID, requestId.length);
  const body = parseJson(req.bodyText);
  const operationParam = (req.params.get('operation') ?? '').toLowerCase();
  const include = (req.params.get('include') ?? '').toLowerCase();
  let operation: WriteOperation;
  if (operationParam === 'delete') operation = 'delete';
  else if (operationParam === 'void' || (operationParam === 'update' && include === 'void')) operation = 'void';
  else if (operationParam === 'update' || (isObject(body) && body.Id !== undefined)) operation = 'update';
  else if (operationParam === '' || operationParam === 'create') operation = 'create';
  else throw faults.unsupportedOperation(operationParam, entity);
  const opts = { allowDuplicateDocNum: include === 'allowduplicatedocnum' };
  const outcome = performWrite(core, entity, operation, body, opts, requestId ? { key: RequestReplay.single(requestId), requestId } : undefined);
  return outcomeResponse(outcome, time);
}

/**
 * The company preferences the app reads (company-settings-rules.ts enforces them): class tracking
 * (off: both flags false), closing date (BookCloseDate, when set), custom transaction numbers,
 * multicurrency and home currency, automated sales tax (TaxPrefs.PartnerTaxEnabled), and the
 * duplicate-journal-number warning (OtherPrefs WarnDuplicateJournalNumber).
 */
function preferences(settings: CompanySettings): Record<string, unknown> {
  return {
    Id: '1',
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    AccountingInfoPrefs: {
      UseAccountNumbers: true,
      TrackDepartments: true,
      DepartmentTerminology: 'Location',
      ClassTrackingPerTxn: settings.classTracking === 'perTxn',
      ClassTrackingPerTxnLine: settings.classTracking === 'perLine',
      CustomerTerminology: 'Customers',
      ...(settings.closingDate ? { BookCloseDate: settings.closingDate } : {}),
    },
    SalesFormsPrefs: { CustomTxnNumbers: settings.customTxnNumbers, AllowServiceDate: true, AllowDiscount: true },
    CurrencyPrefs: { MultiCurrencyEnabled: settings.multiCurrency, HomeCurrency: { value: settings.homeCurrency } },
    TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: settings.automatedSalesTax },
    OtherPrefs: { NameValue: [{ Name: 'WarnDuplicateJournalNumber', Value: String(settings.duplicateDocNumberCheck) }] },
  };
}
