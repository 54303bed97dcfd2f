/**
 * Folders 0700 and files 0600: the ledger, its WAL, logs and state hold a store's books and must not
 * be readable by other users of a shared PC. On Windows POSIX modes mean little (ACLs of the user's
 * profile folder protect it); chmod is then harmless.
 */
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export function ensurePrivateDir(dir: string): void {
  try {
    chmodSync(dir, 0o700);
  } catch {
    // not ours to change (a shared folder a person chose): the files inside are still 0600
  }
}

/** Creates the file 0600 if it does not exist; makes an existing one 0600. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  try {
    chmodSync(file, 0o600);
  } catch {
    // read-only media or another owner: opening it will say so
  }
}
