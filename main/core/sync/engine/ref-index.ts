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
import { CustomerOwners, porNumberInNotes, withoutDeletedSuffix } from '../modes/customer-identity';

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
  /** Whose each QBO customer is (ledger links first). */
  readonly owners: CustomerOwners;
  /** Mapping answers for this index's run (a drain resolves the same few accounts thousands of times). */
  private readonly mapped = new Map<string, AccountLookupRef | null>();

  constructor(
    private readonly ledger: Ledger,
    lists: ReferenceLists,
  ) {
    this.owners = new CustomerOwners(ledger.outbox.customerLinks());
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

  /**
   * The ledger's link first; then a customer whose Notes (or AcctNum) carry this POR number; then, the first
   * time, one with the same name (and no other email) that belongs to no other POR customer.
   */
  customerFor(number: string | null, name: string | null, email: string | null = null): Ref | null {
    if (number !== null) {
      const linked = this.owners.linked(number);
      if (linked) {
        const c = this.customersById.get(linked);
        return c?.DisplayName ? { value: linked, name: c.DisplayName } : { value: linked };
      }
      const byNumber = this.customersByNumber.get(lower(number));
      if (byNumber?.Id && this.owners.mayUse(byNumber, number, email)) return { value: byNumber.Id, name: byNumber.DisplayName };
    }
    const candidates = name ? customerDisplayNames({ number, name, email: null }) : [];
    for (const n of candidates) {
      const c = this.customersByName.get(lower(n));
      if (c?.Id && this.owners.mayUse(c, number, email)) return { value: c.Id, name: c.DisplayName };
    }
    return null;
  }

  /** What the job with this key (or its repost, `~rN`) created in QBO, when it is posted. */
  postedQboId(idempotencyKey: string): string | null {
    for (let n = 0; n < 100; n++) {
      const row = this.ledger.outbox.getByKey(n === 0 ? idempotencyKey : `${idempotencyKey}~r${n}`);
      if (!row) return null;
      if (row.status === 'posted' && row.qboId) return row.qboId;
    }
    return null;
  }

  /** A customer ensure job finished: this POR customer is that QBO customer from now on. */
  linkCustomer(number: string, qboId: string): void {
    this.owners.link(number, qboId);
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
    const merged = { ...this.customersById.get(c.Id), ...c };
    this.customersById.set(c.Id, merged);
    const number = porNumberInNotes(merged.Notes) ?? merged.AcctNum;
    if (number) {
      const seen = this.customersByNumber.get(lower(number));
      if (!seen || seen.Active === false || seen.Id === c.Id) this.customersByNumber.set(lower(number), merged);
    }
    // An inactive entry may come back as "Name (deleted)": it is still the customer of that name.
    const key = lower(merged.Active === false ? withoutDeletedSuffix(merged.DisplayName) : merged.DisplayName);
    const seen = this.customersByName.get(key);
    if (!seen || seen.Active === false || seen.Id === c.Id) this.customersByName.set(key, merged);
  }
}
