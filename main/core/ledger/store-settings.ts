import type { HistoryLog } from './history-log';
import type { LedgerContext } from './ledger-context';
import { prepared } from './statement-cache';

export type ExportFormat = 'API-QBO' | 'off';

export interface StoreSettings {
  store: number;
  name: string | null;
  /** QBO class for the store, `Parent:Sub` (e.g. `Store 1:Burbank`). */
  className: string | null;
  /** POR's "QB Class/Store Code", what the `{Class}` account tag expands to. */
  classCode: string | null;
  exportFormat: ExportFormat;
  updatedAt: string;
}

export type StoreSettingsInput = Partial<Omit<StoreSettings, 'store' | 'updatedAt'>> & { store: number };

interface Row {
  store: number;
  name: string | null;
  class_name: string | null;
  class_code: string | null;
  export_format: ExportFormat;
  updated_at: string;
}

/** Per-store settings of this environment (what POR configures per store for the QBO export). */
export class StoreSettingsTable {
  constructor(
    private readonly ctx: LedgerContext,
    private readonly history: HistoryLog,
  ) {}

  /** Creates or updates a store; fields left out keep their value. */
  upsert(input: StoreSettingsInput): StoreSettings {
    if (!Number.isInteger(input.store) || input.store < 1) throw new RangeError(`store must be a positive whole number, not ${input.store}`);
    if (input.className != null && !/^[^:]+(:[^:]+)+$/.test(input.className)) {
      throw new RangeError(`class "${input.className}" must look like Parent:Sub (e.g. "Store 1:Burbank")`);
    }
    return this.ctx.write(() => {
      const before = this.get(input.store);
      const next = {
        name: input.name !== undefined ? input.name : (before?.name ?? null),
        className: input.className !== undefined ? input.className : (before?.className ?? null),
        classCode: input.classCode !== undefined ? input.classCode : (before?.classCode ?? null),
        exportFormat: input.exportFormat ?? before?.exportFormat ?? 'API-QBO',
      };
      prepared(
        this.ctx.db,
        `INSERT INTO store_settings (store, name, class_name, class_code, export_format, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (store) DO UPDATE SET name = excluded.name, class_name = excluded.class_name, class_code = excluded.class_code,
           export_format = excluded.export_format, updated_at = excluded.updated_at`,
      ).run(input.store, next.name, next.className, next.classCode, next.exportFormat, this.ctx.now());
      const after = this.get(input.store)!;
      this.history.record({
        subjectKind: 'store',
        subjectKey: String(input.store),
        action: 'storeSettingsChanged',
        store: input.store,
        detail: { before, after },
      });
      return after;
    });
  }

  get(store: number): StoreSettings | null {
    const row = prepared(this.ctx.db, 'SELECT * FROM store_settings WHERE store = ?').get(store) as Row | undefined;
    return row ? toSettings(row) : null;
  }

  list(): StoreSettings[] {
    return (prepared(this.ctx.db, 'SELECT * FROM store_settings ORDER BY store').all() as Row[]).map(toSettings);
  }

  remove(store: number): boolean {
    return this.ctx.write(() => {
      const changed = prepared(this.ctx.db, 'DELETE FROM store_settings WHERE store = ?').run(store).changes > 0;
      if (changed) this.history.record({ subjectKind: 'store', subjectKey: String(store), action: 'storeRemoved', store });
      return changed;
    });
  }
}

function toSettings(r: Row): StoreSettings {
  return { store: r.store, name: r.name, className: r.class_name, classCode: r.class_code, exportFormat: r.export_format, updatedAt: r.updated_at };
}
