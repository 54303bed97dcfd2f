/** Exact cent arithmetic for the practice store: quantities and rates are decimal strings, never floats. */
import type { Cents } from '../../money';

/** A decimal string as a fraction: "0.1025" -> 1025/10000, "1.5" -> 15/10. */
export function decimalFraction(text: string): { num: number; den: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  const den = 10 ** frac.length;
  const num = Number(m[2]) * den + (frac === '' ? 0 : Number(frac));
  return { num: m[1] ? -num : num, den };
}

/** round(cents * text), half away from zero, in integers only. */
export function multiplyCents(cents: Cents, decimal: string): Cents {
  const { num, den } = decimalFraction(decimal);
  const product = cents * num;
  const sign = product < 0 ? -1 : 1;
  const abs = Math.abs(product);
  const result = sign * Math.floor((2 * abs + den) / (2 * den));
  return result === 0 ? 0 : result;
}
