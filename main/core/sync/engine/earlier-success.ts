/**
 * Finding what QBO already holds when it refuses a create as a duplicate:
 * - 6140 (duplicate DocNumber): maybe our own earlier create whose answer was lost. Link it only when
 *   it is the same transaction (same date and amount); otherwise a person decides.
 * - 6240 (duplicate name): the class, customer or item exists; reuse it.
 * Each is one metered query, only on these rare faults.
 */
import type { Customer, Invoice, Item, JournalEntry, QboClass, WritableEntity } from '../../qbo/entities';
import type { QboClient } from '../../qbo/qbo-client';
import { isStale } from '../../qbo/qbo-fault';
import { parseCents } from '../../money';
import { hasMarker } from './send-marker';
import { customerDisplayNames, type JobPayload } from '../plan';

/** A QBO query string literal: backslash-escape quotes and backslashes. */
export function qboString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface PostedShape {
  entity: 'JournalEntry' | 'Invoice' | 'CreditMemo';
  docNumber: string;
  txnDate: string;
  /** JournalEntry: sum of debits; Invoice/CreditMemo: total incl. tax. In cents. */
  totalCents: number;
  /** The job's send marker: a row carrying it is ours whatever its amounts. */
  marker?: string;
}

export function totalOfBody(entity: PostedShape['entity'], body: JournalEntry | Invoice): number {
  if (entity === 'JournalEntry') {
    return (body as JournalEntry).Line.reduce((s, l) => s + (l.JournalEntryLineDetail.PostingType === 'Debit' ? toCents(l.Amount) : 0), 0);
  }
  const inv = body as Invoice;
  const lines = inv.Line.reduce((s, l) => s + (l.DetailType === 'SalesItemLineDetail' ? toCents(l.Amount) : 0), 0);
  return lines + toCents(inv.TxnTaxDetail?.TotalTax ?? 0);
}

function toCents(amount: number | string | undefined): number {
  if (amount === undefined) return 0;
  const n = typeof amount === 'number' ? amount : Number(amount);
  return parseCents(n.toFixed(2));
}

/** The transaction QBO holds under this number that is the same as ours, or null. */
export async function findEarlierSuccess(client: QboClient, wanted: PostedShape): Promise<{ Id: string; SyncToken?: string; DocNumber?: string } | null> {
  const rows = (await client.queryAll(wanted.entity, `where DocNumber = ${qboString(wanted.docNumber)}`)) as (JournalEntry | Invoice)[];
  for (const row of rows) {
    if (!row.Id) continue;
    if (wanted.marker && hasMarker(row.PrivateNote, wanted.marker))
      return { Id: row.Id, ...(row.SyncToken ? { SyncToken: row.SyncToken } : {}), ...(row.DocNumber ? { DocNumber: row.DocNumber } : {}) };
    if (row.TxnDate !== wanted.txnDate) continue;
    // The sum of the lines, never TotalAmt: QBO documents JournalEntry.TotalAmt as always 0 (QBO.md).
    if (Array.isArray(row.Line) && totalOfBody(wanted.entity, row) === wanted.totalCents)
      return { Id: row.Id, ...(row.SyncToken ? { SyncToken: row.SyncToken } : {}), ...(row.DocNumber ? { DocNumber: row.DocNumber } : {}) };
  }
  return null;
}

export async function findClass(client: QboClient, fullyQualifiedName: string): Promise<QboClass | null> {
  const leaf = fullyQualifiedName.split(':').pop()!.trim();
  const rows = await client.queryAll('Class', `where Name = ${qboString(leaf)} and Active in (true, false)`);
  const wanted = fullyQualifiedName.trim().toLowerCase();
  return rows.find((c) => (c.FullyQualifiedName ?? c.Name).trim().toLowerCase() === wanted) ?? null;
}

/** By display name, active or not (an inactive one may be answered as "Name (deleted)"). */
export async function findCustomer(client: QboClient, displayName: string): Promise<Customer | null> {
  const names = [displayName, `${displayName} (deleted)`].map(qboString).join(', ');
  const rows = await client.queryAll('Customer', `where DisplayName in (${names}) and Active in (true, false)`);
  return rows.find((c) => c.DisplayName === displayName) ?? rows[0] ?? null;
}

export async function findItem(client: QboClient, name: string): Promise<Item | null> {
  const rows = await client.queryAll('Item', `where Name = ${qboString(name)} and Active in (true, false)`);
  return rows[0] ?? null;
}

/** 6140 for one of our transaction bodies: the earlier success QBO holds, or null. */
export async function lookupEarlierSuccess(
  client: QboClient,
  entity: WritableEntity,
  body: object,
  marker?: string,
): Promise<{ Id: string; SyncToken?: string; DocNumber?: string } | null> {
  if (entity !== 'JournalEntry' && entity !== 'Invoice' && entity !== 'CreditMemo') return null;
  const b = body as { DocNumber?: string; TxnDate?: string };
  if (!b.DocNumber || !b.TxnDate) return null;
  return findEarlierSuccess(client, {
    entity,
    docNumber: b.DocNumber,
    txnDate: b.TxnDate,
    totalCents: totalOfBody(entity, body as never),
    ...(marker ? { marker } : {}),
  });
}

/**
 * 6240: the name exists in QBO. Reuse the class or item; reuse the customer when it is this POR customer
 * (or belongs to nobody yet), else create this one under its second display name (its own requestid: the
 * first create was refused, this is a different one).
 */
export async function reuseExistingEntry(
  client: QboClient,
  payload: JobPayload,
  body: object,
  requestId: string,
  mayUse: (c: Customer) => boolean,
): Promise<Record<string, unknown> | null> {
  if (payload.entity === 'Class') return (await findClass(client, payload.fullyQualifiedName)) as unknown as Record<string, unknown> | null;
  if (payload.entity === 'Item') return (await findItem(client, payload.name)) as unknown as Record<string, unknown> | null;
  if (payload.entity !== 'Customer') return null;
  const wanted = body as Customer;
  const existing = await findCustomer(client, wanted.DisplayName);
  // Another POR customer's record is never reused, whatever the names say (ledger, Notes, AcctNum decide).
  if (existing && mayUse(existing)) return existing as unknown as Record<string, unknown>;
  const [, second] = customerDisplayNames(payload.customer);
  if (second === wanted.DisplayName) return null;
  const twin = await findCustomer(client, second);
  if (twin) return mayUse(twin) ? (twin as unknown as Record<string, unknown>) : null;
  return (await client.create('Customer', { ...wanted, DisplayName: second }, { requestId: `${requestId}-n2` })) as unknown as Record<string, unknown>;
}

/** Makes an inactive customer active again (sparse update); a stale SyncToken (5010) is read again and retried once. */
export async function reactivateCustomer(client: QboClient, id: string, syncToken: string): Promise<Customer> {
  try {
    // Active=true twice is still true: an update needs no requestid replay.
    return await client.update('Customer', { Id: id, SyncToken: syncToken, Active: true } as never);
  } catch (err) {
    if (!isStale(err)) throw err;
    const fresh = (await client.read('Customer', id)).SyncToken ?? syncToken;
    return client.update('Customer', { Id: id, SyncToken: fresh, Active: true } as never);
  }
}
