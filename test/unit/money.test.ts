import { describe, expect, it } from 'vitest';
import { centsToDecimal, parseCents } from '../../main/core/money';

describe('money', () => {
  it('parses decimals to integer cents', () => {
    expect(parseCents('1080.00')).toBe(108000);
    expect(parseCents('-80')).toBe(-8000);
    expect(parseCents('0.1')).toBe(10);
    expect(parseCents('-0.00')).toBe(0);
    expect(Object.is(parseCents('-0.00'), -0)).toBe(false);
  });
  it('rejects what is not a plain amount, saying why', () => {
    expect(() => parseCents('1,080.00')).toThrow(/thousands separators/);
    expect(() => parseCents('1.005')).toThrow(/two decimals/);
    expect(() => parseCents('1e5')).toThrow(/expected digits/);
    expect(() => parseCents('9999999999999.00')).toThrow(/too large/);
  });
  it('formats cents without float error', () => {
    expect(centsToDecimal(-1230)).toBe('-12.30');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(30)).toBe('0.30');
  });
});
