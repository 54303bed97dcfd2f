import * as m001 from './001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: never edit a shipped migration, add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: m001.name, sql: m001.sql }];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
