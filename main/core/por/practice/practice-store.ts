/**
 * The practice store: a seeded, deterministic rental business so every mode can run with no POR system.
 * Several stores; contracts and invoices with rental, sale, damage waiver, delivery, fee and tax lines;
 * cash, check, card and portal payments; credit memos; bank and card deposits; an EOD batch with inventory,
 * COGS, depreciation and transfers; store-day-closed events. The same business also comes out as POR's GL
 * export: per store per day, every posting netted per account into one balanced journal.
 * Same options -> the same documents, to the byte.
 */
import type { Cents } from '../../money';
import type {
  GlJournal,
  InvoiceLine,
  IsoDate,
  PaidAtClose,
  PaymentMethod,
  PorCreditMemo,
  PorCustomer,
  PorDeposit,
  PorDocument,
  PorEodBatch,
  PorInvoice,
  PorPayment,
  PorStoreDayClosed,
} from '../model';
import { addDays, dayOfWeek, isValidIsoDate } from '../iso-date';
import {
  COMPANY_CUSTOMERS,
  DAMAGE_WAIVER_RATE,
  DELIVERY_FEE,
  ENVIRONMENTAL_FEE,
  LABOR_RATE,
  PERSON_FIRST,
  PERSON_LAST,
  PICKUP_FEE,
  REFUEL_FEE,
  RENTAL_ITEMS,
  SALE_ITEMS,
} from './practice-catalog';
import { expandPracticeAccounts, storeAccounts, type ExpandedPracticeAccount, type StoreAccounts } from './practice-accounts';
import { multiplyCents } from './practice-math';
import { documentPostings, storeDayJournal, type Posting } from './practice-postings';
import { practiceStores, type PracticeStoreInfo } from './practice-stores';
import { seededRandom, type Random } from './seeded-random';

export interface PracticeOptions {
  seed: number;
  /** How many stores (1..99), numbered 1..n. */
  stores: number;
  startDate: IsoDate;
  days: number;
}

export type FeedDocument = Exclude<PorDocument, GlJournal>;

export interface PracticeDay {
  date: IsoDate;
  /** The day's feed documents, store by store. */
  feed: FeedDocument[];
  /** The day's GL export: one journal per store. */
  gl: GlJournal[];
}

export interface PracticeSummary {
  seed: number;
  stores: number;
  startDate: IsoDate;
  endDate: IsoDate;
  days: number;
  invoices: number;
  payments: number;
  creditMemos: number;
  deposits: number;
  eodBatches: number;
  storeDaysClosed: number;
  glJournals: number;
  glLines: number;
  invoicedCents: Cents;
  salesTaxCents: Cents;
  paymentsCents: Cents;
  depositedCents: Cents;
}

export interface PracticeStoreData {
  stores: PracticeStoreInfo[];
  accounts: ExpandedPracticeAccount[];
  days: PracticeDay[];
  documents: FeedDocument[];
  glJournals: GlJournal[];
  summary: PracticeSummary;
}

export const MAX_PRACTICE_DAYS = 3660;

interface OpenInvoice {
  invoice: PorInvoice;
  balance: Cents;
}

interface StoreState {
  info: PracticeStoreInfo;
  accounts: StoreAccounts;
  customers: PorCustomer[];
  dailyDepreciation: Cents;
  invoiceSeq: number;
  paymentSeq: number;
  creditMemoSeq: number;
  /** date -> invoices whose credit memo is issued that day */
  creditMemosDue: Map<IsoDate, OpenInvoice[]>;
  /** date -> invoices the customer pays that day */
  paymentsDue: Map<IsoDate, OpenInvoice[]>;
}

const PRACTICE_SOURCE = { kind: 'practice', file: null, line: null } as const;
const CARD_METHODS: readonly PaymentMethod[] = ['creditCard', 'debitCard', 'amex'];

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const sumOf = (values: readonly Cents[]): Cents => values.reduce((a, b) => a + b, 0);

function validate(options: PracticeOptions): void {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be a whole number');
  if (!isValidIsoDate(options.startDate)) throw new RangeError(`startDate must be a real date YYYY-MM-DD, got "${options.startDate}"`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_PRACTICE_DAYS) {
    throw new RangeError(`days must be a whole number from 1 to ${MAX_PRACTICE_DAYS}`);
  }
}

function makeCustomers(rng: Random, store: number): PorCustomer[] {
  const out: PorCustomer[] = [];
  let seq = 1;
  const number = (): string => `${store}${String(seq++).padStart(4, '0')}`;
  for (const company of COMPANY_CUSTOMERS) {
    if (!rng.chance(0.7)) continue;
    const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '');
    out.push({ number: number(), name: company, email: `ap@${slug}.example`, accountCustomer: true });
  }
  for (let i = 0; i < 16; i++) {
    const first = rng.pick(PERSON_FIRST);
    const last = rng.pick(PERSON_LAST);
    const name = `${first} ${last}`;
    if (out.some((c) => c.name === name)) continue;
    const email = rng.chance(0.6) ? `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com' : null;
    out.push({ number: number(), name, email, accountCustomer: false });
  }
  if (!out.some((c) => c.accountCustomer)) {
    out.push({ number: number(), name: COMPANY_CUSTOMERS[0]!, email: 'ap@acmebuilders.example', accountCustomer: true });
  }
  return out;
}

function rentalQuantity(rng: Random, description: string): string {
  if (/chair|table/i.test(description)) return String(rng.int(2, 12) * 10);
  return rng.weighted([
    ['1', 50],
    ['0.5', 8],
    ['1.5', 5],
    ['2', 15],
    ['3', 10],
    ['7', 12],
  ] as const);
}

function makeInvoice(rng: Random, s: StoreState, date: IsoDate): { invoice: PorInvoice; saleCost: Cents } {
  const a = s.accounts;
  const customer = rng.chance(0.35) ? rng.pick(s.customers.filter((c) => c.accountCustomer)) : rng.pick(s.customers);
  const lines: InvoiceLine[] = [];
  let saleCost = 0;
  const rentals = rng.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);
  const items = Array.from({ length: rentals }, () => rng.pick(RENTAL_ITEMS));
  for (const item of items) {
    const quantity = rentalQuantity(rng, item.description);
    lines.push({
      kind: 'rental',
      description: item.description,
      quantity,
      unitPrice: item.dailyRate,
      amount: multiplyCents(item.dailyRate, quantity),
      taxable: true,
      account: a.rental,
    });
  }
  const rentalTotal = sumOf(lines.map((l) => l.amount));
  if (rng.chance(0.7)) {
    const dw = multiplyCents(rentalTotal, DAMAGE_WAIVER_RATE);
    lines.push({ kind: 'damageWaiver', description: 'Damage waiver 12%', quantity: '1', unitPrice: dw, amount: dw, taxable: false, account: a.damageWaiver });
  }
  if (items.some((i) => i.delivered) && rng.chance(0.7)) {
    lines.push({
      kind: 'delivery',
      description: 'Delivery',
      quantity: '1',
      unitPrice: DELIVERY_FEE,
      amount: DELIVERY_FEE,
      taxable: false,
      account: a.delivery,
    });
    lines.push({ kind: 'pickup', description: 'Pickup', quantity: '1', unitPrice: PICKUP_FEE, amount: PICKUP_FEE, taxable: false, account: a.delivery });
  }
  if (items.some((i) => /tent/i.test(i.description)) && rng.chance(0.8)) {
    const hours = String(rng.int(2, 6));
    lines.push({
      kind: 'labor',
      description: 'Tent setup and teardown (hours)',
      quantity: hours,
      unitPrice: LABOR_RATE,
      amount: multiplyCents(LABOR_RATE, hours),
      taxable: false,
      account: a.labor,
    });
  }
  if (items.some((i) => i.fuel) && rng.chance(0.25)) {
    lines.push({ kind: 'fuel', description: 'Refuel charge', quantity: '1', unitPrice: REFUEL_FEE, amount: REFUEL_FEE, taxable: false, account: a.fuel });
  }
  if (rng.chance(0.5)) {
    lines.push({
      kind: 'environmental',
      description: 'Environmental fee',
      quantity: '1',
      unitPrice: ENVIRONMENTAL_FEE,
      amount: ENVIRONMENTAL_FEE,
      taxable: false,
      account: a.environmental,
    });
  }
  if (rng.chance(0.35)) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      const item = rng.pick(SALE_ITEMS);
      const qty = rng.int(1, 4);
      lines.push({
        kind: 'sale',
        description: item.description,
        quantity: String(qty),
        unitPrice: item.price,
        amount: item.price * qty,
        taxable: true,
        account: a.sales,
      });
      saleCost += item.cost * qty;
    }
  }
  const taxable = sumOf(lines.filter((l) => l.taxable).map((l) => l.amount));
  const tax = multiplyCents(taxable, s.info.taxRate);
  const taxes = tax !== 0 ? [{ name: s.info.taxName, rate: s.info.taxRate, amount: tax, account: a.salesTax }] : [];
  const total = sumOf(lines.map((l) => l.amount)) + tax;

  const paidAtClose: PaidAtClose[] = [];
  if (!customer.accountCustomer) {
    const method = rng.weighted([
      ['cash', 25],
      ['check', 10],
      ['creditCard', 45],
      ['debitCard', 12],
      ['amex', 8],
    ] as const);
    const landsIn = (m: PaymentMethod): string => (m === 'cash' || m === 'check' ? a.cash : a.cardClearing);
    if (total > 10000 && rng.chance(0.1)) {
      const cash = Math.floor(total / 200) * 100; // about half, in whole dollars
      paidAtClose.push({ method: 'cash', amount: cash, account: a.cash });
      paidAtClose.push({ method: 'creditCard', amount: total - cash, account: a.cardClearing });
    } else {
      paidAtClose.push({ method, amount: total, account: landsIn(method) });
    }
  }

  const invoiceNumber = String(s.info.number * 100_000 + ++s.invoiceSeq);
  return {
    saleCost,
    invoice: {
      type: 'invoice',
      id: `inv-${invoiceNumber}`,
      store: s.info.number,
      businessDate: date,
      revision: 1,
      source: PRACTICE_SOURCE,
      invoiceNumber,
      contractNumber: `C${invoiceNumber}`,
      customer,
      invoiceDate: date,
      dueDate: customer.accountCustomer ? addDays(date, 30) : null,
      lines,
      taxes,
      total,
      paidAtClose,
      arAccount: a.receivable,
    },
  };
}

function makeCreditMemo(s: StoreState, date: IsoDate, open: OpenInvoice): PorCreditMemo | null {
  const inv = open.invoice;
  const dw = inv.lines.find((l) => l.kind === 'damageWaiver');
  const delivery = inv.lines.find((l) => l.kind === 'delivery');
  const line = dw ?? delivery;
  if (!line || line.amount > open.balance) return null;
  const reason = dw ? 'Damage waiver refunded: customer has own equipment insurance' : 'Delivery fee waived: customer picked up';
  open.balance -= line.amount;
  const creditMemoNumber = `CM${s.info.number * 10_000 + ++s.creditMemoSeq}`;
  return {
    type: 'creditMemo',
    id: `cm-${creditMemoNumber}`,
    store: s.info.number,
    businessDate: date,
    revision: 1,
    source: PRACTICE_SOURCE,
    creditMemoNumber,
    customer: inv.customer,
    amount: line.amount,
    reason,
    invoiceNumber: inv.invoiceNumber,
    lines: [{ ...line }],
  };
}

function makePayments(rng: Random, s: StoreState, date: IsoDate, due: OpenInvoice[]): PorPayment[] {
  const byCustomer = new Map<string, OpenInvoice[]>();
  for (const open of due) if (open.balance > 0) pushTo(byCustomer, open.invoice.customer.number, open);
  const out: PorPayment[] = [];
  for (const [customerNumber, opens] of byCustomer) {
    const [method, source] = rng.weighted([
      [['check', 'counter'], 45],
      [['ach', 'counter'], 20],
      [['creditCard', 'portal'], 25],
      [['creditCard', 'cardIntegration'], 10],
    ] as const);
    const partial = opens.length === 1 && rng.chance(0.1);
    const appliedTo = opens
      .map((o) => {
        const amount = partial ? Math.floor(o.balance / 2) : o.balance;
        o.balance -= amount;
        return { invoiceNumber: o.invoice.invoiceNumber, amount };
      })
      .filter((x) => x.amount > 0);
    if (appliedTo.length === 0) continue;
    const account = method === 'check' ? s.accounts.cash : method === 'ach' ? s.accounts.bank : s.accounts.cardClearing;
    const paymentId = `${s.info.number}${String(++s.paymentSeq).padStart(6, '0')}`;
    out.push({
      type: 'payment',
      id: `pay-${paymentId}`,
      store: s.info.number,
      businessDate: date,
      revision: 1,
      source: PRACTICE_SOURCE,
      paymentId,
      customerNumber,
      method,
      amount: sumOf(appliedTo.map((x) => x.amount)),
      appliedTo,
      account,
      paymentSource: source,
    });
  }
  return out;
}

/** Pacific time: daylight time from the second Sunday of March to the first Sunday of November. */
function pacificOffset(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const nthSunday = (month: number, n: number): IsoDate => {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    return addDays(first, ((7 - dayOfWeek(first)) % 7) + 7 * (n - 1));
  };
  return date >= nthSunday(3, 2) && date < nthSunday(11, 1) ? '-07:00' : '-08:00';
}

export function generatePracticeStore(options: PracticeOptions): PracticeStoreData {
  validate(options);
  const rng = seededRandom(options.seed);
  const stores = practiceStores(options.stores);
  const accounts = expandPracticeAccounts(stores);
  const accountNames = new Map(accounts.map((a) => [a.number, a.name]));
  const states: StoreState[] = stores.map((info) => ({
    info,
    accounts: storeAccounts(info),
    customers: makeCustomers(rng, info.number),
    dailyDepreciation: rng.int(23_500, 47_000),
    invoiceSeq: 0,
    paymentSeq: 0,
    creditMemoSeq: 0,
    creditMemosDue: new Map(),
    paymentsDue: new Map(),
  }));
  let batchSeq = 5000;
  const days: PracticeDay[] = [];
  const summary: PracticeSummary = {
    seed: options.seed,
    stores: stores.length,
    startDate: options.startDate,
    endDate: addDays(options.startDate, options.days - 1),
    days: options.days,
    invoices: 0,
    payments: 0,
    creditMemos: 0,
    deposits: 0,
    eodBatches: 0,
    storeDaysClosed: 0,
    glJournals: 0,
    glLines: 0,
    invoicedCents: 0,
    salesTaxCents: 0,
    paymentsCents: 0,
    depositedCents: 0,
  };

  for (let d = 0; d < options.days; d++) {
    const date = addDays(options.startDate, d);
    const dow = dayOfWeek(date);
    const day: PracticeDay = { date, feed: [], gl: [] };
    // A fleet item moves between two stores now and then: out of one store's books, into the other's.
    const transfers: { from: number; to: number; value: Cents; description: string }[] = [];
    if (states.length > 1 && rng.chance(0.15)) {
      const from = rng.int(1, states.length);
      let to = rng.int(1, states.length - 1);
      if (to >= from) to++;
      transfers.push({ from, to, value: rng.int(150_000, 1_200_000), description: rng.pick(RENTAL_ITEMS).description });
    }

    for (const s of states) {
      const store = s.info.number;
      const a = s.accounts;
      const docs: FeedDocument[] = [];
      let saleCost = 0;

      const invoiceCount = dow === 0 ? rng.int(1, 3) : dow === 6 ? rng.int(3, 7) : rng.int(4, 9);
      for (let i = 0; i < invoiceCount; i++) {
        const made = makeInvoice(rng, s, date);
        docs.push(made.invoice);
        saleCost += made.saleCost;
        const open: OpenInvoice = { invoice: made.invoice, balance: made.invoice.total - sumOf(made.invoice.paidAtClose.map((p) => p.amount)) };
        if (open.balance > 0) {
          if (rng.chance(0.06)) pushTo(s.creditMemosDue, addDays(date, rng.int(0, 1)), open);
          if (rng.chance(0.8)) pushTo(s.paymentsDue, addDays(date, rng.int(2, 12)), open);
        }
      }
      for (const open of s.creditMemosDue.get(date) ?? []) {
        const memo = makeCreditMemo(s, date, open);
        if (memo) docs.push(memo);
      }
      s.creditMemosDue.delete(date);
      docs.push(...makePayments(rng, s, date, s.paymentsDue.get(date) ?? []));
      s.paymentsDue.delete(date);

      // What landed in the drawer and in card clearing today goes to the bank today.
      const drawer = new Map<PaymentMethod, Cents>();
      const cards = new Map<PaymentMethod, Cents>();
      const land = (method: PaymentMethod, account: string, amount: Cents): void => {
        if (account === a.cash) drawer.set(method, (drawer.get(method) ?? 0) + amount);
        else if (account === a.cardClearing) cards.set(method, (cards.get(method) ?? 0) + amount);
      };
      for (const doc of docs) {
        if (doc.type === 'invoice') doc.paidAtClose.forEach((p) => land(p.method, p.account, p.amount));
        if (doc.type === 'payment') land(doc.method, doc.account, doc.amount);
      }
      const deposit = (kind: 'bank' | 'creditCard', sums: Map<PaymentMethod, Cents>, from: string): PorDeposit | null => {
        const methods: readonly PaymentMethod[] = kind === 'bank' ? ['cash', 'check'] : CARD_METHODS;
        const lines = methods.filter((m) => (sums.get(m) ?? 0) > 0).map((m) => ({ method: m, amount: sums.get(m)!, account: from }));
        if (lines.length === 0) return null;
        return {
          type: 'deposit',
          id: `dep-${store}-${date}-${kind === 'bank' ? 'bank' : 'card'}`,
          store,
          businessDate: date,
          revision: 1,
          source: PRACTICE_SOURCE,
          depositId: `D${store}${date.replaceAll('-', '')}${kind === 'bank' ? 'B' : 'C'}`,
          kind,
          bankAccount: a.bank,
          lines,
        };
      };
      for (const dep of [deposit('bank', drawer, a.cash), deposit('creditCard', cards, a.cardClearing)]) if (dep) docs.push(dep);

      const eodLines: PorEodBatch['lines'] = [];
      if (saleCost > 0) {
        eodLines.push({ account: a.cogs, amount: saleCost, memo: 'Cost of goods sold', category: 'cogs' });
        eodLines.push({ account: a.inventory, amount: -saleCost, memo: 'Inventory relieved for sales', category: 'inventory' });
      }
      eodLines.push({ account: a.depreciation, amount: s.dailyDepreciation, memo: 'Daily depreciation of rental fleet', category: 'depreciation' });
      eodLines.push({ account: a.accumulatedDepreciation, amount: -s.dailyDepreciation, memo: 'Accumulated depreciation', category: 'depreciation' });
      for (const t of transfers) {
        if (t.from === store) {
          eodLines.push({ account: a.fleetTransfers, amount: t.value, memo: `Transfer to store ${t.to}: ${t.description}`, category: 'transfer' });
          eodLines.push({ account: a.fleet, amount: -t.value, memo: `Transfer to store ${t.to}: ${t.description}`, category: 'transfer' });
        } else if (t.to === store) {
          eodLines.push({ account: a.fleet, amount: t.value, memo: `Transfer from store ${t.from}: ${t.description}`, category: 'transfer' });
          eodLines.push({ account: a.fleetTransfers, amount: -t.value, memo: `Transfer from store ${t.from}: ${t.description}`, category: 'transfer' });
        }
      }
      const batchNumber = String(++batchSeq);
      docs.push({
        type: 'eodBatch',
        id: `eod-${batchNumber}`,
        store,
        businessDate: date,
        revision: 1,
        source: PRACTICE_SOURCE,
        batchNumber,
        lines: eodLines,
      });
      const closedAt = `${date}T${String(rng.int(17, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00${pacificOffset(date)}`;
      const closed: PorStoreDayClosed = {
        type: 'storeDayClosed',
        id: `close-${store}-${date}`,
        store,
        businessDate: date,
        revision: 1,
        source: PRACTICE_SOURCE,
        eodCompletedAt: closedAt,
      };
      docs.push(closed);

      const postings: Posting[] = docs.flatMap((doc) => documentPostings(doc, a.receivable));
      const journal = storeDayJournal({
        store,
        className: s.info.className,
        date,
        docNumber: `PR${date.slice(2).replaceAll('-', '')}`,
        postings,
        accountNames,
      });
      if (journal) day.gl.push(journal);
      day.feed.push(...docs);

      for (const doc of docs) {
        switch (doc.type) {
          case 'invoice':
            summary.invoices++;
            summary.invoicedCents += doc.total;
            summary.salesTaxCents += sumOf(doc.taxes.map((t) => t.amount));
            break;
          case 'payment':
            summary.payments++;
            summary.paymentsCents += doc.amount;
            break;
          case 'creditMemo':
            summary.creditMemos++;
            break;
          case 'deposit':
            summary.deposits++;
            summary.depositedCents += sumOf(doc.lines.map((l) => l.amount));
            break;
          case 'eodBatch':
            summary.eodBatches++;
            break;
          case 'storeDayClosed':
            summary.storeDaysClosed++;
            break;
        }
      }
    }
    summary.glJournals += day.gl.length;
    summary.glLines += sumOf(day.gl.map((j) => j.lines.length));
    days.push(day);
  }

  return {
    stores,
    accounts,
    days,
    documents: days.flatMap((d) => d.feed),
    glJournals: days.flatMap((d) => d.gl),
    summary,
  };
}
