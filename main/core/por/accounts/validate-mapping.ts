/**
 * Before anything is posted: every POR account the documents use must map to an existing, active QBO
 * account. Lists what is unmapped, inactive or gone, required accounts (Bank Deposits) first, in plain words.
 */
import type { Account } from '../../qbo/entities';
import type { MappingEntry, MappingIssue, PorAccountRef } from './mapping-types';

/** POR refuses to export without these, whatever the caller says. */
const REQUIRED_NAME = /^\s*bank\s+deposits?\b/i;

export function isRequiredPorAccount(ref: PorAccountRef): boolean {
  return ref.required === true || (ref.name !== undefined && REQUIRED_NAME.test(ref.name));
}

/** The mapping row that applies: the store's own row, else the all-stores row. */
export function findMapping(mapping: readonly MappingEntry[], store: number | null, porAccount: string): MappingEntry | null {
  const account = porAccount.trim();
  return (
    mapping.find((m) => m.store === store && m.porAccount.trim() === account) ??
    mapping.find((m) => m.store === null && m.porAccount.trim() === account) ??
    null
  );
}

export interface ValidateMappingInput {
  porAccounts: readonly PorAccountRef[];
  mapping: readonly MappingEntry[];
  qboAccounts: readonly Account[];
}

export function validateMapping({ porAccounts, mapping, qboAccounts }: ValidateMappingInput): MappingIssue[] {
  const byId = new Map(qboAccounts.filter((a) => a.Id !== undefined).map((a) => [a.Id!, a]));
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  for (const ref of porAccounts) {
    const key = `${ref.store ?? '*'}|${ref.account}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const required = isRequiredPorAccount(ref);
    const porName = ref.name?.trim() ? ref.name.trim() : null;
    const who =
      `${ref.store === null ? 'All stores' : `Store ${ref.store}`}: POR account ${ref.account}` +
      (porName || required ? ` (${[porName, required ? 'required' : null].filter(Boolean).join(', ')})` : '');
    const base = { store: ref.store, porAccount: ref.account, porName, required };
    const row = findMapping(mapping, ref.store, ref.account);
    if (!row) {
      issues.push({ ...base, kind: 'unmapped', qboAccountId: null, message: `${who} is not mapped to a QuickBooks account.` });
      continue;
    }
    const qbo = byId.get(row.qboAccountId);
    if (!qbo) {
      issues.push({
        ...base,
        kind: 'missing',
        qboAccountId: row.qboAccountId,
        message: `${who} is mapped to a QuickBooks account that no longer exists (Id ${row.qboAccountId}). Map it again.`,
      });
    } else if (qbo.Active === false) {
      issues.push({
        ...base,
        kind: 'inactive',
        qboAccountId: row.qboAccountId,
        message: `${who} is mapped to QuickBooks account "${qbo.FullyQualifiedName ?? qbo.Name}", which is inactive. Reactivate it in QuickBooks or map another account.`,
      });
    }
  }
  const storeOrder = (s: number | null): number => (s === null ? -1 : s);
  return issues.sort(
    (a, b) => Number(b.required) - Number(a.required) || storeOrder(a.store) - storeOrder(b.store) || a.porAccount.localeCompare(b.porAccount),
  );
}
