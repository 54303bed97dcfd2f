/** IIF dates: `MM/DD/YYYY` or `MM/DD/YY` (QuickBooks also writes single-digit months and days). */
import type { IsoDate } from '../model';
import { makeIsoDate } from '../iso-date';

const IIF_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

export type IifDateResult = { ok: true; date: IsoDate } | { ok: false; reason: string };

/** Two-digit years pivot at 70: `26` is 2026, `99` is 1999 (QuickBooks' own rule of thumb). */
export function parseIifDate(text: string): IifDateResult {
  const m = IIF_DATE.exec(text);
  if (!m) return { ok: false, reason: 'is not a date in the form MM/DD/YYYY or MM/DD/YY' };
  const yy = m[3]!;
  const year = yy.length === 2 ? (Number(yy) < 70 ? 2000 : 1900) + Number(yy) : Number(yy);
  const date = makeIsoDate(year, Number(m[1]), Number(m[2]));
  if (date === null) {
    const dayFirst = Number(m[1]) > 12 && Number(m[2]) <= 12;
    return { ok: false, reason: dayFirst ? 'is not a real calendar date (the month comes first: MM/DD/YYYY)' : 'is not a real calendar date' };
  }
  return { ok: true, date };
}

/** ISO date to the `MM/DD/YYYY` the writer emits. */
export function formatIifDate(date: IsoDate): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;
}
