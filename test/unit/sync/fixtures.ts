/** Sample POR documents and QBO lookups for the sync-mode tests, built here (not read from files). */
import type {
  GlJournal,
  InvoiceLine,
  PorCreditMemo,
  PorDeposit,
  PorDocument,
  PorEodBatch,
  PorInvoice,
  PorPayment,
  PorStoreDayClosed,
} from '../../../main/core/por/model';
import type { Ref } from '../../../main/core/qbo/entities';
import type { AccountLookupRef, LookupRef, RefLookups } from '../../../main/core/sync/plan/resolve-payload';
import type { PlanInput, StoreExportConfig } from '../../../main/core/sync/plan/plan-types';
import { itemName } from '../../../main/core/sync/modes/references';

export const DAY = '2026-03-14';
const source = { kind: 'feed' as const, file: 'feed.jsonl', line: 1 };

export const STORES: StoreExportConfig[] = [
  { number: 1, className: 'Store 1:Burbank', exportFormat: 'API-QBO' },
  { number: 2, className: 'Store 2:Glendale', exportFormat: 'API-QBO' },
];

export function line(partial: Partial<InvoiceLine> = {}): InvoiceLine {
  return { kind: 'rental', description: 'Excavator', quantity: '1', unitPrice: 10000, amount: 10000, taxable: true, account: '4000-01', ...partial };
}

export function invoice(partial: Partial<PorInvoice> = {}): PorInvoice {
  const lines = partial.lines ?? [line()];
  const taxes = partial.taxes ?? [{ name: 'Burbank sales tax', rate: '0.1025', amount: 1025, account: '2200' }];
  const total = partial.total ?? lines.reduce((s, l) => s + l.amount, 0) + taxes.reduce((s, t) => s + t.amount, 0);
  return {
    type: 'invoice',
    id: 'I-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source,
    invoiceNumber: '100001',
    contractNumber: 'C-1',
    customer: { number: 'C100', name: 'Acme Builders', email: 'ap@acme.test', accountCustomer: true },
    invoiceDate: DAY,
    dueDate: '2026-04-13',
    lines,
    taxes,
    total,
    paidAtClose: [],
    arAccount: '1200',
    ...partial,
  };
}

export function payment(partial: Partial<PorPayment> = {}): PorPayment {
  return {
    type: 'payment',
    id: 'P-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source,
    paymentId: 'P-1',
    customerNumber: 'C100',
    method: 'check',
    amount: 5000,
    appliedTo: [{ invoiceNumber: '100001', amount: 5000 }],
    account: '1000',
    paymentSource: 'counter',
    ...partial,
  };
}

export function creditMemo(partial: Partial<PorCreditMemo> = {}): PorCreditMemo {
  return {
    type: 'creditMemo',
    id: 'CM-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source,
    creditMemoNumber: 'CM-1',
    customer: { number: 'C100', name: 'Acme Builders', email: null, accountCustomer: true },
    amount: 2500,
    reason: 'Returned early',
    invoiceNumber: '100001',
    lines: [line({ amount: 2500, unitPrice: 2500, description: 'Early return credit', taxable: false })],
    ...partial,
  };
}

export function deposit(partial: Partial<PorDeposit> = {}): PorDeposit {
  return {
    type: 'deposit',
    id: 'D-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source,
    depositId: 'D-1',
    kind: 'bank',
    bankAccount: '1020-01',
    lines: [
      { method: 'cash', amount: 3000, account: '1000' },
      { method: 'check', amount: 5000, account: '1000' },
    ],
    ...partial,
  };
}

export function eodBatch(partial: Partial<PorEodBatch> = {}): PorEodBatch {
  return {
    type: 'eodBatch',
    id: 'E-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source,
    batchNumber: '77',
    lines: [
      { account: '5000', amount: 4000, memo: 'COGS', category: 'cogs' },
      { account: '1300', amount: -4000, memo: 'Inventory relieved', category: 'inventory' },
      { account: '6000', amount: 1500, memo: 'Depreciation', category: 'depreciation' },
      { account: '1590', amount: -1500, memo: 'Accumulated depreciation', category: 'depreciation' },
    ],
    ...partial,
  };
}

export function glJournal(partial: Partial<GlJournal> = {}): GlJournal {
  return {
    type: 'glJournal',
    id: 'GL-1-260314-1',
    store: 1,
    businessDate: DAY,
    revision: 1,
    source: { kind: 'iif', file: 'PR260314.iif', line: 5 },
    docNumber: 'PR260314',
    memo: 'POR EOD store 1',
    className: 'Store 1:Burbank',
    period: 'daily',
    lines: [
      { account: '1020-01', className: 'Store 1:Burbank', amount: 108000, memo: 'POR EOD store 1', name: null },
      { account: '4000-01', className: 'Store 1:Burbank', amount: -100000, memo: 'Rental revenue', name: null },
      { account: '4100', className: 'Store 1:Burbank', amount: 0, memo: 'Sales', name: null },
      { account: '2200', className: 'Store 1:Burbank', amount: -8000, memo: 'Sales tax', name: null },
    ],
    ...partial,
  };
}

export function closed(store: number, businessDate = DAY): PorStoreDayClosed {
  return {
    type: 'storeDayClosed',
    id: `close-${store}-${businessDate}`,
    store,
    businessDate,
    revision: 1,
    source,
    eodCompletedAt: `${businessDate}T23:00:00Z`,
  };
}

export function planInput(documents: PorDocument[], partial: Partial<PlanInput> = {}): PlanInput {
  return { environment: 'sandbox', mode: 'batch', documents, alreadySent: new Map(), stores: STORES, closedDays: [], ...partial };
}

/** An in-memory QBO company: every account mapped and active unless told otherwise. */
export interface FakeCompany {
  unmapped?: Set<string>;
  inactive?: Set<string>;
  receivable?: Set<string>;
  classes?: Map<string, LookupRef>;
  customers?: Map<string, Ref>;
  items?: boolean;
  noTaxCodes?: boolean;
}

export function lookups(company: FakeCompany = {}): RefLookups {
  const receivable = company.receivable ?? new Set(['1200']);
  return {
    accountFor(store, porAccount): AccountLookupRef | null {
      if (company.unmapped?.has(porAccount)) return null;
      return { value: `A-${porAccount}`, name: `Acct ${porAccount}`, active: !company.inactive?.has(porAccount), receivable: receivable.has(porAccount) };
    },
    classFor(fqn) {
      if (company.classes) return company.classes.get(fqn) ?? null;
      return { value: `K-${fqn}`, name: fqn };
    },
    customerFor(number, name) {
      if (company.customers) return company.customers.get(number ?? `name:${name}`) ?? null;
      return { value: `C-${number ?? name}`, name: name ?? undefined };
    },
    itemFor(item) {
      if (company.items === false) return null;
      return { value: `I-${item.kind}-${item.porAccount}`, name: itemName(item) };
    },
    taxCode(code) {
      return company.noTaxCodes ? null : { value: code };
    },
  };
}
