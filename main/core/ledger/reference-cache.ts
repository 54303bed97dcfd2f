import type { EntityMap } from '../qbo/entities';
import type { HistoryLog } from './history-log';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

/** Reference lists cached from QBO (read once, never after each create: reads are metered). */
export type ReferenceEntity = 'Account' | 'Class' | 'Department' | 'Item' | 'TaxCode' | 'Customer';

export interface ReferenceSnapshot {
  entity: ReferenceEntity;
  fetchedAt: string;
  realmId: string | null;
  count: number;
}

type WithId = { Id?: string; Active?: boolean };

/** The QBO client fills it; mapping, validation and the CLI read it. One cache per environment (its own file). */
export class ReferenceCache {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
  ) {}

  /** Replaces the whole list for one entity with what QBO just returned. */
  replace<E extends ReferenceEntity>(entity: E, items: EntityMap[E][], options: { realmId?: string | null } = {}): void {
    this.ctx.write(() => {
      const db = this.ctx.db;
      db.prepare('DELETE FROM qbo_reference WHERE entity = ?').run(entity);
      const insert = db.prepare('INSERT INTO qbo_reference (entity, qbo_id, name, active, data) VALUES (?, ?, ?, ?, ?)');
      let count = 0;
      for (const item of items) {
        const withId = item as WithId;
        if (!withId.Id) continue; // only saved QBO objects have an Id
        insert.run(entity, withId.Id, displayName(item), withId.Active === false ? 0 : 1, JSON.stringify(item));
        count++;
      }
      db.prepare(
        `INSERT INTO qbo_reference_snapshots (entity, fetched_at, realm_id, item_count) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity) DO UPDATE SET fetched_at = excluded.fetched_at, realm_id = excluded.realm_id, item_count = excluded.item_count`,
      ).run(entity, this.ctx.now(), options.realmId ?? null, count);
      this.history.record({ subjectKind: 'reference', subjectKey: entity, action: 'referenceRefreshed', detail: { count, realmId: options.realmId ?? null } });
    });
  }

  list<E extends ReferenceEntity>(entity: E, options: { activeOnly?: boolean } = {}): EntityMap[E][] {
    const sql = `SELECT data FROM qbo_reference WHERE entity = ? ${options.activeOnly ? 'AND active = 1' : ''} ORDER BY name`;
    return (prepared(this.ctx.db, sql, 'pluck').all(entity) as string[]).map((d) => JSON.parse(d) as EntityMap[E]);
  }

  get<E extends ReferenceEntity>(entity: E, qboId: string): EntityMap[E] | null {
    const data = prepared(this.ctx.db, 'SELECT data FROM qbo_reference WHERE entity = ? AND qbo_id = ?', 'pluck').get(entity, qboId) as string | undefined;
    return data ? (JSON.parse(data) as EntityMap[E]) : null;
  }

  /** When the list was last fetched; null means never (the cache is empty). */
  snapshot(entity: ReferenceEntity): ReferenceSnapshot | null {
    const row = prepared(this.ctx.db, 'SELECT * FROM qbo_reference_snapshots WHERE entity = ?').get(entity) as
      { entity: ReferenceEntity; fetched_at: string; realm_id: string | null; item_count: number } | undefined;
    return row ? { entity: row.entity, fetchedAt: row.fetched_at, realmId: row.realm_id, count: row.item_count } : null;
  }
}

function displayName(item: object): string {
  const o = item as { FullyQualifiedName?: string; Name?: string; DisplayName?: string };
  return o.FullyQualifiedName ?? o.Name ?? o.DisplayName ?? '';
}
