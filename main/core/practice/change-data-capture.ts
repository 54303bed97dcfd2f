/**
 * GET /cdc?entities=A,B&changedSince=ISO: what changed (including deletions) since a moment at most
 * 30 days back, at most 1000 objects in all, as QBO answers it.
 */
import { faults } from './faults';
import { clone, type CompanyStore, type QboObject } from './company-store';
import { canonicalEntity } from './entity-operations';
import { isObject } from './company-context';
import type { AnswerView } from './answer-view';

const MAX_DAYS = 30;
const MAX_OBJECTS = 1000;

function updatedAt(o: QboObject): number {
  return isObject(o.MetaData) ? Date.parse(String(o.MetaData.LastUpdatedTime)) : Number.NaN;
}

export function changeDataCapture(store: CompanyStore, params: URLSearchParams, now: number, view?: AnswerView): Record<string, unknown> {
  const names = (params.get('entities') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw faults.requiredMissing('entities');
  const sinceText = params.get('changedSince') ?? '';
  const since = Date.parse(sinceText);
  if (!sinceText || Number.isNaN(since)) throw faults.requiredMissing('changedSince');
  if (now - since > MAX_DAYS * 86_400_000) {
    throw faults.queryValidation(`changedSince must be within the last ${MAX_DAYS} days; got ${sinceText}`);
  }
  let budget = MAX_OBJECTS;
  const responses = names.map((name) => {
    const entity = canonicalEntity(name);
    if (!entity) throw faults.queryParse(`Invalid entity "${name}" in entities`);
    const changed = [...store.all(entity), ...store.deleted(entity)]
      .filter((o) => updatedAt(o) > since)
      .sort((a, b) => updatedAt(a) - updatedAt(b))
      .slice(0, Math.max(0, budget))
      .map((o) => clone(view ? view(entity, o) : o));
    budget -= changed.length;
    return changed.length === 0 ? {} : { [entity]: changed, startPosition: 1, maxResults: changed.length };
  });
  return { CDCResponse: [{ QueryResponse: responses }] };
}
