/**
 * Money is integer cents end to end. Parsing is strict: a decimal string with at most two decimals,
 * an optional leading minus, no thousands separators, no exponent. Formatting happens only at the edge.
 */
import { AppError } from './app-error';
export type Cents = number;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;
/** Largest amount we accept: QBO's own limit is far below Number.MAX_SAFE_INTEGER cents. */
export const MAX_CENTS = 99_999_999_999_99; // 99,999,999,999.99

export class MoneyParseError extends AppError {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super('invalid-input', `"${input}" is not an amount: ${reason}`);
    this.name = 'MoneyParseError';
  }
}

export function parseCents(input: string): Cents {
  const text = input.trim();
  const m = DECIMAL.exec(text);
  if (!m) {
    if (/\d,\d{3}/.test(text)) throw new MoneyParseError(input, 'thousands separators are not allowed');
    if (/\.\d{3,}$/.test(text)) throw new MoneyParseError(input, 'more than two decimals');
    throw new MoneyParseError(input, 'expected digits with at most two decimals, like 1234.56');
  }
  const whole = m[2]!;
  if (whole.length > 12) throw new MoneyParseError(input, 'too large');
  const frac = (m[3] ?? '').padEnd(2, '0');
  const cents = Number(whole) * 100 + Number(frac);
  if (cents > MAX_CENTS) throw new MoneyParseError(input, 'too large');
  // "-0.00" is zero, never negative zero.
  return m[1] && cents !== 0 ? -cents : cents;
}

/** Cents to the decimal string QBO and POR use ("-12.30"). */
export function centsToDecimal(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents to a JSON number with two decimals for QBO bodies (QBO takes decimals, we never do float math on them). */
export function centsToAmount(cents: Cents): number {
  return Number(centsToDecimal(cents));
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
/** For display only. */
export function formatCents(cents: Cents): string {
  return usd.format(cents / 100);
}
