/** The reader's regex-free amount parser must agree with parseCents on every input: value or exact error. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCents } from '../../../main/core/money';
import { amountCents } from '../../../main/core/por/iif/iif-amount';

function outcome(parse: (t: string) => number, text: string): { value: number } | { error: string } {
  try {
    const value = parse(text);
    return { value: Object.is(value, -0) ? Number.NaN : value }; // -0 must never come out
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

describe('IIF amounts', () => {
  it('agrees with parseCents on plain, odd and refused amounts', () => {
    const samples = [
      '0',
      '-0',
      '-0.00',
      '0.5',
      '12.3',
      '12.34',
      '-1234.56',
      '00012',
      '999999999999.99',
      '-999999999999.99',
      '9999999999999',
      '1,000.00',
      '1.234',
      '1.',
      '.5',
      '-',
      '--1',
      '+1',
      ' 1',
      '1 ',
      '1e3',
      '١٢',
      '',
      '12.3a',
      '0x10',
      '99999999999.99',
    ];
    for (const s of samples) expect(outcome(amountCents, s), s).toEqual(outcome(parseCents, s));
  });

  it('agrees with parseCents on random text made of amount characters (property)', () => {
    const chars = fc.constantFrom('0', '1', '5', '9', '.', '-', ',', ' ', 'e', '+');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 18 }).map((a) => a.join('')),
        (s) => {
          expect(outcome(amountCents, s)).toEqual(outcome(parseCents, s));
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.constantFrom(0, 1, 2), (neg, n, decimals) => {
        const digits = n.toString();
        const text = `${neg ? '-' : ''}${decimals ? `${digits.slice(0, -decimals) || '0'}.${digits.slice(-decimals).padStart(decimals, '0')}` : digits}`;
        expect(outcome(amountCents, text)).toEqual(outcome(parseCents, text));
      }),
      { numRuns: 3000 },
    );
  });
});
