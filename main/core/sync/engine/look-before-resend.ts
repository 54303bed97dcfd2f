/**
 * Look before you resend: a create whose answer never came (timeout, dropped connection, 5xx, 429, 600,
 * a crash while it was out) may or may not exist in QBO, and a requestid replay cannot be trusted to
 * tell (QBO.md). Before such a job goes out again, QBO is searched for it:
 * - transactions by DocNumber when the company keeps our numbers, else by TxnDate range; either way
 *   one query per entity covers a whole uncertain batch, and a row is ours when it carries the job's
 *   marker (or, by DocNumber, the same date and the same sum of lines: never TotalAmt);
 * - classes and items by name (an entry of that name is the one we want either way);
 * - customers by their display names, ours when the Notes carry the marker or AcctNum is the POR number.
 * What is found is linked; what is not goes out again under a new requestid.
 */
import type { Customer, JournalEntry } from '../../qbo/entities';
import type { QboClient } from '../../qbo/qbo-client';
import { customerDisplayNames, type ExportJob } from '../plan';
import { fitDocNumber } from '../modes/doc-number';
import { findClass, findItem, qboString, totalOfBody } from './earlier-success';
import { hasMarker } from './send-marker';
import { porNumberInNotes } from '../modes/customer-identity';

export interface LookupTarget {
  id: number;
  job: ExportJob;
  marker: string;
  /** The body the job would send now, when it resolves (for the sum-of-lines match). */
  body: object | null;
}

export type LookupAnswer = Record<string, unknown> | null;

const TRANSACTIONS = new Set<string>(['JournalEntry', 'Invoice', 'CreditMemo', 'Payment']);
type TxnEntity = 'JournalEntry' | 'Invoice' | 'CreditMemo' | 'Payment';
const IN_LIST = 30;

export interface LookupOptions {
  /** The company keeps the DocNumbers we send (Preferences: custom transaction numbers on). */
  docNumbersKept: boolean;
}

/** For each target: what QBO holds that this job created, or null when QBO holds nothing of it. */
export async function lookUpEarlierSends(client: QboClient, targets: readonly LookupTarget[], options: LookupOptions): Promise<Map<number, LookupAnswer>> {
  const answers = new Map<number, LookupAnswer>();
  const byEntity = new Map<string, LookupTarget[]>();
  for (const t of targets) {
    const entity = t.job.payload.entity;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), t]);
  }
  for (const [entity, group] of byEntity) {
    if (TRANSACTIONS.has(entity)) await lookUpTransactions(client, entity as TxnEntity, group, options, answers);
    else if (entity === 'Customer') await lookUpCustomers(client, group, answers);
    else {
      for (const t of group) {
        const p = t.job.payload;
        const found = p.entity === 'Class' ? await findClass(client, p.fullyQualifiedName) : p.entity === 'Item' ? await findItem(client, p.name) : null;
        answers.set(t.id, (found as unknown as Record<string, unknown>) ?? null);
      }
    }
  }
  return answers;
}

async function lookUpTransactions(
  client: QboClient,
  entity: TxnEntity,
  group: LookupTarget[],
  options: LookupOptions,
  answers: Map<number, LookupAnswer>,
): Promise<void> {
  const docNumberOf = (t: LookupTarget) => ('docNumber' in t.job.payload ? fitDocNumber(t.job.payload.docNumber).docNumber : '');
  // A payment has no DocNumber of ours: always by date and marker.
  const byNumber = options.docNumbersKept && entity !== 'Payment';
  let rows: Record<string, unknown>[] = [];
  if (byNumber) {
    const numbers = [...new Set(group.map(docNumberOf).filter(Boolean))];
    for (let i = 0; i < numbers.length; i += IN_LIST) {
      const list = numbers
        .slice(i, i + IN_LIST)
        .map(qboString)
        .join(', ');
      rows.push(...((await client.queryAll(entity, `where DocNumber in (${list})`)) as unknown as Record<string, unknown>[]));
    }
  } else {
    const dates = group
      .map((t) => t.job.txnDate)
      .filter((d): d is string => typeof d === 'string' && d.length > 0)
      .sort();
    if (dates.length > 0) {
      rows = (await client.queryAll(
        entity,
        `where TxnDate >= ${qboString(dates[0]!)} and TxnDate <= ${qboString(dates[dates.length - 1]!)}`,
      )) as unknown as Record<string, unknown>[];
    }
  }
  const taken = new Set<string>();
  for (const t of group) {
    let found = rows.find((r) => !taken.has(String(r.Id)) && hasMarker(r.PrivateNote, t.marker));
    if (!found && byNumber && t.body) {
      // A QBO that dropped the note: the same number, date and sum of lines is the same transaction.
      const wanted = totalOfBody(entity, t.body as JournalEntry);
      const doc = docNumberOf(t);
      found = rows.find((r) => !taken.has(String(r.Id)) && r.DocNumber === doc && r.TxnDate === t.job.txnDate && sumOrNull(entity, r) === wanted);
    }
    if (found) taken.add(String(found.Id));
    answers.set(t.id, found ?? null);
  }
}

async function lookUpCustomers(client: QboClient, group: LookupTarget[], answers: Map<number, LookupAnswer>): Promise<void> {
  for (const t of group) {
    const p = t.job.payload;
    if (p.entity !== 'Customer') continue;
    const names = customerDisplayNames(p.customer);
    const rows = (await client.queryAll('Customer', `where DisplayName in (${names.map(qboString).join(', ')}) and Active in (true, false)`)) as Customer[];
    const found =
      rows.find((c) => hasMarker(c.Notes, t.marker)) ??
      rows.find((c) => p.customer.number !== null && (porNumberInNotes(c.Notes) ?? c.AcctNum) === p.customer.number);
    answers.set(t.id, (found as unknown as Record<string, unknown>) ?? null);
  }
}

function sumOrNull(entity: Exclude<TxnEntity, 'Payment'>, row: Record<string, unknown>): number | null {
  try {
    return Array.isArray(row.Line) ? totalOfBody(entity, row as unknown as JournalEntry) : null;
  } catch {
    return null;
  }
}
