import { describe, expect, it } from 'vitest';
import { QboFault, QboNetworkError, ReconnectNeededError } from '../../../main/core/qbo/qbo-fault';
import { adviseFault } from '../../../main/core/sync/engine/fault-advice';

const fault = (code: string, extra: Partial<ConstructorParameters<typeof QboFault>[0]> = {}) =>
  new QboFault({ code, message: `message ${code}`, detail: `detail ${code}`, type: 'ValidationFault', httpStatus: 400, ...extra });

describe('adviseFault', () => {
  it.each([
    ['429 throttled', new QboFault({ code: '3001', message: 'ThrottleExceeded', httpStatus: 429, type: 'ThrottleExceeded' }), 'retry'],
    ['500 server', new QboFault({ code: '10000', message: 'boom', httpStatus: 500, type: 'SystemFault' }), 'retry'],
    ['network reset', new QboNetworkError('ECONNRESET', 'reset'), 'retry'],
    ['401 gone', new ReconnectNeededError('invalid_grant'), 'reconnect'],
    ['6190 subscription', fault('6190'), 'stop'],
    ['6140 duplicate number', fault('6140'), 'lookupDocNumber'],
    ['6240 duplicate name', fault('6240'), 'reuseName'],
    ['5010 stale', fault('5010'), 'reread'],
    ['610 inactive', fault('610', { element: 'AccountRef' }), 'refreshReferences'],
    ['2500 bad reference', fault('2500'), 'refreshReferences'],
    ['6210 closed period', fault('6210'), 'fail'],
    ['6000 business', fault('6000'), 'fail'],
    ['2020 required', fault('2020', { element: 'Line' }), 'fail'],
  ])('%s -> %s', (_name, err, action) => {
    const advice = adviseFault(err, { what: 'journal entry PR1', txnDate: '2026-03-14', docNumber: 'PR1' });
    expect(advice.action).toBe(action);
    expect(advice.message.length).toBeGreaterThan(10);
  });

  it('6210 names the date, the closing date and where to change it', () => {
    const err = fault('6210', { detail: 'The account period has closed and the books are locked through 2026-02-28. You cannot ...' });
    const advice = adviseFault(err, { what: 'journal entry PR260314-1', txnDate: '2026-03-14' });
    expect(advice.message).toContain('dated 2026-03-14');
    expect(advice.message).toContain('through 2026-02-28');
    expect(advice.fix).toContain('Close the books');
    expect(advice.qboCode).toBe('6210');
  });

  it('keeps intuit_tid for support and never echoes a request body', () => {
    const advice = adviseFault(fault('6000', { intuit_tid: '1-abc' }), { what: 'invoice 1001' });
    expect(advice.intuitTid).toBe('1-abc');
    expect(advice.fix).toContain('detail 6000');
  });

  it('an unknown error says to retry, without a QBO code', () => {
    const advice = adviseFault(new Error('disk full'));
    expect(advice).toMatchObject({ action: 'fail', qboCode: null });
    expect(advice.message).toContain('disk full');
  });
});
