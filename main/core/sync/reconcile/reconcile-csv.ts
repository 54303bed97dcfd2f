/**
 * Reconciliation as CSV (RFC 4180: comma separated, CRLF, quotes doubled), one row per store, day and
 * account, amounts as plain decimals so spreadsheets sum them exactly. `note` says why POR's side holds
 * what the app refused; a refusal with no readable day gets a row of its own with no date.
 */
import { centsToDecimal } from '../../money';
import type { ReconcileReport } from './reconcile';

const HEADER = ['store', 'date', 'account', 'por_accounts', 'por_amount', 'qbo_amount', 'difference', 'status', 'note'];

export function reconcileCsv(report: ReconcileReport): string {
  const lines = [HEADER.join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        r.store === null ? '' : String(r.store),
        r.date,
        r.accountLabel,
        r.porAccounts.join(' '),
        centsToDecimal(r.porCents),
        centsToDecimal(r.qboCents),
        centsToDecimal(r.differenceCents),
        r.match ? 'match' : 'difference',
        (r.notes ?? []).join(' | '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  for (const r of (report.refused ?? []).filter((x) => x.date === null)) {
    lines.push([r.store === null ? '' : String(r.store), '', 'POR input refused (day unknown)', '', '', '', '', 'difference', r.note].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  // Leading = + - @ would be run as a formula by spreadsheet apps: keep text as text.
  const safe = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
