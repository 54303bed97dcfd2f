/**
 * A read-only SQLite connection to an environment's ledger file, for the searches the UI needs that the
 * ledger's own API does not offer (outbox text search and date ranges, paged). Read-only: the ledger
 * stays the one writer; WAL lets this reader see committed rows without blocking it.
 */
import Database from 'better-sqlite3';
import type { Ledger } from '../../ledger';

export class LedgerReader {
  readonly db: Database.Database;

  constructor(ledger: Pick<Ledger, 'path'>) {
    this.db = new Database(ledger.path, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
