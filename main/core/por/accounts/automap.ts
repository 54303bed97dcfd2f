/**
 * Suggests a QBO account for each POR account: by account number first (QBO AcctNum), then by name
 * (case- and space-insensitive, against Name and FullyQualifiedName). Inactive QBO accounts are never
 * chosen, only reported. When two active accounts match equally, nothing is chosen: guessing would post
 * money to the wrong place.
 */
import type { Account } from '../../qbo/entities';
import type { MappingSuggestion, PorAccountRef, QboAccountBrief } from './mapping-types';

export function normaliseAccountKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

const isActive = (a: Account): boolean => a.Active !== false;
const brief = (a: Account): QboAccountBrief => ({ id: a.Id ?? '', name: a.FullyQualifiedName ?? a.Name });

function byNumber(accounts: readonly Account[], porAccount: string): Account[] {
  const key = normaliseAccountKey(porAccount);
  return accounts.filter((a) => a.AcctNum !== undefined && a.AcctNum.trim() !== '' && normaliseAccountKey(a.AcctNum) === key);
}

/** The POR name, and the POR account itself when it is a name (IIF ACCNT may carry names). */
function byName(accounts: readonly Account[], por: PorAccountRef): Account[] {
  const keys = new Set([por.name, por.account].filter((k): k is string => !!k && k.trim() !== '').map(normaliseAccountKey));
  return accounts.filter(
    (a) => keys.has(normaliseAccountKey(a.Name)) || (a.FullyQualifiedName !== undefined && keys.has(normaliseAccountKey(a.FullyQualifiedName))),
  );
}

function uniqueById(list: Account[]): Account[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const id = a.Id ?? `${a.Name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const names = (list: QboAccountBrief[]): string => list.map((a) => `"${a.name}"`).join(', ');

export function automap(porAccounts: readonly PorAccountRef[], qboAccounts: readonly Account[]): MappingSuggestion[] {
  const out: MappingSuggestion[] = [];
  const seen = new Set<string>();
  for (const por of porAccounts) {
    const key = `${por.store ?? '*'}|${por.account}`;
    if (seen.has(key)) continue;
    seen.add(key);

    const numberMatches = byNumber(qboAccounts, por.account);
    const nameMatches = byName(qboAccounts, por);
    const inactiveMatches = uniqueById([...numberMatches, ...nameMatches].filter((a) => !isActive(a))).map(brief);
    const activeByNumber = numberMatches.filter(isActive);
    const activeByName = nameMatches.filter(isActive);

    let chosen: Account | null = null;
    let matchedBy: MappingSuggestion['matchedBy'] = null;
    let candidates: QboAccountBrief[] = [];
    if (activeByNumber.length === 1) {
      chosen = activeByNumber[0]!;
      matchedBy = 'number';
    } else if (activeByNumber.length > 1) {
      // Same number twice: the name may settle it.
      const both = activeByNumber.filter((a) => activeByName.includes(a));
      if (both.length === 1) {
        chosen = both[0]!;
        matchedBy = 'number';
      } else {
        candidates = activeByNumber.map(brief);
      }
    } else if (activeByName.length === 1) {
      chosen = activeByName[0]!;
      matchedBy = 'name';
    } else if (activeByName.length > 1) {
      candidates = activeByName.map(brief);
    }

    const porName = por.name?.trim() ? por.name.trim() : null;
    let note: string;
    if (chosen) {
      note = matchedBy === 'number' ? `matched by account number ${por.account}` : `matched by name "${brief(chosen).name}"`;
    } else if (candidates.length > 0) {
      note = `${candidates.length} active QuickBooks accounts match (${names(candidates)}); choose one`;
    } else {
      note = `no active QuickBooks account has number ${por.account}${porName ? ` or name "${porName}"` : ''}`;
    }
    if (inactiveMatches.length > 0) {
      note += `; inactive match${inactiveMatches.length > 1 ? 'es' : ''} not used: ${names(inactiveMatches)}`;
    }

    out.push({
      store: por.store,
      porAccount: por.account,
      porName,
      qboAccountId: chosen ? (chosen.Id ?? null) : null,
      qboAccountName: chosen ? brief(chosen).name : null,
      matchedBy,
      candidates,
      inactiveMatches,
      note,
    });
  }
  return out;
}
