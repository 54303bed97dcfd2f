/**
 * The account mapping as the UI shows it: every POR account the documents use (per store), what it maps
 * to, and whether that QuickBooks account is active, inactive, gone or missing; required accounts marked.
 */
import { profileOf } from '../../environment-profile';
import type { MappingRow, MappingView } from '../../../../preload/contract';
import type { Environment } from '../../environment';
import type { Ledger } from '../../ledger';
import { automap } from '../../por/accounts/automap';
import type { PorAccountRef } from '../../por/accounts/mapping-types';
import { isRequiredPorAccount } from '../../por/accounts/validate-mapping';
import { expandPracticeAccounts, practiceStores, MAX_PRACTICE_STORES } from '../../por/practice';
import type { Account } from '../../qbo/entities';

/** Practice accounts have names in the practice POR chart; real IIF files carry numbers only. */
function practiceNames(refs: readonly PorAccountRef[]): Map<string, string> {
  const top = Math.min(MAX_PRACTICE_STORES, Math.max(1, ...refs.map((r) => r.store ?? 1)));
  return new Map(expandPracticeAccounts(practiceStores(top)).map((a) => [a.number, a.name]));
}

/** POR accounts in use (stores exporting to QBO only), plus any account someone mapped by hand. */
export function porAccountRefs(ledger: Ledger, environment: Environment): PorAccountRef[] {
  const exporting = new Set(
    ledger.stores
      .list()
      .filter((s) => s.exportFormat === 'API-QBO')
      .map((s) => s.store),
  );
  const refs = ledger.reconciliation.porAccountsInUse().filter((r) => r.store === null || exporting.has(r.store));
  const seen = new Set(refs.map((r) => `${r.store ?? '*'}|${r.account}`));
  for (const m of ledger.mappings.list()) {
    const key = `${m.store ?? '*'}|${m.porAccount}`;
    if (!seen.has(key) && (m.store === null || exporting.has(m.store))) {
      seen.add(key);
      refs.push({ store: m.store, account: m.porAccount });
    }
  }
  if (profileOf(environment).practiceStore && refs.length) {
    const names = practiceNames(refs);
    for (const r of refs) r.name ??= names.get(r.account);
  }
  return refs.sort((a, b) => (a.store ?? 0) - (b.store ?? 0) || a.account.localeCompare(b.account));
}

export function cachedAccounts(ledger: Ledger): Account[] | null {
  return ledger.reference.snapshot('Account') ? ledger.reference.list('Account') : null;
}

export function mappingView(ledger: Ledger, environment: Environment): MappingView {
  const refs = porAccountRefs(ledger, environment);
  const accounts = cachedAccounts(ledger) ?? [];
  const byId = new Map(accounts.filter((a) => a.Id).map((a) => [a.Id!, a]));
  const rows: MappingRow[] = refs.map((ref) => {
    const m = ledger.mappings.resolve(ref.store, ref.account);
    const acct = m ? byId.get(m.qboAccountId) : undefined;
    const state: MappingRow['state'] = !m ? 'unmapped' : !acct ? (accounts.length ? 'missing' : 'mapped') : acct.Active === false ? 'inactive' : 'mapped';
    return {
      store: ref.store ?? 0,
      porAccount: ref.account,
      porName: ref.name ?? null,
      required: isRequiredPorAccount(ref),
      qboAccountId: m?.qboAccountId ?? null,
      qboAccountName: acct ? (acct.FullyQualifiedName ?? acct.Name) : (m?.qboAccountName ?? null),
      state,
      source: m?.source ?? null,
    };
  });
  const count = (s: MappingRow['state']) => rows.filter((r) => r.state === s).length;
  return {
    rows,
    accounts: accounts
      .filter((a) => a.Id)
      .map((a) => ({
        id: a.Id!,
        name: a.FullyQualifiedName ?? a.Name,
        number: a.AcctNum?.trim() || null,
        type: a.AccountType ?? null,
        active: a.Active !== false,
      }))
      .sort((a, b) => (a.number ?? '~').localeCompare(b.number ?? '~') || a.name.localeCompare(b.name)),
    accountsFetchedAt: ledger.reference.snapshot('Account')?.fetchedAt ?? null,
    summary: {
      total: rows.length,
      mapped: count('mapped'),
      unmapped: count('unmapped'),
      inactive: count('inactive') + count('missing'),
      requiredMissing: rows.filter((r) => r.required && r.state !== 'mapped').length,
    },
  };
}

/** Automap against the cached QBO accounts; a manual choice is never overwritten. */
export function applyAutomap(ledger: Ledger, environment: Environment): { saved: number; unresolved: number } {
  const accounts = cachedAccounts(ledger);
  if (!accounts || accounts.length === 0) return { saved: 0, unresolved: 0 };
  const suggestions = automap(porAccountRefs(ledger, environment), accounts);
  const result = ledger.mappings.applyAuto(suggestions);
  return { saved: result.saved.length, unresolved: result.unresolved.length };
}
