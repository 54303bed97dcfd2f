/**
 * History search as people type it: a store's name ("Burbank"), a day as written ("Nov 30", "11/30",
 * "2026-11-30") and an amount ("$4,339.81", "4339.81"). Parsing is pure; the SQL fragment it yields is
 * OR-ed with the plain text match on the outbox table.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface HistorySearchTerms {
  stores: number[];
  /** A full day (YYYY-MM-DD) or a month and day in any year (MM-DD). */
  day: string | null;
  amountCents: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parseDay(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^([a-z]{3})[a-z]*\.? (\d{1,2})(?: (\d{4}))?$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[1]!);
    const day = Number(m[2]);
    if (month >= 0 && day >= 1 && day <= 31) return `${m[3] ? `${m[3]}-` : ''}${pad(month + 1)}-${pad(day)}`;
  }
  m = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return `${m[3] ? `${m[3]}-` : ''}${pad(month)}-${pad(day)}`;
  }
  return null;
}

function parseAmount(text: string): number | null {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '');
  // Whole numbers are document numbers and ids too: an amount has cents or a dollar sign.
  if (!/^\d+\.\d{2}$/.test(t) && !(text.trim().startsWith('$') && /^\d+(\.\d{1,2})?$/.test(t))) return null;
  return Math.round(Number(t) * 100);
}

export function parseHistorySearch(text: string, stores: readonly { store: number; name: string | null }[]): HistorySearchTerms {
  const needle = text.trim().toLowerCase();
  const byName = needle.length >= 2 ? stores.filter((s) => s.name && s.name.toLowerCase().includes(needle)).map((s) => s.store) : [];
  const storeWord = /^store (\d{1,4})$/.exec(needle);
  return {
    stores: storeWord ? [Number(storeWord[1])] : byName,
    day: parseDay(text),
    amountCents: parseAmount(text),
  };
}

/** Extra OR conditions for the outbox table (columns store, business_date, amount_cents); null when none. */
export function historySearchSql(terms: HistorySearchTerms): { sql: string; params: (string | number)[] } | null {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (terms.stores.length) {
    parts.push(`store IN (${terms.stores.map(() => '?').join(', ')})`);
    params.push(...terms.stores);
  }
  if (terms.day) {
    if (terms.day.length === 10) parts.push('business_date = ?');
    else parts.push('substr(business_date, 6, 5) = ?');
    params.push(terms.day);
  }
  if (terms.amountCents !== null) {
    parts.push('amount_cents = ?');
    params.push(terms.amountCents);
  }
  return parts.length ? { sql: parts.join(' OR '), params } : null;
}
