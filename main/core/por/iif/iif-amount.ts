/** IIF AMOUNT fields to cents, fast for the plain amounts a GL export is made of. */
import { MAX_CENTS, parseCents, type Cents } from '../../money';

/**
 * parseCents for the plain amounts POR writes (`-1234.5`, `12.34`, `7`), without a regex; anything else
 * (and any refusal, for its message) goes to parseCents itself. A property test holds them equal.
 */
export function amountCents(text: string): Cents {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 12) return parseCents(text);
  let cents = whole * 100;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */ || n - i - 1 < 1 || n - i - 1 > 2) return parseCents(text);
    const d1 = text.charCodeAt(i + 1) - 48;
    const d2 = n - i - 1 === 2 ? text.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return parseCents(text);
    cents += d1 * 10 + d2;
  }
  if (cents > MAX_CENTS) return parseCents(text);
  // "-0.00" is zero, never negative zero (as parseCents).
  return negative && cents !== 0 ? -cents : cents;
}
