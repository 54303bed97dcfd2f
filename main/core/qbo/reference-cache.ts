/**
 * Reference data the sync maps onto (accounts, classes, items, customers, tax codes, optionally
 * departments), loaded with one paged query per entity and kept current from the client's own create
 * and update responses. Reads and queries are metered by Intuit; steady-state syncing should hit
 * this cache, not QBO. One cache per environment + realm: environments never share an entry.
 */
import type { Account, Customer, Department, EntityName, Item, QboClass, TaxCode } from './entities';
import type { QboClient } from './qbo-client';

export const REFERENCE_ENTITIES = ['Account', 'Class', 'Item', 'Customer', 'TaxCode', 'Department'] as const;
export type ReferenceEntity = (typeof REFERENCE_ENTITIES)[number];

export interface ReferenceTypes {
  Account: Account;
  Class: QboClass;
  Item: Item;
  Customer: Customer;
  TaxCode: TaxCode;
  Department: Department;
}

/**
 * Where loaded lists persist between runs (the ledger's qbo_reference table in the app), so a
 * restart does not query QBO again. `load` returns null when nothing was saved for this realm.
 */
export interface ReferenceStore {
  load(entity: ReferenceEntity): Record<string, unknown>[] | null;
  save(entity: ReferenceEntity, rows: Record<string, unknown>[]): void;
}

/**
 * Adapts the ledger's reference cache (replace/list/snapshot, per environment file) to a
 * ReferenceStore for one realm: rows saved for another realm are never served.
 */
export function ledgerReferenceStore(
  ledgerCache: {
    replace(entity: ReferenceEntity, items: never[], options?: { realmId?: string | null }): void;
    list(entity: ReferenceEntity): unknown[];
    snapshot(entity: ReferenceEntity): { realmId: string | null } | null;
  },
  realmId: string,
): ReferenceStore {
  return {
    load: (entity) => (ledgerCache.snapshot(entity)?.realmId === realmId ? (ledgerCache.list(entity) as Record<string, unknown>[]) : null),
    save: (entity, rows) => ledgerCache.replace(entity, rows as never[], { realmId }),
  };
}

export interface ReferenceCacheOptions {
  /** Persist lists between runs; without it the cache lives in memory only. */
  store?: ReferenceStore;
  /** Which lists to load (default: all but Department, which needs QBO Plus and a preference). */
  entities?: readonly ReferenceEntity[];
  /**
   * Query clause per entity. Default: active and inactive rows, so a mapping to an inactive
   * account is recognised as such rather than as missing.
   */
  clause?: (entity: ReferenceEntity) => string;
}

const DEFAULT_ENTITIES: readonly ReferenceEntity[] = ['Account', 'Class', 'Item', 'Customer', 'TaxCode'];
const NAME_LISTS_WITH_ACTIVE = new Set<ReferenceEntity>(['Account', 'Class', 'Item', 'Customer', 'Department', 'TaxCode']);

export class ReferenceCache {
  private readonly rows = new Map<ReferenceEntity, Map<string, ReferenceTypes[ReferenceEntity]>>();
  private readonly loading = new Map<ReferenceEntity, Promise<void>>();
  private readonly entities: readonly ReferenceEntity[];
  private readonly clause: (entity: ReferenceEntity) => string;
  private readonly store: ReferenceStore | null;
  private readonly dirty = new Set<ReferenceEntity>();
  private flushScheduled = false;
  private unsubscribe: () => void = () => {};
  private client!: QboClient;
  private loads = 0;

  constructor(client: QboClient, options: ReferenceCacheOptions = {}) {
    this.entities = options.entities ?? DEFAULT_ENTITIES;
    this.store = options.store ?? null;
    this.clause = options.clause ?? ((entity) => (NAME_LISTS_WITH_ACTIVE.has(entity) ? 'where Active in (true, false)' : ''));
    this.attach(client);
  }

  /** Uses another client for the same realm (after a reconnect) without losing what is cached. */
  attach(client: QboClient): void {
    if (this.client === client) return;
    this.unsubscribe();
    this.client = client;
    this.unsubscribe = client.onWrite((entity, value) => this.observe(entity, value));
  }

  /** How many list queries (each possibly several pages) this cache has run. */
  get loadCount(): number {
    return this.loads;
  }

  /** Loads every configured list not loaded yet; concurrent callers share the load. */
  async ensureLoaded(): Promise<void> {
    await Promise.all(this.entities.map((entity) => this.ensure(entity)));
  }

  /** Forgets one list (or all) so the next access queries QBO again: after a 610/2500 fault. */
  invalidate(entity?: ReferenceEntity): void {
    for (const e of entity ? [entity] : this.entities) this.rows.delete(e);
  }

  /** Queries QBO again (ignoring the persisted copy): after a 610/2500 fault or on request. */
  async reload(entity?: ReferenceEntity): Promise<void> {
    this.invalidate(entity);
    const targets = entity ? [entity] : this.entities;
    await Promise.all(targets.map((e) => this.ensure(e, true)));
  }

  async list<E extends ReferenceEntity>(entity: E): Promise<ReferenceTypes[E][]> {
    await this.ensure(entity);
    return [...(this.rows.get(entity)?.values() ?? [])] as ReferenceTypes[E][];
  }

  async byId<E extends ReferenceEntity>(entity: E, id: string): Promise<ReferenceTypes[E] | undefined> {
    await this.ensure(entity);
    return this.rows.get(entity)?.get(id) as ReferenceTypes[E] | undefined;
  }

  /**
   * By the name people see: FullyQualifiedName ("Parent:Child") or Name for accounts, classes,
   * departments and items, DisplayName for customers. Case-insensitive, like QBO's uniqueness rule.
   */
  async byName<E extends ReferenceEntity>(entity: E, name: string): Promise<ReferenceTypes[E] | undefined> {
    const wanted = name.trim().toLowerCase();
    for (const row of await this.list(entity)) if (displayNames(entity, row).some((n) => n.toLowerCase() === wanted)) return row;
    return undefined;
  }

  async accountByNumber(acctNum: string): Promise<Account | undefined> {
    const wanted = acctNum.trim();
    return (await this.list('Account')).find((a) => a.AcctNum?.trim() === wanted);
  }

  /** Takes an entity QBO returned (create/update) into the cache. Lists not loaded yet are left alone. */
  observe(entity: EntityName, value: Record<string, unknown>): void {
    if (!(REFERENCE_ENTITIES as readonly string[]).includes(entity)) return;
    const rows = this.rows.get(entity as ReferenceEntity);
    const id = value.Id;
    if (!rows || typeof id !== 'string') return;
    const previous = rows.get(id);
    rows.set(id, { ...(previous ?? {}), ...value } as ReferenceTypes[ReferenceEntity]);
    this.persist(entity as ReferenceEntity);
  }

  dispose(): void {
    this.flush();
    this.unsubscribe();
  }

  private ensure(entity: ReferenceEntity, fromQbo = false): Promise<void> {
    if (this.rows.has(entity)) return Promise.resolve();
    let pending = this.loading.get(entity);
    if (!pending) {
      pending = (async () => {
        const saved = fromQbo ? null : this.store?.load(entity);
        if (saved) {
          this.rows.set(
            entity,
            new Map(saved.filter((r) => typeof r.Id === 'string').map((r) => [r.Id as string, r as unknown as ReferenceTypes[ReferenceEntity]])),
          );
          return;
        }
        this.loads++;
        const map = new Map<string, ReferenceTypes[ReferenceEntity]>();
        for await (const row of this.client.query(entity, this.clause(entity))) {
          if (row.Id) map.set(row.Id, row as ReferenceTypes[ReferenceEntity]);
        }
        this.rows.set(entity, map);
        // A fresh load is saved at once (one write); later single changes are coalesced.
        this.store?.save(entity, [...map.values()] as unknown as Record<string, unknown>[]);
      })().finally(() => this.loading.delete(entity));
      this.loading.set(entity, pending);
    }
    return pending;
  }

  /** Writes pending changes to the store now (the sync engine calls it at the end of a run). */
  flush(): void {
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const entity of dirty) {
      const rows = this.rows.get(entity);
      if (this.store && rows) this.store.save(entity, [...rows.values()] as unknown as Record<string, unknown>[]);
    }
  }

  /** Coalesced: a batch of 30 creates rewrites the saved list once, not 30 times. */
  private persist(entity: ReferenceEntity): void {
    if (!this.store) return;
    this.dirty.add(entity);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }
}

function displayNames(entity: ReferenceEntity, row: ReferenceTypes[ReferenceEntity]): string[] {
  const r = row as unknown as Record<string, unknown>;
  const names = entity === 'Customer' ? [r.DisplayName] : [r.FullyQualifiedName, r.Name];
  return names.filter((n): n is string => typeof n === 'string');
}

/** One cache per environment + realm in this process. */
const caches = new Map<string, ReferenceCache>();

export function referenceCacheFor(environment: string, client: QboClient, options?: ReferenceCacheOptions): ReferenceCache {
  const key = `${environment}:${client.realmId}`;
  let cache = caches.get(key);
  if (!cache) {
    cache = new ReferenceCache(client, options);
    caches.set(key, cache);
  }
  cache.attach(client);
  return cache;
}

/** Drops a realm's cache (disconnect, reconnect to another company). */
export function forgetReferenceCache(environment: string, realmId: string): void {
  const key = `${environment}:${realmId}`;
  caches.get(key)?.dispose();
  caches.delete(key);
}
