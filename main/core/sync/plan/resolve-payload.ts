/**
 * resolvePayload: a planned job's draft -> the exact QBO body, given lookups into the account mapping and
 * the reference cache. Pure: it never throws for data and never calls QBO; anything it can't resolve comes
 * back as plain problems (unmapped account, inactive account, missing class...) for the UI and the
 * engine's "mapping fault" path. Amounts become QBO numbers here and only here (centsToAmount).
 */
import { centsToAmount, centsToDecimal } from '../../money';
import type { InvoiceTax } from '../../por/model';
import type { CreditMemo, Customer, Invoice, Item, JournalEntry, JournalEntryLine, Payment, QboClass, Ref, SalesItemLine } from '../../qbo/entities';
import { fitDocNumber } from '../modes/doc-number';
import type { ClassDraft, CustomerDraft, CustomerSym, ItemDraft, ItemSym, JournalDraft, PaymentDraft, SalesDraft, TaxCodeSym } from '../modes/draft-types';
import type { ExportJob } from '../modes/export-job';
import { customerDisplayNames, qboName } from '../modes/references';
import { porCustomerNote, usableEmail } from '../modes/customer-identity';

export type LookupRef = Ref & { active?: boolean };
export type AccountLookupRef = LookupRef & {
  /** True for Accounts Receivable accounts: QBO refuses a journal line there without a customer. */
  receivable?: boolean;
};

export interface RefLookups {
  accountFor(store: number, porAccount: string): AccountLookupRef | null;
  classFor(fullyQualifiedName: string): LookupRef | null;
  /** By the ledger's link for the POR number first, then by the number QBO holds, then by name and email. */
  customerFor(number: string | null, name: string | null, email?: string | null): Ref | null;
  itemFor(item: ItemSym): LookupRef | null;
  taxCode(code: TaxCodeSym): Ref | null;
  /** Optional: the combined tax rate code for an invoice's taxes (TxnTaxCodeRef). */
  txnTaxCodeFor?(store: number, taxes: readonly InvoiceTax[]): Ref | null;
  /** The QBO Id another job of this ledger posted (a payment's invoice), or null while it is not posted. */
  postedQboId?(idempotencyKey: string): string | null;
}

export type ProblemCode =
  | 'unmappedAccount'
  | 'inactiveAccount'
  | 'receivableNeedsCustomer'
  | 'missingClass'
  | 'inactiveClass'
  | 'missingParentClass'
  | 'missingCustomer'
  | 'missingItem'
  | 'inactiveItem'
  | 'missingTaxCode'
  | 'unbalanced'
  | 'missingInvoice';

export interface ResolveProblem {
  code: ProblemCode;
  message: string;
  store?: number;
  porAccount?: string;
  className?: string;
  customer?: CustomerSym;
  item?: ItemSym;
  /** missingInvoice: the job that creates it. */
  jobKey?: string;
}

export type ResolvedBody =
  | { entity: 'JournalEntry'; body: JournalEntry }
  | { entity: 'Invoice'; body: Invoice }
  | { entity: 'CreditMemo'; body: CreditMemo }
  | { entity: 'Payment'; body: Payment }
  | { entity: 'Customer'; body: Customer }
  | { entity: 'Class'; body: QboClass }
  | { entity: 'Item'; body: Item };

export type ResolveResult =
  | ResolvedBody
  /** Ensure jobs: the class, customer or item already exists. */
  | { existing: Ref }
  /** Everything netted to zero: mark the parts sent, call nothing. */
  | { nothingToPost: string }
  | { problems: ResolveProblem[] };

export function resolvePayload(job: ExportJob, refs: RefLookups): ResolveResult {
  if (job.nothingToPost) return { nothingToPost: job.notes[job.notes.length - 1] ?? 'Nothing to post.' };
  const p = job.payload;
  switch (p.entity) {
    case 'JournalEntry':
      return resolveJournal(p, refs);
    case 'Invoice':
    case 'CreditMemo':
      return resolveSales(p, refs, job.store ?? 0);
    case 'Payment':
      return resolvePayment(p, refs);
    case 'Customer':
      return resolveCustomer(p, refs);
    case 'Class':
      return resolveClass(p, refs);
    case 'Item':
      return resolveItem(p, refs);
  }
}

class Problems {
  private readonly seen = new Map<string, ResolveProblem>();
  add(key: string, problem: ResolveProblem): void {
    if (!this.seen.has(key)) this.seen.set(key, problem);
  }
  get list(): ResolveProblem[] {
    return [...this.seen.values()];
  }
}

function plainRef(r: Ref): Ref {
  return r.name === undefined ? { value: r.value } : { value: r.value, name: r.name };
}

function account(refs: RefLookups, problems: Problems, store: number, porAccount: string): AccountLookupRef | null {
  const found = refs.accountFor(store, porAccount);
  if (!found) {
    problems.add(`acct:${store}:${porAccount}`, {
      code: 'unmappedAccount',
      store,
      porAccount,
      message: `POR account ${porAccount} (store ${store}) is not mapped to a QuickBooks account. Map it under Account mapping, then retry.`,
    });
    return null;
  }
  if (found.active === false) {
    problems.add(`acct:${store}:${porAccount}`, {
      code: 'inactiveAccount',
      store,
      porAccount,
      message: `POR account ${porAccount} (store ${store}) is mapped to the QuickBooks account "${found.name ?? found.value}", which is inactive. Make it active in QuickBooks or map an active account, then retry.`,
    });
    return null;
  }
  return found;
}

function klass(refs: RefLookups, problems: Problems, fqn: string): Ref | null {
  const found = refs.classFor(fqn);
  if (!found) {
    problems.add(`class:${fqn}`, {
      code: 'missingClass',
      className: fqn,
      message: `The class "${fqn}" does not exist in QuickBooks yet. It is created before the first entry that needs it; if this persists, create it in QuickBooks (Settings > All lists > Classes).`,
    });
    return null;
  }
  if (found.active === false) {
    problems.add(`class:${fqn}`, {
      code: 'inactiveClass',
      className: fqn,
      message: `The class "${fqn}" is inactive in QuickBooks. Make it active again, then retry.`,
    });
    return null;
  }
  return plainRef(found);
}

function customer(refs: RefLookups, problems: Problems, c: CustomerSym): Ref | null {
  const found = refs.customerFor(c.number, c.name, c.email);
  if (!found) {
    problems.add(`cust:${c.number ?? ''}:${c.name ?? ''}`, {
      code: 'missingCustomer',
      customer: c,
      message: `Customer ${describeCustomer(c)} is not in QuickBooks yet; it is created before the first entry that needs it.`,
    });
    return null;
  }
  return plainRef(found);
}

function describeCustomer(c: CustomerSym): string {
  if (c.number !== null && c.name) return `"${c.name}" (POR #${c.number})`;
  return c.number !== null ? `POR #${c.number}` : `"${c.name ?? ''}"`;
}

function resolveJournal(d: JournalDraft, refs: RefLookups): ResolveResult {
  const problems = new Problems();
  const lines: JournalEntryLine[] = [];
  let net = 0;
  for (const l of d.lines) {
    net += l.posting === 'Debit' ? l.amount : -l.amount;
    const acct = account(refs, problems, l.account.store, l.account.porAccount);
    const cls = klass(refs, problems, l.className);
    const cust = l.customer ? customer(refs, problems, l.customer) : null;
    if (acct?.receivable && !l.customer) {
      problems.add(`ar:${l.account.store}:${l.account.porAccount}`, {
        code: 'receivableNeedsCustomer',
        store: l.account.store,
        porAccount: l.account.porAccount,
        message: `POR account ${l.account.porAccount} (store ${l.account.store}) is mapped to an Accounts Receivable account, and QuickBooks needs a customer on every A/R line, but POR's entry names none. Map it to a non-A/R account or have POR put the customer on the line.`,
      });
    }
    if (!acct || !cls || (l.customer && !cust)) continue;
    lines.push({
      ...(l.description ? { Description: l.description } : {}),
      Amount: centsToAmount(l.amount),
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: {
        PostingType: l.posting,
        AccountRef: plainRef(acct),
        ClassRef: cls,
        ...(cust ? { Entity: { Type: 'Customer' as const, EntityRef: cust } } : {}),
      },
    });
  }
  if (net !== 0) {
    problems.add('unbalanced', { code: 'unbalanced', message: `Internal error: debits and credits differ by ${centsToDecimal(net)}; nothing was sent.` });
  }
  if (problems.list.length > 0) return { problems: problems.list };
  return {
    entity: 'JournalEntry',
    body: { TxnDate: d.txnDate, DocNumber: fitDocNumber(d.docNumber).docNumber, PrivateNote: d.privateNote, Line: lines },
  };
}

function resolveSales(d: SalesDraft, refs: RefLookups, store: number): ResolveResult {
  const problems = new Problems();
  const cust = customer(refs, problems, d.customer);
  const headerClass = klass(refs, problems, d.className);
  const taxCodes = new Map<TaxCodeSym, Ref | null>();
  const taxCode = (code: TaxCodeSym): Ref | null => {
    if (!taxCodes.has(code)) taxCodes.set(code, refs.taxCode(code));
    const found = taxCodes.get(code)!;
    if (!found) {
      problems.add(`tax:${code}`, {
        code: 'missingTaxCode',
        message: `QuickBooks has no tax code "${code}". Transaction mode needs the US TAX and NON codes (turn on sales tax in QuickBooks).`,
      });
    }
    return found ? plainRef(found) : null;
  };
  const lines: SalesItemLine[] = [];
  for (const l of d.lines) {
    const item = refs.itemFor(l.item);
    if (!item) {
      problems.add(`item:${l.item.kind}:${l.item.store}:${l.item.porAccount}`, {
        code: 'missingItem',
        item: l.item,
        message: `No QuickBooks item for ${l.item.kind} lines on POR account ${l.item.porAccount} (store ${l.item.store}) yet; it is created before the first invoice that needs it.`,
      });
    } else if (item.active === false) {
      problems.add(`item:${l.item.kind}:${l.item.store}:${l.item.porAccount}`, {
        code: 'inactiveItem',
        item: l.item,
        message: `The QuickBooks item "${item.name ?? item.value}" used for ${l.item.kind} lines on POR account ${l.item.porAccount} is inactive. Make it active again, then retry.`,
      });
    }
    const cls = klass(refs, problems, l.className);
    const tax = taxCode(l.taxCode);
    if (!item || item.active === false || !cls || !tax) continue;
    lines.push({
      ...(l.description ? { Description: l.description } : {}),
      Amount: centsToAmount(l.amount),
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: plainRef(item), Qty: Number(l.qty), UnitPrice: centsToAmount(l.unitPrice), TaxCodeRef: tax, ClassRef: cls },
    });
  }
  if (problems.list.length > 0 || !cust || !headerClass) return { problems: problems.list };
  const txnTaxCode = d.taxes.length > 0 && refs.txnTaxCodeFor ? refs.txnTaxCodeFor(store, d.taxes) : null;
  const body: Invoice = {
    CustomerRef: cust,
    DocNumber: fitDocNumber(d.docNumber).docNumber,
    TxnDate: d.txnDate,
    ...(d.entity === 'Invoice' && d.dueDate ? { DueDate: d.dueDate } : {}),
    ClassRef: headerClass,
    PrivateNote: d.privateNote,
    ...(usableEmail(d.customer.email) && d.entity === 'Invoice' ? { BillEmail: { Address: usableEmail(d.customer.email)! } } : {}),
    Line: lines,
    // POR's tax always stated, 0.00 included: automated sales tax recomputes whatever is left out (QBO.md).
    TxnTaxDetail: { ...(txnTaxCode ? { TxnTaxCodeRef: plainRef(txnTaxCode) } : {}), TotalTax: centsToAmount(d.totalTax) },
  };
  return d.entity === 'Invoice' ? { entity: 'Invoice', body } : { entity: 'CreditMemo', body: body as CreditMemo };
}

function resolvePayment(d: PaymentDraft, refs: RefLookups): ResolveResult {
  const problems = new Problems();
  const cust = customer(refs, problems, d.customer);
  const depositTo = account(refs, problems, d.depositTo.store, d.depositTo.porAccount);
  const ar = account(refs, problems, d.arAccount.store, d.arAccount.porAccount);
  const invoiceId = d.applied > 0 ? (refs.postedQboId?.(d.invoiceJobKey) ?? null) : null;
  if (d.applied > 0 && !invoiceId) {
    problems.add('invoice', {
      code: 'missingInvoice',
      jobKey: d.invoiceJobKey,
      message: `Invoice ${d.refNumber} is not in QuickBooks yet; its payment is applied to it once it is.`,
    });
  }
  if (problems.list.length > 0 || !cust || !depositTo || !ar) return { problems: problems.list };
  return {
    entity: 'Payment',
    body: {
      CustomerRef: cust,
      TotalAmt: centsToAmount(d.amount),
      TxnDate: d.txnDate,
      PaymentRefNum: d.refNumber.slice(0, 21),
      DepositToAccountRef: plainRef(depositTo),
      ARAccountRef: plainRef(ar),
      PrivateNote: d.privateNote,
      Line: invoiceId ? [{ Amount: centsToAmount(d.applied), LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }] : [],
    },
  };
}

function resolveCustomer(d: CustomerDraft, refs: RefLookups): ResolveResult {
  const found = refs.customerFor(d.customer.number, d.customer.name, d.customer.email);
  if (found) return { existing: plainRef(found) };
  const [displayName] = customerDisplayNames(d.customer);
  // The POR number lives in Notes, a field QBO Online has (its Customer has no AcctNum); the ledger links it.
  const email = usableEmail(d.customer.email);
  return {
    entity: 'Customer',
    body: {
      DisplayName: displayName,
      ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
      Notes: porCustomerNote(d.customer.number),
    },
  };
}

function resolveClass(d: ClassDraft, refs: RefLookups): ResolveResult {
  const found = refs.classFor(d.fullyQualifiedName);
  if (found) return { existing: plainRef(found) };
  if (d.parent === null) return { entity: 'Class', body: { Name: qboName(d.name) } };
  const parent = refs.classFor(d.parent);
  if (!parent) {
    return {
      problems: [
        {
          code: 'missingParentClass',
          className: d.fullyQualifiedName,
          message: `The class "${d.fullyQualifiedName}" needs its parent "${d.parent}" to exist first.`,
        },
      ],
    };
  }
  return { entity: 'Class', body: { Name: qboName(d.name), SubClass: true, ParentRef: plainRef(parent) } };
}

function resolveItem(d: ItemDraft, refs: RefLookups): ResolveResult {
  const found = refs.itemFor(d.item);
  if (found) return { existing: plainRef(found) };
  const problems = new Problems();
  const acct = account(refs, problems, d.item.store, d.item.porAccount);
  if (!acct) return { problems: problems.list };
  return { entity: 'Item', body: { Name: d.name, Type: 'Service', IncomeAccountRef: plainRef(acct) } };
}
