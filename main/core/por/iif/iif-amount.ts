/** IIF AMOUNT fields to cents, fast for the plain amounts a GL export is made of. */
import { MAX_CENTS, MoneyParseError, parseCents, type Cents } from '../../money';

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

/** Thousands separators every three digits, exactly: `5,402.18`, `-1,234,567`; never `54,02.18`. */
const GROUPED = /^(-?)(\d{1,3}(?:,\d{3})+)(\.\d{1,2})?$/;
/** A leading dot, as QuickBooks and POR write cents: `.50`, `-.5`. */
const LEADING_DOT = /^(-?)(\.\d{1,2})$/;

/**
 * The plain form of an amount POR wrote in one of the forms whose meaning is unambiguous (POR.md, end of
 * input 2), or null. Thousands separators only in a quoted field, where a spreadsheet-style writer put them:
 * an unquoted `1,080.00` stays refused, as it always was.
 */
export function relaxedIifAmount(text: string, quoted: boolean): string | null {
  const dot = LEADING_DOT.exec(text);
  if (dot) return `${dot[1]}0${dot[2]}`;
  if (!quoted) return null;
  const grouped = GROUPED.exec(text);
  return grouped ? `${grouped[1]}${grouped[2]!.replace(/,/g, '')}${grouped[3] ?? ''}` : null;
}

/** An IIF AMOUNT to cents: the plain forms exactly as parseCents reads them, then the relaxed forms above. */
export function iifAmountCents(text: string, quoted: boolean): Cents {
  try {
    return amountCents(text);
  } catch (err) {
    if (!(err instanceof MoneyParseError)) throw err;
    const plain = relaxedIifAmount(text, quoted);
    if (plain === null) throw err;
    return parseCents(plain);
  }
}
