/**
 * The synchronous lookups resolvePayload() needs (RefLookups), answered from memory: the account mapping
 * of this environment's ledger plus the QBO reference lists loaded once per run from the reference cache.
 * What the engine creates (classes, customers, items) is added as it is created, so no list is read
 * again after a create (reads are metered).
 */
import type { Ledger } from '../../ledger';
import type { Account, Customer, Item, QboClass, Ref, TaxCode } from '../../qbo/entities';
import type { InvoiceTax } from '../../por/model';
import type { AccountLookupRef, ItemSym, LookupRef, RefLookups, TaxCodeSym } from '../plan';
import { customerDisplayNames, itemName } from '../plan';

export interface ReferenceLists {
  Account: readonly Account[];
  Class: readonly QboClass[];
  Item: readonly Item[];
  Customer: readonly Customer[];
  TaxCode: readonly TaxCode[];
}

const lower = (s: string | undefined | null): string => (s ?? '').trim().toLowerCase();

export class RefIndex implements RefLookups {
  private readonly accounts = new Map<string, Account>();
  private readonly classes = new Map<string, QboClass>();
  private readonly items = new Map<string, Item>();
  private readonly customersByNumber = new Map<string, Customer>();
  private readonly customersByName = new Map<string, Customer>();
  private readonly customersById = new Map<string, Customer>();
  private readonly taxCodes = new Map<string, TaxCode>();
  /** Mapping answers for this index's run (a drain resolves the same few accounts thousands of times). */
  private readonly mapped = new Map<string, AccountLookupRef | null>();

  constructor(
    private readonly ledger: Ledger,
    lists: ReferenceLists,
  ) {
    for (const a of lists.Account) if (a.Id) this.accounts.set(a.Id, a);
    for (const c of lists.Class) this.addClass(c);
    for (const i of lists.Item) this.addItem(i);
    for (const c of lists.Customer) this.addCustomer(c);
    for (const t of lists.TaxCode) {
      if (t.Id) this.taxCodes.set(lower(t.Id), t);
      if (t.Name && !this.taxCodes.has(lower(t.Name))) this.taxCodes.set(lower(t.Name), t);
    }
  }

  /** A created or updated list entry (from a create response): later lookups see it at once. */
  add(entity: 'Class' | 'Customer' | 'Item', value: QboClass | Customer | Item): void {
    if (entity === 'Class') this.addClass(value as QboClass);
    else if (entity === 'Customer') this.addCustomer(value as Customer);
    else this.addItem(value as Item);
  }

  account(id: string): Account | undefined {
    return this.accounts.get(id);
  }

  accountFor(store: number, porAccount: string): AccountLookupRef | null {
    const key = `${store}\u0000${porAccount}`;
    if (this.mapped.has(key)) return this.mapped.get(key)!;
    const found = this.lookupAccount(store, porAccount);
    this.mapped.set(key, found);
    return found;
  }

  private lookupAccount(store: number, porAccount: string): AccountLookupRef | null {
    const m = this.ledger.mappings.resolve(store, porAccount);
    if (!m) return null;
    const acct = this.accounts.get(m.qboAccountId);
    const name = acct?.FullyQualifiedName ?? acct?.Name ?? m.qboAccountName ?? undefined;
    return {
      value: m.qboAccountId,
      ...(name ? { name } : {}),
      // An account QBO no longer lists is as good as inactive: sending it would fault 2500.
      active: acct ? acct.Active !== false : false,
      receivable: acct?.AccountType === 'Accounts Receivable',
    };
  }

  classFor(fullyQualifiedName: string): LookupRef | null {
    const c = this.classes.get(lower(fullyQualifiedName));
    return c?.Id ? { value: c.Id, name: c.FullyQualifiedName ?? c.Name, active: c.Active !== false } : null;
  }

  customerFor(number: string | null, name: string | null): Ref | null {
    if (number !== null) {
      const byNumber = this.customersByNumber.get(lower(number));
      if (byNumber?.Id) return { value: byNumber.Id, name: byNumber.DisplayName };
    }
    // By name only when that customer is not another POR customer's (no number, or the same one).
    const candidates = name ? customerDisplayNames({ number, name, email: null }) : [];
    for (const n of candidates) {
      const c = this.customersByName.get(lower(n));
      if (c?.Id && (!c.AcctNum || number === null || lower(c.AcctNum) === lower(number))) return { value: c.Id, name: c.DisplayName };
    }
    return null;
  }

  customerById(id: string): Customer | undefined {
    return this.customersById.get(id);
  }

  /** The customer QBO has under this display name, whoever it belongs to (after a 6240 refusal). */
  customerNamed(displayName: string): Customer | undefined {
    return this.customersByName.get(lower(displayName));
  }

  itemFor(item: ItemSym): LookupRef | null {
    const i = this.items.get(lower(itemName(item)));
    return i?.Id ? { value: i.Id, name: i.Name, active: i.Active !== false } : null;
  }

  taxCode(code: TaxCodeSym): Ref | null {
    const t = this.taxCodes.get(lower(code));
    return t?.Id ? { value: t.Id, name: t.Name } : null;
  }

  txnTaxCodeFor(_store: number, taxes: readonly InvoiceTax[]): Ref | null {
    // A QBO tax code named like POR's tax (only when there is one tax on the invoice); otherwise QBO decides.
    if (taxes.length !== 1) return null;
    const t = this.taxCodes.get(lower(taxes[0]!.name));
    return t?.Id && t.Active !== false && t.Id !== 'TAX' && t.Id !== 'NON' ? { value: t.Id, name: t.Name } : null;
  }

  private addClass(c: QboClass): void {
    if (!c.Id) return;
    const fqn = c.FullyQualifiedName ?? c.Name;
    const key = lower(fqn);
    const seen = this.classes.get(key);
    // Prefer an active entry when QBO holds an inactive twin.
    if (!seen || seen.Active === false || seen.Id === c.Id) this.classes.set(key, c);
  }

  private addItem(i: Item): void {
    if (!i.Id) return;
    const key = lower(i.Name);
    const seen = this.items.get(key);
    if (!seen || seen.Active === false || seen.Id === i.Id) this.items.set(key, i);
  }

  private addCustomer(c: Customer): void {
    if (!c.Id) return;
    this.customersById.set(c.Id, { ...this.customersById.get(c.Id), ...c });
    if (c.AcctNum) {
      const seen = this.customersByNumber.get(lower(c.AcctNum));
      if (!seen || seen.Active === false || seen.Id === c.Id) this.customersByNumber.set(lower(c.AcctNum), c);
    }
    const seen = this.customersByName.get(lower(c.DisplayName));
    if (!seen || seen.Active === false || seen.Id === c.Id) this.customersByName.set(lower(c.DisplayName), c);
  }
}
