import { describe, expect, it } from 'vitest';
import { RequestIdError, checkBatchId, checkRequestId, contentRequestId } from '../../../main/core/qbo/request-id';

describe('requestid rules', () => {
  it('allows <= 50 chars on a single call and <= 36 on a batch', () => {
    expect(checkRequestId('a'.repeat(50))).toHaveLength(50);
    expect(() => checkRequestId('a'.repeat(51))).toThrow(/at most 50/);
    expect(checkRequestId('a'.repeat(36), 'batch')).toHaveLength(36);
    expect(() => checkRequestId('a'.repeat(37), 'batch')).toThrow(/at most 36/);
    expect(() => checkRequestId('', 'single')).toThrow(RequestIdError);
    expect(() => checkRequestId(undefined)).toThrow(/required/);
    expect(() => checkRequestId('has space')).toThrow(/may only contain/);
    expect(checkRequestId('sandbox:doc-42.r1_x~')).toBe('sandbox:doc-42.r1_x~');
  });

  it('allows bIds of <= 10 chars', () => {
    expect(checkBatchId('b123456789')).toBe('b123456789');
    expect(() => checkBatchId('b1234567890')).toThrow(/at most 10/);
    expect(() => checkBatchId('')).toThrow(/needs a bId/);
  });

  it('derives a stable id from content, independent of key order', () => {
    const a = contentRequestId('b', [{ bId: '1', operation: 'create', JournalEntry: { TxnDate: '2026-01-01', Line: [] } }]);
    const b = contentRequestId('b', [{ JournalEntry: { Line: [], TxnDate: '2026-01-01' }, operation: 'create', bId: '1' }]);
    const c = contentRequestId('b', [{ bId: '2', operation: 'create', JournalEntry: { TxnDate: '2026-01-01', Line: [] } }]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.length).toBeLessThanOrEqual(36);
  });
});
