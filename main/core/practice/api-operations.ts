/**
 * One QBO operation (create/update/delete/void/query), shared by the REST routes and batch items.
 * Applies requestid replay (as the requestIdReplay knob says) and counts stats; faults come back as
 * values, not exceptions. Answers pass through answerView (knobs that hide fields).
 */
import { QboFault, faults } from './faults';
import type { EntityOperations } from './entity-operations';
import type { CompanyStore, QboObject } from './company-store';
import type { FaultKnobs } from './fault-knobs';
import { answerView } from './answer-view';
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
  /** The live knobs (requestIdReplay and the answer-view knobs are read on every request). */
  knobs: FaultKnobs;
}

/** A write's requestid: the memory key (single, or batch requestid + bId) and the id as sent. */
export interface ReplayRef {
  key: string;
  requestId: string;
}

export type OperationOutcome = { ok: true; status: number; key: string; value: unknown } | { ok: false; fault: QboFault };

function attempt(fn: () => { key: string; value: unknown }): OperationOutcome {
  try {
    const { key, value } = fn();
    return { ok: true, status: 200, key, value };
  } catch (err) {
    if (err instanceof QboFault) return { ok: false, fault: err };
    throw err;
  }
}

function viewed(core: ApiCore, entity: string, value: unknown): unknown {
  return value && typeof value === 'object' ? answerView(core.knobs)(entity, value as QboObject) : value;
}

/** What a repeated requestid gets instead of running again, or undefined to run it. */
function replayed(core: ApiCore, replay: ReplayRef): OperationOutcome | undefined {
  const mode = core.knobs.requestIdReplay;
  if (mode === 'ignored') return undefined;
  const seen = core.replay.get(replay.key);
  if (!seen) return undefined;
  if (mode === 'fault600') return { ok: false, fault: faults.duplicateRequestId(replay.requestId) };
  if (!seen.faulted) {
    const original = seen.body as { key: string; value: unknown };
    return { ok: true, status: seen.status, key: original.key, value: viewed(core, original.key, original.value) };
  }
  if (mode === 'cacheFaults') return { ok: false, fault: RequestReplay.faultOf(seen) };
  return undefined; // 'original' / 'fault6000': a faulted request runs again
}

export function performWrite(
  core: ApiCore,
  entity: string,
  operation: WriteOperation,
  body: unknown,
  opts: WriteOptions,
  replay: ReplayRef | undefined,
): OperationOutcome {
  if (replay) {
    const answer = replayed(core, replay);
    if (answer) return answer;
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
    // Remembered as stored; the answer view applies on the way out, also to replays.
    if (replay) core.replay.remember(replay.key, { status: outcome.status, body: { key: outcome.key, value: outcome.value } });
    return { ...outcome, value: viewed(core, outcome.key, outcome.value) };
  }
  if (replay) core.replay.rememberFault(replay.key, outcome.fault);
  return outcome;
}

export function performQuery(core: ApiCore, text: string): OperationOutcome {
  core.stats.meteredReads += 1;
  return attempt(() => {
    const result = runQuery(core.store, text, answerView(core.knobs));
    countEntity(core.stats, result.entity);
    return { key: 'QueryResponse', value: result.body.QueryResponse };
  });
}

export function performRead(core: ApiCore, entity: string, id: string): OperationOutcome {
  core.stats.meteredReads += 1;
  countEntity(core.stats, entity);
  return attempt(() => ({ key: entity, value: viewed(core, entity, core.ops.read(entity, id)) }));
}
