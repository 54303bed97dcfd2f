/**
 * POR names GL exports `PRyymmdd` (daily) and `PRyymmMONTHLYONLY` (monthly). Any extension is fine, and so is
 * a suffix after a separator, because Windows renames copies (`PR260314 (2).iif`) and staff add notes.
 */
import type { IsoDate } from '../model';
import { makeIsoDate, daysInMonth } from '../iso-date';

export interface IifFileName {
  /** False when the name does not follow POR's pattern (the file is still read, as a daily export). */
  recognised: boolean;
  period: 'daily' | 'monthly';
  /** The day (daily) or the month's last day (monthly) named by the file, when the name is a real date. */
  fileDate: IsoDate | null;
}

const NAME = /^PR(\d{2})(\d{2})(?:(MONTHLYONLY)|(\d{2}))(?=$|[.\s_(-])/i;

export function parseIifFileName(fileName: string): IifFileName {
  const m = NAME.exec(fileName.trim());
  if (!m) return { recognised: false, period: 'daily', fileDate: null };
  const year = 2000 + Number(m[1]);
  const month = Number(m[2]);
  if (m[3]) {
    const last = month >= 1 && month <= 12 ? makeIsoDate(year, month, daysInMonth(year, month)) : null;
    return { recognised: last !== null, period: 'monthly', fileDate: last };
  }
  const date = makeIsoDate(year, month, Number(m[4]));
  return { recognised: date !== null, period: 'daily', fileDate: date };
}
