/**
 * The simulated company's objects, per entity, keyed by Id. Objects are stored exactly as QBO would
 * return them; callers get deep copies so nothing outside can change the company behind our back.
 */
import { qboDateTime } from './qbo-time';

export type QboObject = Record<string, unknown>;

export interface StoreSnapshot {
  entities: Record<string, QboObject[]>;
  nextId: Record<string, number>;
  /** Tombstones of deleted objects, for change data capture. */
  deleted?: Record<string, QboObject[]>;
}

export const clone = <T>(value: T): T => structuredClone(value);

/** QBO numbers all transaction types from one sequence, so a JournalEntry and an Invoice never share an Id. */
const TRANSACTIONS = new Set(['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit']);
const counterOf = (entity: string): string => (TRANSACTIONS.has(entity) ? 'Transaction' : entity);

export class CompanyStore {
  private readonly tables = new Map<string, Map<string, QboObject>>();
  private readonly nextIds = new Map<string, number>();
  private readonly tombstones = new Map<string, QboObject[]>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  private table(entity: string): Map<string, QboObject> {
    let t = this.tables.get(entity);
    if (!t) {
      t = new Map();
      this.tables.set(entity, t);
    }
    return t;
  }

  /** Live objects (not copies) in creation order (= Id order): for internal reads only. */
  all(entity: string): QboObject[] {
    return [...this.table(entity).values()];
  }

  get(entity: string, id: string): QboObject | undefined {
    return this.table(entity).get(id);
  }

  /** Adds a new object: assigns Id (unless given, e.g. TaxCode "TAX"), SyncToken "0" and MetaData. */
  insert(entity: string, obj: QboObject): QboObject {
    const t = this.table(entity);
    let id = typeof obj.Id === 'string' && obj.Id ? obj.Id : undefined;
    const counter = counterOf(entity);
    if (!id) {
      const next = this.nextIds.get(counter) ?? 1;
      id = String(next);
      this.nextIds.set(counter, next + 1);
    } else if (/^\d+$/.test(id)) {
      this.nextIds.set(counter, Math.max(this.nextIds.get(counter) ?? 1, Number(id) + 1));
    }
    const stamp = qboDateTime(this.now());
    const stored: QboObject = {
      ...obj,
      Id: id,
      SyncToken: '0',
      MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
      domain: 'QBO',
      sparse: false,
    };
    t.set(id, stored);
    this.onChange();
    return stored;
  }

  /** Replaces an object: bumps SyncToken and LastUpdatedTime, keeps CreateTime. */
  update(entity: string, obj: QboObject): QboObject {
    const id = String(obj.Id);
    const prev = this.table(entity).get(id);
    const prevMeta = (prev?.MetaData ?? {}) as Record<string, unknown>;
    const stored: QboObject = {
      ...obj,
      Id: id,
      SyncToken: String(Number(prev?.SyncToken ?? '0') + 1),
      MetaData: { CreateTime: prevMeta.CreateTime ?? qboDateTime(this.now()), LastUpdatedTime: qboDateTime(this.now()) },
      domain: 'QBO',
      sparse: false,
    };
    this.table(entity).set(id, stored);
    this.onChange();
    return stored;
  }

  remove(entity: string, id: string): void {
    this.table(entity).delete(id);
    const list = this.tombstones.get(entity) ?? [];
    list.push({ domain: 'QBO', status: 'Deleted', Id: id, MetaData: { LastUpdatedTime: qboDateTime(this.now()) } });
    this.tombstones.set(entity, list);
    this.onChange();
  }

  /** Deleted objects of an entity (Id, status "Deleted", MetaData.LastUpdatedTime). */
  deleted(entity: string): QboObject[] {
    return this.tombstones.get(entity) ?? [];
  }

  snapshot(): StoreSnapshot {
    const entities: Record<string, QboObject[]> = {};
    for (const [name, t] of this.tables) entities[name] = clone([...t.values()]);
    return { entities, nextId: Object.fromEntries(this.nextIds), deleted: clone(Object.fromEntries(this.tombstones)) };
  }

  restore(snap: StoreSnapshot): void {
    this.tables.clear();
    this.nextIds.clear();
    for (const [name, list] of Object.entries(snap.entities)) {
      const t = this.table(name);
      for (const obj of list) t.set(String(obj.Id), obj);
    }
    for (const [name, n] of Object.entries(snap.nextId)) this.nextIds.set(name, n);
    this.tombstones.clear();
    for (const [name, list] of Object.entries(snap.deleted ?? {})) this.tombstones.set(name, list);
  }
}
