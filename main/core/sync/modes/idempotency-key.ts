/**
 * Idempotency keys: the same documents at the same revisions, planned in the same mode, always give the
 * same key (so planning again is a no-op in the outbox), and any new revision gives a new key. Readable
 * prefix for people and logs, hash for exactness. The environment is part of every key so a sandbox row
 * can never be mistaken for a production one.
 */
import { createHash } from 'node:crypto';
import type { Environment } from '../../environment';
import type { ExportMode } from '../../ledger/env-settings';
import type { IsoDate } from '../../por/model';
import type { CustomerSym, ItemSym, JobKind } from './draft-types';
import type { CoveredPart } from './export-parts';

/** Which rule produced a job: the EOD batch, a GL block, a real-time entry, a transaction, or an ensure. */
export type JobPath = 'batch' | 'glJournal' | 'realtime' | 'transaction' | 'ensure';

function hash(text: string, length = 20): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export interface PostingKeyInput {
  environment: Environment;
  mode: ExportMode;
  path: Exclude<JobPath, 'ensure'>;
  kind: JobKind;
  store: number;
  businessDate: IsoDate;
  /** Set for jobs about one document (real-time, transaction, GL block) to make the key readable. */
  anchor: string | null;
  covers: readonly CoveredPart[];
}

export function postingJobKey(k: PostingKeyInput): string {
  const parts = [...k.covers].map((c) => `${c.key}@${c.revision}`).sort();
  const digest = hash([k.environment, k.mode, k.path, k.kind, String(k.store), k.businessDate, ...parts].join('\n'));
  const anchor = k.anchor === null ? '' : `/${k.anchor}`;
  return `${k.environment}/${k.path}/${k.kind}/s${k.store}/${k.businessDate}${anchor}/${digest}`;
}

export function classEnsureKey(environment: Environment, fullyQualifiedName: string): string {
  return `${environment}/ensure/Class/${fullyQualifiedName}`;
}

/** Name and email are in the key: a customer renamed in POR gets looked at again. */
export function customerEnsureKey(environment: Environment, c: CustomerSym): string {
  const who = c.number !== null ? `#${c.number}` : `name:${c.name ?? ''}`;
  return `${environment}/ensure/Customer/${who}/${hash(`${c.name ?? ''}\n${c.email ?? ''}`, 12)}`;
}

export function itemEnsureKey(environment: Environment, item: ItemSym): string {
  return `${environment}/ensure/Item/${item.kind}/s${item.store}/${item.porAccount}`;
}
