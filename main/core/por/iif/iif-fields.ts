/**
 * One IIF line to its fields. Tab-separated; a field that starts with `"` runs to the next lone `"` and may
 * contain tabs, with `""` for a literal quote. A quote inside an unquoted field is just a character
 * (`12" pipe`). The fast path (no quote on the line) is a plain split: most rows have none.
 */
export interface SplitLine {
  fields: string[];
  /** A quoted field never closed: the rest of the line went into it. */
  unterminatedQuote: boolean;
  /** Indexes of the fields that were quoted (an amount may carry thousands separators only there). */
  quoted: number[];
}

const NONE_QUOTED: number[] = [];

export function splitIifLine(line: string): SplitLine {
  if (!line.includes('"')) return { fields: line.split('\t'), unterminatedQuote: false, quoted: NONE_QUOTED };
  const fields: string[] = [];
  const quoted: number[] = [];
  let unterminatedQuote = false;
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      quoted.push(fields.length);
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const q = line.indexOf('"', j);
        if (q < 0) break;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        value += line.slice(j);
        unterminatedQuote = true;
        fields.push(value);
        return { fields, unterminatedQuote, quoted };
      }
      // Anything between the closing quote and the next tab is kept as written.
      const tab = line.indexOf('\t', j);
      value += tab < 0 ? line.slice(j) : line.slice(j, tab);
      fields.push(value);
      if (tab < 0) return { fields, unterminatedQuote, quoted };
      i = tab + 1;
    } else {
      const tab = line.indexOf('\t', i);
      if (tab < 0) {
        fields.push(line.slice(i));
        return { fields, unterminatedQuote, quoted };
      }
      fields.push(line.slice(i, tab));
      i = tab + 1;
    }
  }
}

/** Quote a field for writing when it needs it (tab, quote, or leading/trailing space). */
export function quoteIifField(value: string): string {
  if (!/[\t"\r\n]|^\s|\s$/.test(value)) return value;
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/"/g, '""')}"`;
}
