/**
 * One QBO operation (create/update/delete/void/query), shared by the REST routes and batch items.
 * Applies requestid replay and counts stats; faults come back as values, not exceptions.
 */
import { QboFault } from './faults';
import type { EntityOperations } from './entity-operations';
import type { CompanyStore, QboObject } from './company-store';
import { RequestReplay } from './request-replay';
import { runQuery } from './query-run';
import { countEntity, type SimulatorStats } from './stats';
import type { WriteOptions } from './rules-types';

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

export interface ApiCore {
  ops: EntityOperations;
  store: CompanyStore;
  replay: RequestReplay;
  stats: SimulatorStats;
}

export type OperationOutcome =
  | { ok: true; status: number; key: string; value: unknown }
  | { ok: false; fault: QboFault };

function attempt(fn: () => { key: string; value: unknown }): OperationOutcome {
  try {
    const { key, value } = fn();
    return { ok: true, status: 200, key, value };
  } catch (err) {
    if (err instanceof QboFault) return { ok: false, fault: err };
    throw err;
  }
}

export function performWrite(
  core: ApiCore,
  entity: string,
  operation: WriteOperation,
  body: unknown,
  opts: WriteOptions,
  replayKey: string | undefined,
): OperationOutcome {
  if (replayKey) {
    const seen = core.replay.get(replayKey);
    if (seen) return { ok: true, status: seen.status, ...(seen.body as { key: string; value: unknown }) };
  }
  countEntity(core.stats, entity);
  const outcome = attempt(() => {
    let value: QboObject;
    if (operation === 'create') value = core.ops.create(entity, body, opts);
    else if (operation === 'update') value = core.ops.update(entity, body, opts);
    else if (operation === 'delete') value = core.ops.remove(entity, body);
    else value = core.ops.void(entity, body);
    return { key: entity, value };
  });
  if (outcome.ok) {
    if (operation === 'create') core.stats.creates += 1;
    if (replayKey) core.replay.remember(replayKey, { status: outcome.status, body: { key: outcome.key, value: outcome.value } });
  }
  return outcome;
}

export function performQuery(core: ApiCore, text: string): OperationOutcome {
  core.stats.meteredReads += 1;
  return attempt(() => {
    const result = runQuery(core.store, text);
    countEntity(core.stats, result.entity);
    return { key: 'QueryResponse', value: result.body.QueryResponse };
  });
}

export function performRead(core: ApiCore, entity: string, id: string): OperationOutcome {
  core.stats.meteredReads += 1;
  countEntity(core.stats, entity);
  return attempt(() => ({ key: entity, value: core.ops.read(entity, id) }));
}
