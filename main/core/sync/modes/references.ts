/** The POR-side references a draft needs resolved: what the engine must find or create first. */
import type { CustomerSym, ItemKind, ItemSym, JobPayload } from './draft-types';
import { customerIdentity } from './netting';

export interface DraftReferences {
  /** Fully qualified class names (`Parent:Sub`). */
  classes: string[];
  customers: CustomerSym[];
  items: ItemSym[];
  accounts: { store: number; porAccount: string }[];
}

export function referencesOf(payload: JobPayload): DraftReferences {
  const classes = new Set<string>();
  const customers = new Map<string, CustomerSym>();
  const items = new Map<string, ItemSym>();
  const accounts = new Map<string, { store: number; porAccount: string }>();
  const addCustomer = (c: CustomerSym | null): void => {
    if (c && !customers.has(customerIdentity(c))) customers.set(customerIdentity(c), c);
  };
  const addAccount = (store: number, porAccount: string): void => {
    accounts.set(`${store}\u0000${porAccount}`, { store, porAccount });
  };
  switch (payload.entity) {
    case 'JournalEntry':
      for (const l of payload.lines) {
        classes.add(l.className);
        addCustomer(l.customer);
        addAccount(l.account.store, l.account.porAccount);
      }
      break;
    case 'Invoice':
    case 'CreditMemo':
      classes.add(payload.className);
      addCustomer(payload.customer);
      for (const l of payload.lines) {
        classes.add(l.className);
        items.set(itemIdentity(l.item), l.item);
        addAccount(l.item.store, l.item.porAccount);
      }
      break;
    case 'Payment':
      addCustomer(payload.customer);
      addAccount(payload.depositTo.store, payload.depositTo.porAccount);
      addAccount(payload.arAccount.store, payload.arAccount.porAccount);
      break;
    case 'Item':
      addAccount(payload.item.store, payload.item.porAccount);
      break;
    case 'Class':
      if (payload.parent) classes.add(payload.parent);
      break;
    case 'Customer':
      break;
  }
  return { classes: [...classes].sort(), customers: [...customers.values()], items: [...items.values()], accounts: [...accounts.values()] };
}

export function itemIdentity(i: ItemSym): string {
  return `${i.kind}\u0000${i.store}\u0000${i.porAccount}`;
}

const KIND_LABELS: Record<ItemKind, string> = {
  rental: 'Rental',
  sale: 'Sale',
  damageWaiver: 'Damage waiver',
  delivery: 'Delivery',
  pickup: 'Pickup',
  labor: 'Labor',
  fuel: 'Fuel',
  environmental: 'Environmental fee',
  other: 'Other charge',
  payment: 'Payment received',
};

/**
 * QBO names can't contain a colon (it separates parent and child) or control characters; at most 100.
 * Used for items and customers we create.
 */
export function qboName(text: string, max = 100): string {
  const clean = [...text]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' ? ' ' : ch === ':' ? '-' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= max ? clean : clean.slice(0, max).trimEnd();
}

/** "POR Rental 4000-01 (store 1)": one item per kind, account and store, so money lands where POR put it. */
export function itemName(i: ItemSym): string {
  const suffix = ` (store ${i.store})`;
  return qboName(`POR ${KIND_LABELS[i.kind]} ${qboName(i.porAccount, 60)}${suffix}`);
}

/** Display name for a customer we create; on a duplicate-name refusal (6240) the engine uses the second. */
export function customerDisplayNames(c: CustomerSym): [string, string] {
  const name = c.name && qboName(c.name) ? qboName(c.name, 400) : null;
  const fallback = `POR customer ${c.number ?? '?'}`;
  if (name === null) return [qboName(fallback), qboName(fallback)];
  return [name, c.number !== null ? `${name} (${qboName(c.number, 40)})` : `${name} (POR)`];
}
