import { validateMapping } from '../por/accounts/validate-mapping';
import type { MappingEntry, MappingIssue, MappingSuggestion, PorAccountRef } from '../por/accounts/mapping-types';
import type { Account } from '../qbo/entities';
import type { HistoryLog } from './history-log';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

/**
 * How "every store" (store null in the API) is stored: a store's own mapping of the same POR account wins
 * over it. SQLite treats NULLs in a key as distinct, so a real number keeps one row per account.
 */
const ALL_STORES = 0;
const toDb = (store: number | null | undefined): number => store ?? ALL_STORES;
const fromDb = (store: number): number | null => (store === ALL_STORES ? null : store);

export type MappingSource = 'auto' | 'manual';

export interface AccountMapping {
  /** null = every store without a row of its own. */
  store: number | null;
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

/** Validation result: issues in plain words, and whether QBO's account list was there to check against. */
export interface MappingValidation {
  issues: MappingIssue[];
  /** False when QBO's account list was never cached: only "unmapped" could be checked. */
  accountsCached: boolean;
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
      const store = toDb(input.store);
      const before = this.getExact(store, input.porAccount);
      prepared(
        this.ctx.db,
        `INSERT INTO account_mappings (store, por_account, qbo_account_id, qbo_account_name, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (store, por_account) DO UPDATE SET qbo_account_id = excluded.qbo_account_id,
           qbo_account_name = excluded.qbo_account_name, source = excluded.source, updated_at = excluded.updated_at`,
      ).run(store, input.porAccount, input.qboAccountId, input.qboAccountName ?? null, input.source, this.ctx.now());
      const after = this.getExact(store, input.porAccount)!;
      this.history.record({
        subjectKind: 'mapping',
        subjectKey: `${after.store ?? '*'}:${input.porAccount}`,
        action: 'mappingSet',
        from: before?.qboAccountId ?? null,
        to: after.qboAccountId,
        store: after.store,
        detail: { porAccount: input.porAccount, qboAccountName: after.qboAccountName, source: after.source },
      });
      return after;
    });
  }

  /**
   * Saves automap's choices in one transaction. Suggestions without a chosen account are left for a person;
   * a manual mapping is never overwritten by automap.
   */
  applyAuto(suggestions: readonly MappingSuggestion[]): { saved: AccountMapping[]; keptManual: AccountMapping[]; unresolved: MappingSuggestion[] } {
    return this.ctx.write(() => {
      const saved: AccountMapping[] = [];
      const keptManual: AccountMapping[] = [];
      const unresolved: MappingSuggestion[] = [];
      for (const s of suggestions) {
        const existing = this.getExact(toDb(s.store), s.porAccount);
        if (existing?.source === 'manual') {
          keptManual.push(existing);
          continue;
        }
        if (!s.qboAccountId) {
          unresolved.push(s);
          continue;
        }
        if (existing && existing.qboAccountId === s.qboAccountId) continue;
        saved.push(this.set({ store: s.store, porAccount: s.porAccount, qboAccountId: s.qboAccountId, qboAccountName: s.qboAccountName, source: 'auto' }));
      }
      return { saved, keptManual, unresolved };
    });
  }

  remove(store: number | null, porAccount: string): boolean {
    return this.ctx.write(() => {
      const before = this.getExact(toDb(store), porAccount);
      if (!before) return false;
      prepared(this.ctx.db, 'DELETE FROM account_mappings WHERE store = ? AND por_account = ?').run(toDb(store), porAccount);
      this.history.record({
        subjectKind: 'mapping',
        subjectKey: `${store ?? '*'}:${porAccount}`,
        action: 'mappingRemoved',
        from: before.qboAccountId,
        to: null,
        store,
      });
      return true;
    });
  }

  /** Mappings of one store (its own rows only; null = the all-stores rows), or every row when omitted; all-stores rows first. */
  list(store?: number | null): AccountMapping[] {
    const rows =
      store === undefined
        ? prepared(this.ctx.db, 'SELECT * FROM account_mappings ORDER BY store, por_account').all()
        : prepared(this.ctx.db, 'SELECT * FROM account_mappings WHERE store = ? ORDER BY por_account').all(toDb(store));
    return (rows as Row[]).map(toMapping);
  }

  /** Every row in the shape automap/validateMapping use. */
  entries(): MappingEntry[] {
    return this.list().map((m) => ({ store: m.store, porAccount: m.porAccount, qboAccountId: m.qboAccountId }));
  }

  /** The mapping that applies to a store's POR account: the store's own, else the all-stores one. */
  resolve(store: number | null, porAccount: string): AccountMapping | null {
    const row = prepared(this.ctx.db, 'SELECT * FROM account_mappings WHERE por_account = ? AND store IN (?, ?) ORDER BY store DESC LIMIT 1').get(
      porAccount,
      toDb(store),
      ALL_STORES,
    ) as Row | undefined;
    return row ? toMapping(row) : null;
  }

  /**
   * What stands between the mapping and a clean export, for the POR accounts given, against QBO's account
   * list (null or empty = never fetched: then only unmapped accounts can be named).
   */
  validate(porAccounts: readonly PorAccountRef[], qboAccounts: readonly Account[] | null): MappingValidation {
    const accountsCached = !!qboAccounts && qboAccounts.length > 0;
    const all = validateMapping({ porAccounts, mapping: this.entries(), qboAccounts: qboAccounts ?? [] });
    const issues = accountsCached ? all : all.filter((i) => i.kind === 'unmapped');
    return { issues, accountsCached, ok: accountsCached && issues.length === 0 };
  }

  private getExact(store: number, porAccount: string): AccountMapping | null {
    const row = prepared(this.ctx.db, 'SELECT * FROM account_mappings WHERE store = ? AND por_account = ?').get(store, porAccount) as Row | undefined;
    return row ? toMapping(row) : null;
  }
}

function toMapping(r: Row): AccountMapping {
  return {
    store: fromDb(r.store),
    porAccount: r.por_account,
    qboAccountId: r.qbo_account_id,
    qboAccountName: r.qbo_account_name,
    source: r.source,
    updatedAt: r.updated_at,
  };
}
