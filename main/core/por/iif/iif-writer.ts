/**
 * Writes GL journals as a POR-style "IIF QuickBooks" GL export: the three header rows, then one
 * TRNS..ENDTRNS block per journal (first line on the TRNS row). Used by the practice store and tests.
 * Reading the output back with readIifText gives the same journals.
 */
import { centsToDecimal } from '../../money';
import type { GlJournal } from '../model';
import { formatIifDate } from './iif-date';
import { quoteIifField } from './iif-fields';

const COLUMNS = ['DATE', 'ACCNT', 'NAME', 'CLASS', 'AMOUNT', 'DOCNUM', 'MEMO'] as const;

export interface IifWriteOptions {
  /** POR runs on Windows: CRLF by default. */
  lineEnding?: '\r\n' | '\n';
}

export function writeIif(journals: readonly GlJournal[], options: IifWriteOptions = {}): string {
  const eol = options.lineEnding ?? '\r\n';
  const out: string[] = [['!TRNS', 'TRNSID', 'TRNSTYPE', ...COLUMNS].join('\t'), ['!SPL', 'SPLID', 'TRNSTYPE', ...COLUMNS].join('\t'), '!ENDTRNS'];
  for (const j of journals) {
    if (j.lines.length === 0) throw new Error(`journal ${j.id} has no lines`);
    j.lines.forEach((line, i) => {
      const row = [
        i === 0 ? 'TRNS' : 'SPL',
        '',
        'GENERAL JOURNAL',
        formatIifDate(j.businessDate),
        line.account,
        line.name ?? '',
        line.className ?? '',
        centsToDecimal(line.amount),
        j.docNumber ?? '',
        line.memo ?? '',
      ];
      out.push(row.map(quoteIifField).join('\t'));
    });
    out.push('ENDTRNS');
  }
  return out.join(eol) + eol;
}
