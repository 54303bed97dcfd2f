/** What every mode builder needs besides the documents themselves. */
import type { Environment } from '../../environment';
import type { ExportMode } from '../../ledger/env-settings';
import type { CustomerSym } from './draft-types';

export interface ModeContext {
  environment: Environment;
  mode: ExportMode;
  /** The plan's one canonical customer per POR customer number (payments carry only the number). */
  customer(number: string, fallback: CustomerSym | null): CustomerSym;
}

/** A store as the modes see it: every line it posts carries its class (`Parent:Sub`). */
export interface StoreContext {
  number: number;
  className: string;
}

export function storeLabel(store: StoreContext): string {
  return `POR store ${store.number} (${store.className})`;
}
