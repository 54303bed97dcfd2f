/** Runs a parsed query against the company: filter, default Active filter, order, page. */
import { elementType } from '../qbo/schema';
import { faults } from './faults';
import { clone, type CompanyStore, type QboObject } from './company-store';
import { isObject } from './company-context';
import { canonicalEntity } from './entity-operations';
import { type Condition, type ParsedQuery, type QueryValue, parseQuery } from './query-parser';
import type { AnswerView } from './answer-view';

/** Name lists answer only active entries unless the query filters on Active (as QBO does). */
const ACTIVE_FILTERED = new Set(['Account', 'Customer', 'Item', 'Class', 'Department', 'PaymentMethod', 'TaxCode']);

export interface QueryResult {
  entity: string;
  body: Record<string, unknown>;
}

function fieldValue(obj: QboObject, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined;
  return isObject(v) && 'value' in v ? v.value : v;
}

function compare(a: unknown, b: QueryValue, dateTime: boolean): number {
  if (dateTime) return Math.sign(Date.parse(String(a)) - Date.parse(String(b)));
  if (typeof b === 'boolean') return (a === true || a === 'true') === b ? 0 : 1;
  const an = Number(a);
  if (typeof a !== 'boolean' && a !== '' && a !== null && a !== undefined && !Number.isNaN(an) && !Number.isNaN(Number(b))) {
    return Math.sign(an - Number(b));
  }
  // QBO string comparisons ignore case.
  return String(a ?? '')
    .toLowerCase()
    .localeCompare(String(b).toLowerCase());
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function matches(obj: QboObject, cond: Condition, dateTime: boolean): boolean {
  const v = fieldValue(obj, cond.field);
  const first = cond.values[0]!;
  switch (cond.op) {
    case '=':
      return v !== undefined && compare(v, first, dateTime) === 0;
    case '!=':
      return compare(v, first, dateTime) !== 0;
    case '<':
      return v !== undefined && compare(v, first, dateTime) < 0;
    case '>':
      return v !== undefined && compare(v, first, dateTime) > 0;
    case '<=':
      return v !== undefined && compare(v, first, dateTime) <= 0;
    case '>=':
      return v !== undefined && compare(v, first, dateTime) >= 0;
    case 'in':
      return cond.values.some((x) => v !== undefined && compare(v, x, dateTime) === 0);
    case 'like':
      return v !== undefined && likeRegex(String(first)).test(String(v));
  }
}

function assertQueryable(entity: string, field: string): string {
  const type = field === 'Id' ? 'id' : elementType(entity, field);
  if (type === undefined) throw faults.queryValidation(`property '${field}' is not queryable`);
  return type;
}

/** `view` is what answers show of a stored object (answer-view.ts); rows are filtered as shown. */
export function runQuery(store: CompanyStore, text: string, view?: AnswerView): QueryResult {
  const q: ParsedQuery = parseQuery(text);
  const entity = canonicalEntity(q.entity);
  if (!entity) throw faults.queryParse(`Invalid entity "${q.entity}": it is not supported or does not exist.`);
  const types = new Map(q.where.map((c) => [c.field, assertQueryable(entity, c.field)]));
  for (const o of q.orderBy) assertQueryable(entity, o.field);
  for (const f of q.fields ?? []) assertQueryable(entity, f);

  let rows = store.all(entity);
  if (view) rows = rows.map((r) => view(entity, r));
  if (ACTIVE_FILTERED.has(entity) && !q.where.some((c) => c.field === 'Active')) rows = rows.filter((r) => r.Active !== false);
  for (const cond of q.where) rows = rows.filter((r) => matches(r, cond, types.get(cond.field) === 'xs:dateTime'));

  if (q.count) return { entity, body: { QueryResponse: { totalCount: rows.length } } };

  if (q.orderBy.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const o of q.orderBy) {
        const bv = fieldValue(b, o.field);
        const c = compare(fieldValue(a, o.field), (bv ?? '') as QueryValue, false);
        if (c !== 0) return o.desc ? -c : c;
      }
      return Number(a.Id) - Number(b.Id);
    });
  }
  const page = rows.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults).map((r) => project(r, q.fields));
  // QBO omits the entity key and the paging fields when nothing matched.
  if (page.length === 0) return { entity, body: { QueryResponse: {} } };
  return { entity, body: { QueryResponse: { [entity]: page, startPosition: q.startPosition, maxResults: page.length } } };
}

function project(row: QboObject, fields: string[] | null): QboObject {
  if (!fields) return clone(row);
  const out: QboObject = { domain: row.domain, sparse: true, Id: row.Id, SyncToken: row.SyncToken, MetaData: clone(row.MetaData) };
  for (const f of fields) {
    const top = f.split('.')[0]!;
    if (row[top] !== undefined) out[top] = clone(row[top]);
  }
  return out;
}
