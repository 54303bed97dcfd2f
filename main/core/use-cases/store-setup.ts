/**
 * A store's export settings as the wizard and `por-qbo stores` save them: empty text clears a field, a
 * store first seen here starts with its export off until someone picks API-QBO, and a bad number or
 * class comes back as a refusal in words. Adding refuses a number that exists (it would overwrite it).
 */
import type { Ledger } from '../ledger';
import type { ExportFormat, StoreSettings } from '../ledger/store-settings';
import { refusal, type SetupRefusal } from './setup-refusal';

export interface StoreInput {
  store: number;
  /** Empty or null clears it. */
  name?: string | null;
  className?: string | null;
  classCode?: string | null;
  exportFormat?: ExportFormat;
}

export function saveStoreSettings(ledger: Ledger, input: StoreInput): { saved: StoreSettings } | SetupRefusal {
  try {
    const saved = ledger.stores.upsert({
      store: input.store,
      ...(input.name !== undefined ? { name: input.name || null } : {}),
      ...(input.className !== undefined ? { className: input.className || null } : {}),
      ...(input.classCode !== undefined ? { classCode: input.classCode || null } : {}),
      // A store first seen here has no row yet: keep it off until someone picks API-QBO.
      exportFormat: input.exportFormat ?? ledger.stores.get(input.store)?.exportFormat ?? 'off',
    });
    return { saved };
  } catch (err) {
    if (err instanceof RangeError) return refusal('invalid-store', err.message);
    throw err;
  }
}

/**
 * Adds a store number the environment does not know yet: neither set up nor named by POR data (adding never
 * overwrites a store's name or format). The CLI and the app's "Add store" both come here.
 */
export function addStore(ledger: Ledger, input: StoreInput): { saved: StoreSettings } | SetupRefusal {
  const existing = Number.isInteger(input.store) ? ledger.stores.get(input.store) : null;
  const seenInPor = Number.isInteger(input.store) && ledger.reconciliation.storeDays({ store: input.store }).length > 0;
  if (existing || seenInPor) {
    return refusal(
      'store-exists',
      `Store ${input.store}${existing?.name ? ` (${existing.name})` : ''} exists already; change it with "set" instead of adding it again.`,
    );
  }
  return saveStoreSettings(ledger, input);
}
