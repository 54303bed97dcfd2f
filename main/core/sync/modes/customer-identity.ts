/**
 * Whose QBO customer is this? QBO Online's Customer has no AcctNum (QBO.md), so the answer comes from the
 * ledger first (POR customer -> QBO Id of every posted customer ensure job), then from the POR number the
 * app writes into the customer's Notes ("POR customer #123"), then from AcctNum where a company still
 * returns it. Two POR customers with one name must never share a QBO customer.
 */
import type { Customer } from '../../qbo/entities';

const NOTE_NUMBER = /POR customer #(.+?)(?:\s+\[por-qbo [^\]]*\])?$/m;

/** The Notes the app gives a customer it creates (the marker is appended after this). */
export function porCustomerNote(number: string | null): string {
  return number !== null ? `POR customer #${number}` : 'Named in a POR GL export';
}

/** The POR number the Notes carry, if the app wrote them. */
export function porNumberInNotes(notes: string | undefined): string | undefined {
  const m = notes ? NOTE_NUMBER.exec(notes.trim()) : null;
  return m?.[1]?.trim() || undefined;
}

/** QBO's UI (and maybe its API) shows an inactive entry as "Name (deleted)": the name it had. */
export function withoutDeletedSuffix(displayName: string): string {
  return displayName.replace(/ \(deleted\)$/i, '');
}

/** Valid by QBO's rule (QBO.md): an address with "@" and "." and no spaces; anything else is dropped. */
export function usableEmail(email: string | null | undefined): string | null {
  const e = email?.trim() ?? '';
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e) ? e : null;
}

export class CustomerOwners {
  private readonly numberOfId = new Map<string, string>();

  constructor(private readonly links: Map<string, string>) {
    for (const [number, id] of links) this.numberOfId.set(id, number);
  }

  /** The QBO Id the ledger links this POR customer to. */
  linked(number: string): string | undefined {
    return this.links.get(number);
  }

  link(number: string, qboId: string): void {
    const before = this.links.get(number);
    if (before) this.numberOfId.delete(before);
    this.links.set(number, qboId);
    this.numberOfId.set(qboId, number);
  }

  /** The POR customer a QBO customer belongs to, as far as anything says. */
  ownerOf(c: Pick<Customer, 'Id' | 'AcctNum' | 'Notes'>): string | undefined {
    return (c.Id ? this.numberOfId.get(c.Id) : undefined) ?? porNumberInNotes(c.Notes) ?? (c.AcctNum || undefined);
  }

  /** May this POR customer (null: a name from a GL export) use that QBO customer? */
  mayUse(c: Pick<Customer, 'Id' | 'AcctNum' | 'Notes' | 'PrimaryEmailAddr'>, number: string | null, email: string | null): boolean {
    if (number === null) return true;
    const owner = this.ownerOf(c);
    if (owner !== undefined) return owner === number;
    // Nobody's yet: the same name is this customer unless the email says otherwise.
    const theirs = c.PrimaryEmailAddr?.Address?.trim().toLowerCase();
    const ours = usableEmail(email)?.toLowerCase();
    return !theirs || !ours || theirs === ours;
  }
}
