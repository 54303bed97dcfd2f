/**
 * The stores of one environment as the UI shows them: every store POR data names or setup added, its
 * export format, and what QuickBooks says about its class (from the cached class list, never guessed).
 */
import type { StoreRow, StoresView } from '../../../../preload/contract';
import type { Ledger } from '../../ledger';
import type { QboClass } from '../../qbo/entities';

type ClassState = StoreRow['classState'];

export function classStateOf(className: string | null, classes: readonly QboClass[] | null): { state: ClassState; message: string | null } {
  if (!className) return { state: 'unset', message: 'No class set for this store.' };
  if (!classes) return { state: 'unchecked', message: null };
  const wanted = className.trim().toLowerCase();
  const found = classes.find((c) => (c.FullyQualifiedName ?? c.Name).trim().toLowerCase() === wanted);
  if (!found) return { state: 'missing', message: `QuickBooks has no class "${className}".` };
  if (found.Active === false) return { state: 'inactive', message: `"${className}" is inactive in QuickBooks: make it active there.` };
  return { state: 'exists', message: null };
}

/** The cached QBO class list, or null when it was never read from QuickBooks. */
export function cachedClasses(ledger: Ledger): QboClass[] | null {
  return ledger.reference.snapshot('Class') ? ledger.reference.list('Class') : null;
}

export function storesView(ledger: Ledger): StoresView {
  const settings = new Map(ledger.stores.list().map((s) => [s.store, s]));
  const documents = new Map<number, number>();
  for (const d of ledger.reconciliation.storeDays()) {
    if (d.store !== null) documents.set(d.store, (documents.get(d.store) ?? 0) + d.documents);
  }
  const numbers = [...new Set([...settings.keys(), ...documents.keys()])].filter((n) => n > 0).sort((a, b) => a - b);
  const classes = cachedClasses(ledger);
  const stores: StoreRow[] = numbers.map((store) => {
    const s = settings.get(store);
    const cls = classStateOf(s?.className ?? null, classes);
    return {
      store,
      name: s?.name ?? null,
      className: s?.className ?? null,
      classCode: s?.classCode ?? null,
      // A store POR sends data for but nobody configured is not exported until someone says so.
      exportFormat: s?.exportFormat ?? 'off',
      classState: cls.state,
      classMessage: cls.message,
      documents: documents.get(store) ?? 0,
    };
  });
  return { stores, classesCheckedAt: ledger.reference.snapshot('Class')?.fetchedAt ?? null };
}
