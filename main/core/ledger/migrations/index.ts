import * as m001 from './001-initial';
import * as m002 from './002-outbox-queued-by-kind';
import * as m003 from './003-outbox-unconfirmed-sends';
import * as m004 from './004-refused-input-and-arrivals';
import * as m005 from './005-import-attempts-and-approvals';
import * as m006 from './006-year-scale-indexes';
import * as m007 from './007-job-error-kind';
import * as m008 from './008-por-day-totals';
import * as m009 from './009-store-day-summary-and-search-index';
import * as m010 from './010-store-day-dates';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: never edit a shipped migration, add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: m001.name, sql: m001.sql },
  { version: 2, name: m002.name, sql: m002.sql },
  { version: 3, name: m003.name, sql: m003.sql },
  { version: 4, name: m004.name, sql: m004.sql },
  { version: 5, name: m005.name, sql: m005.sql },
  { version: 6, name: m006.name, sql: m006.sql },
  { version: 7, name: m007.name, sql: m007.sql },
  { version: 8, name: m008.name, sql: m008.sql },
  { version: 9, name: m009.name, sql: m009.sql },
  { version: 10, name: m010.name, sql: m010.sql },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
