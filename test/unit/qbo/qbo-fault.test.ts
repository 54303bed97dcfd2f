import { describe, expect, it } from 'vitest';
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
  isNotFound,
  isRetryable,
  isStale,
  isThrottle,
  isUncertainWriteOutcome,
  normalizeCode,
  parseFault,
  parseRetryAfter,
} from '../../../main/core/qbo/qbo-fault';

const headers = (values: Record<string, string>) => new Headers(values);

describe('parseFault', () => {
  it('reads a v3 ValidationFault with code, element, message, detail, type and intuit_tid', () => {
    const body = JSON.stringify({
      Fault: {
        Error: [
          {
            Message: 'Duplicate Document Number Error',
            Detail:
              'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=1001 is assigned to TxnType=Invoice with TxnId=130',
            code: '6140',
            element: 'DocNumber',
          },
        ],
        type: 'ValidationFault',
      },
      time: '2026-01-05T10:00:00.000-08:00',
    });
    const fault = parseFault(400, body, headers({ intuit_tid: '1-abc-123' }));
    expect(fault).toBeInstanceOf(QboFault);
    expect(fault).toMatchObject({
      code: '6140',
      element: 'DocNumber',
      type: 'ValidationFault',
      intuit_tid: '1-abc-123',
      httpStatus: 400,
      message: 'Duplicate Document Number Error',
    });
    expect(fault.detail).toContain('DocNumber=1001');
    expect(isDuplicateDocNumber(fault)).toBe(true);
    expect(isStale(fault)).toBe(false);
    expect(fault.describe()).toContain('intuit_tid 1-abc-123');
  });

  it('reads lowercase fault/error keys and keeps every error', () => {
    const fault = parseFault(400, {
      fault: {
        error: [
          { message: 'A', detail: 'a', code: '2500', element: 'AccountRef' },
          { message: 'B', code: '6000' },
        ],
        type: 'ValidationFault',
      },
    });
    expect(fault.code).toBe('2500');
    expect(fault.errors.map((e) => e.code)).toEqual(['2500', '6000']);
    expect(isMissingRef(fault)).toBe(true);
  });

  it('reads the gateway 401 shape and classifies it as auth', () => {
    const fault = parseFault(401, '{"code":"AuthenticationFailed","type":"INPUT","message":"Token expired","detail":"Token expired: 0"}', null);
    expect(fault).toMatchObject({ code: 'AuthenticationFailed', type: 'INPUT', message: 'Token expired', httpStatus: 401 });
    expect(isAuth(fault)).toBe(true);
  });

  it('reads a throttle 429 with Retry-After and a non-JSON body', () => {
    const fault = parseFault(429, '<html><body><h1>Too Many Requests</h1></body></html>', headers({ 'retry-after': '7' }));
    expect(fault.code).toBe('HTTP_429');
    expect(fault.retryAfterMs).toBe(7000);
    expect(fault.detail).toBe('Too Many Requests');
    expect(isThrottle(fault)).toBe(true);
    expect(isRetryable(fault)).toBe(true);
  });

  it('normalizes zero-padded codes (003001 is 3001)', () => {
    const fault = parseFault(429, {
      Fault: { Error: [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', code: '003001' }], type: 'ThrottleExceeded' },
    });
    expect(fault.code).toBe('3001');
    expect(isThrottle(fault)).toBe(true);
    expect(normalizeCode('0610')).toBe('610');
    expect(normalizeCode('AuthenticationFailed')).toBe('AuthenticationFailed');
  });

  it('classifies each business fault and nothing else', () => {
    const make = (code: string, httpStatus = 400) => new QboFault({ code, message: 'x', httpStatus });
    const checks = { isStale, isDuplicateDocNumber, isClosedPeriod, isMissingRef, isDuplicateName };
    const expected: Record<string, keyof typeof checks> = {
      '5010': 'isStale',
      '6140': 'isDuplicateDocNumber',
      '6210': 'isClosedPeriod',
      '610': 'isMissingRef',
      '2500': 'isMissingRef',
      '6240': 'isDuplicateName',
    };
    for (const [code, name] of Object.entries(expected)) {
      for (const [checkName, check] of Object.entries(checks)) expect(check(make(code)), `${checkName}(${code})`).toBe(checkName === name);
    }
    expect(isRetryable(make('6000'))).toBe(false);
    expect(isRetryable(make('x', 503))).toBe(true);
    expect(isRetryable(new QboNetworkError('ECONNRESET', 'reset'))).toBe(true);
    expect(isAuth(new ReconnectNeededError('gone'))).toBe(true);
    expect(isAuth(make('120', 403))).toBe(true);
    expect(isAuth(make('6000'))).toBe(false);
    expect(isStale(new Error('5010'))).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('takes seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('classification by code, never by detail text (QBO.md, last section)', () => {
  const fault = (code: string, message: string, detail: string, httpStatus = 400) => new QboFault({ code, message, detail, httpStatus });

  it('closed books: 6200 and 6210 by code; 5010 only when its Message says the period is closed', () => {
    expect(isClosedPeriod(fault('6200', 'Account Period Closed, Cannot Update Through Services API', ''))).toBe(true);
    expect(isClosedPeriod(fault('6210', 'Account Period Closed, Cannot Update Through Services API', ''))).toBe(true);
    const closed5010 = fault(
      '5010',
      'Account Period Closed, Cannot Update Through Services API',
      'Stale Object Error : You and another user were working on this at the same time',
    );
    expect(isClosedPeriod(closed5010)).toBe(true);
    expect(isStale(closed5010)).toBe(false);
    // A real stale object whose detail text happens to mention a closed period is still stale.
    const stale = fault('5010', 'Stale Object Error', 'The account period closed yesterday; you and another user were working on this');
    expect(isStale(stale)).toBe(true);
    expect(isClosedPeriod(stale)).toBe(false);
    // The detail text alone never makes a closed period.
    expect(isClosedPeriod(fault('6000', 'A business validation error has occurred', 'Account Period Closed'))).toBe(false);
  });

  it('undo: 610 is done (already gone), 800 is a refusal, whatever the texts say', () => {
    expect(isNotFound(fault('610', 'Object Not Found', ''))).toBe(true);
    expect(isDeleteRefused(fault('800', 'Object cannot be deleted', 'Object cannot be deleted due to existing dependencies'))).toBe(true);
    expect(isNotFound(fault('800', 'Object cannot be deleted', 'not found or deleted'))).toBe(false);
  });

  it('a write whose outcome is unknown: no answer, 5xx, 429, 600; never a definite refusal or a connection never made', () => {
    expect(isUncertainWriteOutcome(new QboNetworkError('UND_ERR_SOCKET', 'socket'))).toBe(true);
    expect(isUncertainWriteOutcome(new QboNetworkError('TimeoutError', 'timeout'))).toBe(true);
    expect(isUncertainWriteOutcome(new QboNetworkError('ECONNREFUSED', 'refused'))).toBe(false);
    expect(isUncertainWriteOutcome(fault('10000', 'x', '', 500))).toBe(true);
    expect(isUncertainWriteOutcome(fault('3001', 'ThrottleExceeded', '', 429))).toBe(true);
    expect(isDuplicateRequest(fault('600', 'Duplicate Request ID', ''))).toBe(true);
    expect(isUncertainWriteOutcome(fault('600', 'Duplicate Request ID', ''))).toBe(true);
    expect(isUncertainWriteOutcome(new QboUncertainError(new QboNetworkError('ECONNRESET', 'reset')))).toBe(true);
    for (const code of ['6000', '6210', '6140', '2500', '610']) expect(isUncertainWriteOutcome(fault(code, 'x', ''))).toBe(false);
  });
});
