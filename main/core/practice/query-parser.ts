/**
 * The QBO query language subset the app uses:
 *   select * | count(*) | a, b from Entity [where cond and cond ...] [orderby f [asc|desc], ...]
 *   [startposition N] [maxresults N]
 * with cond := field (= | < | > | <= | >= | !=) value | field in (v, ...) | field like 'x%'.
 * No OR, JOIN or GROUP BY, as in QBO. Strings are single-quoted; an apostrophe inside is \' or ''.
 */
import { faults } from './faults';

export type QueryValue = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | '!=' | 'in' | 'like';

export interface Condition {
  field: string;
  op: Operator;
  values: QueryValue[];
}

export interface ParsedQuery {
  entity: string;
  count: boolean;
  /** null means "*" */
  fields: string[] | null;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition: number;
  maxResults: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; value?: QueryValue };

export const MAX_RESULTS = 1000;
const DEFAULT_MAX_RESULTS = 100;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw faults.queryParse('Encountered an unterminated string literal');
        const ch = text[i]!;
        if (ch === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (ch === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === "'") {
          i += 1;
          break;
        } else {
          value += ch;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text: value, value });
    } else if (/[-\d]/.test(c) && /^-?\d/.test(text.slice(i, i + 2))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      const sym = ['<=', '>=', '!=', '<>'].includes(two) ? two : c;
      if (!'()*,=<>'.includes(sym[0]!)) throw faults.queryParse(`Encountered " "${c}" at line 1, column ${i + 1}.`);
      tokens.push({ kind: 'symbol', text: sym === '<>' ? '!=' : sym });
      i += sym.length;
    }
  }
  return tokens;
}

export function parseQuery(text: string): ParsedQuery {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (w: string): boolean => peek()?.kind === 'word' && peek()!.text.toLowerCase() === w;
  const expectWord = (w: string): void => {
    if (!isWord(w)) throw faults.queryParse(`Encountered "${peek()?.text ?? '<EOF>'}"; expected "${w}".`);
    pos += 1;
  };
  const expectSymbol = (s: string): void => {
    if (peek()?.text !== s) throw faults.queryParse(`Encountered "${peek()?.text ?? '<EOF>'}"; expected "${s}".`);
    pos += 1;
  };
  const field = (): string => {
    const t = peek();
    if (t?.kind !== 'word') throw faults.queryParse(`Encountered "${t?.text ?? '<EOF>'}"; expected a property name.`);
    pos += 1;
    return t.text;
  };
  const value = (): QueryValue => {
    const t = peek();
    pos += 1;
    if (t?.kind === 'string' || t?.kind === 'number') return t.value!;
    if (t?.kind === 'word' && ['true', 'false'].includes(t.text.toLowerCase())) return t.text.toLowerCase() === 'true';
    throw faults.queryParse(`Encountered "${t?.text ?? '<EOF>'}"; expected a value.`);
  };
  const integer = (): number => {
    const t = peek();
    pos += 1;
    if (t?.kind !== 'number' || !Number.isInteger(t.value)) throw faults.queryParse(`Encountered "${t?.text ?? '<EOF>'}"; expected a number.`);
    return t.value as number;
  };

  expectWord('select');
  let count = false;
  let fields: string[] | null = null;
  if (peek()?.text === '*') pos += 1;
  else if (isWord('count')) {
    pos += 1;
    expectSymbol('(');
    expectSymbol('*');
    expectSymbol(')');
    count = true;
  } else {
    fields = [field()];
    while (peek()?.text === ',') {
      pos += 1;
      fields.push(field());
    }
  }
  expectWord('from');
  const entity = field();
  const where: Condition[] = [];
  if (isWord('where')) {
    pos += 1;
    do {
      if (where.length > 0) pos += 1; // "and"
      const f = field();
      const t = peek();
      if (isWord('in')) {
        pos += 1;
        expectSymbol('(');
        const values = [value()];
        while (peek()?.text === ',') {
          pos += 1;
          values.push(value());
        }
        expectSymbol(')');
        where.push({ field: f, op: 'in', values });
      } else if (isWord('like')) {
        pos += 1;
        where.push({ field: f, op: 'like', values: [value()] });
      } else if (t?.kind === 'symbol' && ['=', '<', '>', '<=', '>=', '!='].includes(t.text)) {
        pos += 1;
        where.push({ field: f, op: t.text as Operator, values: [value()] });
      } else {
        throw faults.queryParse(`Encountered "${t?.text ?? '<EOF>'}" after "${f}"; expected an operator.`);
      }
      if (isWord('or')) throw faults.queryParse('Encountered "or"; OR is not supported.');
    } while (isWord('and'));
  }
  const orderBy: { field: string; desc: boolean }[] = [];
  if (isWord('orderby') || isWord('order')) {
    if (isWord('order')) {
      pos += 1;
      expectWord('by');
    } else pos += 1;
    do {
      if (orderBy.length > 0) pos += 1; // ","
      const f = field();
      let desc = false;
      if (isWord('desc') || isWord('asc')) {
        desc = isWord('desc');
        pos += 1;
      }
      orderBy.push({ field: f, desc });
    } while (peek()?.text === ',');
  }
  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  while (isWord('startposition') || isWord('maxresults')) {
    const which = peek()!.text.toLowerCase();
    pos += 1;
    const n = integer();
    if (which === 'startposition') startPosition = Math.max(1, n);
    else maxResults = n;
  }
  if (pos < tokens.length) throw faults.queryParse(`Encountered "${tokens[pos]!.text}" at the end of the query.`);
  if (maxResults < 1) throw faults.queryValidation(`maxresults must be at least 1; got ${maxResults}`);
  // QBO never returns more than 1000 rows a page.
  maxResults = Math.min(maxResults, MAX_RESULTS);
  return { entity, count, fields, where, orderBy, startPosition, maxResults };
}
