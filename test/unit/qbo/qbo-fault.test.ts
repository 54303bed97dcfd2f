import { describe, expect, it } from 'vitest';
import {
  QboFault, QboNetworkError, ReconnectNeededError, isAuth, isClosedPeriod, isDuplicateDocNumber, isDuplicateName, isMissingRef,
  isRetryable, isStale, isThrottle, normalizeCode, parseFault, parseRetryAfter,
} from '../../../main/core/qbo/qbo-fault';

const headers = (values: Record<string, string>) => new Headers(values);

describe('parseFault', () => {
  it('reads a v3 ValidationFault with code, element, message, detail, type and intuit_tid', () => {
    const body = JSON.stringify({
      Fault: { Error: [{ Message: 'Duplicate Document Number Error', Detail: 'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=1001 is assigned to TxnType=Invoice with TxnId=130', code: '6140', element: 'DocNumber' }], type: 'ValidationFault' },
      time: '2026-01-05T10:00:00.000-08:00',
    });
    const fault = parseFault(400, body, headers({ intuit_tid: '1-abc-123' }));
    expect(fault).toBeInstanceOf(QboFault);
    expect(fault).toMatchObject({ code: '6140', element: 'DocNumber', type: 'ValidationFault', intuit_tid: '1-abc-123', httpStatus: 400, message: 'Duplicate Document Number Error' });
    expect(fault.detail).toContain('DocNumber=1001');
    expect(isDuplicateDocNumber(fault)).toBe(true);
    expect(isStale(fault)).toBe(false);
    expect(fault.describe()).toContain('intuit_tid 1-abc-123');
  });

  it('reads lowercase fault/error keys and keeps every error', () => {
    const fault = parseFault(400, { fault: { error: [{ message: 'A', detail: 'a', code: '2500', element: 'AccountRef' }, { message: 'B', code: '6000' }], type: 'ValidationFault' } });
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
    const fault = parseFault(429, { Fault: { Error: [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', code: '003001' }], type: 'ThrottleExceeded' } });
    expect(fault.code).toBe('3001');
    expect(isThrottle(fault)).toBe(true);
    expect(normalizeCode('0610')).toBe('610');
    expect(normalizeCode('AuthenticationFailed')).toBe('AuthenticationFailed');
  });

  it('classifies each business fault and nothing else', () => {
    const make = (code: string, httpStatus = 400) => new QboFault({ code, message: 'x', httpStatus });
    const checks = { isStale, isDuplicateDocNumber, isClosedPeriod, isMissingRef, isDuplicateName };
    const expected: Record<string, keyof typeof checks> = { '5010': 'isStale', '6140': 'isDuplicateDocNumber', '6210': 'isClosedPeriod', '610': 'isMissingRef', '2500': 'isMissingRef', '6240': 'isDuplicateName' };
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
