import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, backoffDelay, networkErrorCode } from '../../../main/core/qbo/retry-policy';

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('grows exponentially with full jitter and a cap', () => {
    expect(backoffDelay(policy, 1, null, () => 1)).toBe(100);
    expect(backoffDelay(policy, 2, null, () => 1)).toBe(200);
    expect(backoffDelay(policy, 4, null, () => 1)).toBe(800);
    expect(backoffDelay(policy, 9, null, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 3, null, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, null, () => 0.5)).toBe(200);
  });

  it('jitter spreads parallel callers', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(policy, 4)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('honours Retry-After (never shorter), capped by maxRetryAfterMs', () => {
    expect(backoffDelay(policy, 1, 3000, () => 0)).toBe(3000);
    expect(backoffDelay(policy, 1, 3000, () => 1)).toBe(3300);
    expect(backoffDelay({ ...policy, maxRetryAfterMs: 5000 }, 1, 3_600_000, () => 0)).toBe(5000);
  });
});

describe('networkErrorCode', () => {
  it('finds the code in undici-style causes and node messages', () => {
    expect(networkErrorCode(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }))).toBe(
      'ECONNRESET',
    );
    expect(
      networkErrorCode(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })),
    ).toBe('UND_ERR_SOCKET');
    expect(networkErrorCode(new Error('socket hang up'))).toBe('ECONNRESET');
    expect(networkErrorCode(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe('TimeoutError');
    expect(networkErrorCode(new Error('Unexpected token < in JSON'))).toBeNull();
    expect(networkErrorCode(null)).toBeNull();
  });
});
