/**
 * POST /batch: at most 30 items, each a create/update/delete/void with an entity body or a Query,
 * answered per item by bId with the object, a QueryResponse or a Fault. Items are independent.
 */
import { faults } from './faults';
import { isObject, str } from './company-context';
import { canonicalEntity } from './entity-operations';
import { type ApiCore, type OperationOutcome, type ReplayRef, type WriteOperation, performQuery, performWrite } from './api-operations';
import { RequestReplay } from './request-replay';

export const MAX_BATCH_ITEMS = 30;
export const MAX_BATCH_REQUEST_ID = 36;
export const MAX_BATCH_BID = 10;

/** QBO batch knows create, update and delete; a void is an update with optionsData "void". */
const OPERATIONS = new Set(['create', 'update', 'delete']);

export function runBatch(core: ApiCore, body: unknown, requestId: string | undefined, time: string): Record<string, unknown> {
  if (!isObject(body) || !Array.isArray(body.BatchItemRequest)) throw faults.requiredMissing('BatchItemRequest');
  const items = body.BatchItemRequest;
  if (items.length > MAX_BATCH_ITEMS) throw faults.batchTooLarge(items.length);
  if (requestId && requestId.length > MAX_BATCH_REQUEST_ID) throw faults.requestIdTooLong(MAX_BATCH_REQUEST_ID, requestId.length);
  const seen = new Set<string>();
  for (const item of items) {
    const bId = isObject(item) ? str(item.bId) : undefined;
    if (!bId) throw faults.requiredMissing('BatchItemRequest.bId');
    if (seen.has(bId)) throw faults.business(`Duplicate bId "${bId}" in batch request.`, 'bId');
    if (requestId && bId.length > MAX_BATCH_BID) throw faults.stringTooLong('bId', MAX_BATCH_BID, bId.length);
    seen.add(bId);
  }
  if (requestId) {
    const replayedAnswer = replayedBatch(core, requestId, [...seen], time);
    if (replayedAnswer) return replayedAnswer;
  }
  const responses = items.map((raw) => {
    const item = raw as Record<string, unknown>;
    const bId = String(item.bId);
    return toItemResponse(bId, runItem(core, item, requestId ? { key: RequestReplay.batchItem(requestId, bId), requestId } : undefined), time);
  });
  return { BatchItemResponse: responses, time };
}

/**
 * A batch requestid seen before, under the knobs that treat the batch as a whole: 'fault600' refuses
 * it (HTTP 400), 'fault6000' answers every item 6000. Otherwise the batch is recorded as seen and
 * its items replay one by one (requestid + bId). Nothing is done in either refusal.
 */
function replayedBatch(core: ApiCore, requestId: string, bIds: string[], time: string): Record<string, unknown> | undefined {
  const key = RequestReplay.batch(requestId);
  // Item keys too: state files from before batch markers existed.
  const seenBefore = core.replay.has(key) || bIds.some((bId) => core.replay.has(RequestReplay.batchItem(requestId, bId)));
  const mode = core.knobs.requestIdReplay;
  if (seenBefore && mode === 'fault600') throw faults.duplicateRequestId(requestId);
  if (seenBefore && mode === 'fault6000') {
    return { BatchItemResponse: bIds.map((bId) => ({ bId, Fault: faults.replayedBatchItem().toBody(time).Fault })), time };
  }
  if (!core.replay.has(key)) core.replay.remember(key, { status: 200, body: null });
  return undefined;
}

function runItem(core: ApiCore, item: Record<string, unknown>, replay: ReplayRef | undefined): OperationOutcome {
  if (typeof item.Query === 'string') return performQuery(core, item.Query);
  const given = (str(item.operation) ?? '').toLowerCase();
  if (!OPERATIONS.has(given)) {
    return { ok: false, fault: given ? faults.unsupportedOperation(given, 'batch') : faults.requiredMissing('BatchItemRequest.operation') };
  }
  const operation: WriteOperation = given === 'update' && str(item.optionsData)?.toLowerCase() === 'void' ? 'void' : (given as WriteOperation);
  const entityKeys = Object.keys(item).filter((k) => !['bId', 'operation', 'optionsData'].includes(k));
  const entity = entityKeys.length === 1 ? canonicalEntity(entityKeys[0]!) : undefined;
  if (!entity || entity !== entityKeys[0]) {
    return { ok: false, fault: faults.malformedBody(`Batch item must hold exactly one entity; got ${entityKeys.join(', ') || 'none'}`) };
  }
  return performWrite(core, entity, operation, item[entity], { allowDuplicateDocNum: false }, replay);
}

function toItemResponse(bId: string, outcome: OperationOutcome, time: string): Record<string, unknown> {
  if (outcome.ok) return { bId, [outcome.key]: outcome.value };
  return { bId, Fault: outcome.fault.toBody(time).Fault };
}
