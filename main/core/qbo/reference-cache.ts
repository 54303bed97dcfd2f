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

export interface ReferenceCacheOptions {
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
  private unsubscribe: () => void = () => {};
  private client!: QboClient;
  private loads = 0;

  constructor(client: QboClient, options: ReferenceCacheOptions = {}) {
    this.entities = options.entities ?? DEFAULT_ENTITIES;
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

  async reload(entity?: ReferenceEntity): Promise<void> {
    this.invalidate(entity);
    if (entity) await this.ensure(entity);
    else await this.ensureLoaded();
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
  }

  dispose(): void {
    this.unsubscribe();
  }

  private ensure(entity: ReferenceEntity): Promise<void> {
    if (this.rows.has(entity)) return Promise.resolve();
    let pending = this.loading.get(entity);
    if (!pending) {
      pending = (async () => {
        this.loads++;
        const map = new Map<string, ReferenceTypes[ReferenceEntity]>();
        for await (const row of this.client.query(entity, this.clause(entity))) {
          if (row.Id) map.set(row.Id, row as ReferenceTypes[ReferenceEntity]);
        }
        this.rows.set(entity, map);
      })().finally(() => this.loading.delete(entity));
      this.loading.set(entity, pending);
    }
    return pending;
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
