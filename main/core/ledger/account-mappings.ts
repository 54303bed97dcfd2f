import type { Account } from '../qbo/entities';
import type { HistoryLog } from './history-log';
import type { LedgerContext } from './ledger-context';

/** Store number meaning "every store": a store's own mapping of the same POR account wins over it. */
export const ALL_STORES = 0;

export type MappingSource = 'auto' | 'manual';

export interface AccountMapping {
  store: number;
  porAccount: string;
  qboAccountId: string;
  qboAccountName: string | null;
  source: MappingSource;
  updatedAt: string;
}

export interface MappingInput {
  store?: number | null;
  porAccount: string;
  qboAccountId: string;
  qboAccountName?: string | null;
  source: MappingSource;
}

export interface PorAccountRef {
  store: number | null;
  account: string;
}

/** What stands between the mapping and a clean export (checked before anything is posted). */
export interface MappingCheck {
  /** No mapping for the store nor for all stores. */
  unmapped: PorAccountRef[];
  /** Mapped to a QBO account that is inactive. */
  inactive: (PorAccountRef & { qboAccountId: string; qboAccountName: string | null })[];
  /** Mapped to a QBO account id the cached account list does not have (deleted, or cache stale). */
  unknown: (PorAccountRef & { qboAccountId: string; qboAccountName: string | null })[];
  /** The QBO account list was never cached: inactive/unknown could not be checked. */
  accountsNotCached: boolean;
  ok: boolean;
}

interface Row {
  store: number;
  por_account: string;
  qbo_account_id: string;
  qbo_account_name: string | null;
  source: MappingSource;
  updated_at: string;
}

/** POR account -> QBO account, per store, for this environment. */
export class AccountMappings {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
  ) {}

  set(input: MappingInput): AccountMapping {
    return this.ctx.write(() => {
      const store = input.store ?? ALL_STORES;
      const before = this.getExact(store, input.porAccount);
      this.ctx.db
        .prepare(
          `INSERT INTO account_mappings (store, por_account, qbo_account_id, qbo_account_name, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (store, por_account) DO UPDATE SET qbo_account_id = excluded.qbo_account_id,
             qbo_account_name = excluded.qbo_account_name, source = excluded.source, updated_at = excluded.updated_at`,
        )
        .run(store, input.porAccount, input.qboAccountId, input.qboAccountName ?? null, input.source, this.ctx.now());
      const after = this.getExact(store, input.porAccount)!;
      this.history.record({
        subjectKind: 'mapping',
        subjectKey: `${store}:${input.porAccount}`,
        action: 'mappingSet',
        from: before?.qboAccountId ?? null,
        to: after.qboAccountId,
        store,
        detail: { porAccount: input.porAccount, qboAccountName: after.qboAccountName, source: after.source },
      });
      return after;
    });
  }

  /**
   * Saves automap suggestions in one transaction. A manual mapping is never overwritten by automap.
   */
  applyAuto(suggestions: { store: number | null; porAccount: string; qboAccountId: string; qboAccountName: string | null }[]): {
    saved: AccountMapping[];
    keptManual: AccountMapping[];
  } {
    return this.ctx.write(() => {
      const saved: AccountMapping[] = [];
      const keptManual: AccountMapping[] = [];
      for (const s of suggestions) {
        const existing = this.getExact(s.store ?? ALL_STORES, s.porAccount);
        if (existing?.source === 'manual') {
          keptManual.push(existing);
          continue;
        }
        if (existing && existing.qboAccountId === s.qboAccountId) continue;
        saved.push(this.set({ ...s, source: 'auto' }));
      }
      return { saved, keptManual };
    });
  }

  remove(store: number | null, porAccount: string): boolean {
    return this.ctx.write(() => {
      const s = store ?? ALL_STORES;
      const before = this.getExact(s, porAccount);
      if (!before) return false;
      this.ctx.db.prepare('DELETE FROM account_mappings WHERE store = ? AND por_account = ?').run(s, porAccount);
      this.history.record({ subjectKind: 'mapping', subjectKey: `${s}:${porAccount}`, action: 'mappingRemoved', from: before.qboAccountId, to: null, store: s });
      return true;
    });
  }

  /** Mappings of one store (its own rows only), or all when store is omitted; ordered by store, account. */
  list(store?: number): AccountMapping[] {
    const rows =
      store === undefined
        ? this.ctx.db.prepare('SELECT * FROM account_mappings ORDER BY store, por_account').all()
        : this.ctx.db.prepare('SELECT * FROM account_mappings WHERE store = ? ORDER BY por_account').all(store);
    return (rows as Row[]).map(toMapping);
  }

  /** The mapping that applies to a store's POR account: the store's own, else the all-stores one. */
  resolve(store: number | null, porAccount: string): AccountMapping | null {
    const row = this.ctx.db
      .prepare('SELECT * FROM account_mappings WHERE por_account = ? AND store IN (?, ?) ORDER BY store DESC LIMIT 1')
      .get(porAccount, store ?? ALL_STORES, ALL_STORES) as Row | undefined;
    return row ? toMapping(row) : null;
  }

  /** Lists every unmapped, inactive or unknown account among `needed`, checked against `accounts` (QBO's list). */
  check(needed: PorAccountRef[], accounts: Account[] | null): MappingCheck {
    const byId = new Map((accounts ?? []).filter((a) => a.Id).map((a) => [a.Id!, a]));
    const out: MappingCheck = { unmapped: [], inactive: [], unknown: [], accountsNotCached: !accounts || accounts.length === 0, ok: true };
    const seen = new Set<string>();
    for (const ref of needed) {
      const id = `${ref.store ?? ALL_STORES}\u0000${ref.account}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const m = this.resolve(ref.store, ref.account);
      if (!m) {
        out.unmapped.push(ref);
        continue;
      }
      if (out.accountsNotCached) continue;
      const acct = byId.get(m.qboAccountId);
      const item = { ...ref, qboAccountId: m.qboAccountId, qboAccountName: acct?.FullyQualifiedName ?? acct?.Name ?? m.qboAccountName };
      if (!acct) out.unknown.push(item);
      else if (acct.Active === false) out.inactive.push(item);
    }
    out.ok = out.unmapped.length === 0 && out.inactive.length === 0 && out.unknown.length === 0 && !out.accountsNotCached;
    return out;
  }

  private getExact(store: number, porAccount: string): AccountMapping | null {
    const row = this.ctx.db.prepare('SELECT * FROM account_mappings WHERE store = ? AND por_account = ?').get(store, porAccount) as Row | undefined;
    return row ? toMapping(row) : null;
  }
}

function toMapping(r: Row): AccountMapping {
  return {
    store: r.store,
    porAccount: r.por_account,
    qboAccountId: r.qbo_account_id,
    qboAccountName: r.qbo_account_name,
    source: r.source,
    updatedAt: r.updated_at,
  };
}
