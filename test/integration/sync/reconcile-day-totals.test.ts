/**
 * Proof: reconciliation's POR side read from the day totals the ledger keeps (migration 008) gives the very
 * report planning every day afresh gives, after every kind of change a ledger sees (new days, revisions, IIF
 * regenerations decided either way, mapping and store changes, a mode switch, an invoice arriving after the
 * payment that names it), and only the days a change touched are planned again.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { generatePracticeStore } from '../../../main/core/por/practice';
import type { GlJournal, PorDocument, PorInvoice, PorPayment } from '../../../main/core/por/model';
import type { Account } from '../../../main/core/qbo/entities';
import type { QboClient } from '../../../main/core/qbo/qbo-client';
import type { ReferenceCache } from '../../../main/core/qbo/reference-cache';
import { planPorSide, planPorSideFresh } from '../../../main/core/sync/reconcile/por-side';
import { reconcile, type ReconcileReport } from '../../../main/core/sync/reconcile/reconcile';
import { makeTempDir } from '../../helpers/temp-dir';
import { tempLedgers } from '../../helpers/temp-ledger';

const openTemp = tempLedgers('porqbo-daytotals-');
const START = '2026-03-02';
const data = generatePracticeStore({ seed: 5, stores: 3, startDate: START, days: 8 });
const DAYS = data.days.map((d) => d.date);

/** QuickBooks holds nothing: the report is POR's side alone, which is what is compared here. */
const emptyQbo = {
  client: {
    stats: () => ({ meteredReads: 0 }),
    queryPages: async function* () {
      // no pages
    },
  } as unknown as QboClient,
  references: { list: () => Promise.resolve([]) } as unknown as ReferenceCache,
};

async function report(ledger: Ledger, from: string, to: string, fresh: boolean): Promise<string> {
  const r: ReconcileReport = await reconcile({
    ledger,
    environment: 'sandbox',
    ...emptyQbo,
    from,
    to,
    now: () => new Date('2026-04-01T00:00:00Z'),
    ...(fresh ? { porSide: planPorSideFresh } : {}),
  });
  return JSON.stringify(r);
}

const RANGES: [string, string][] = [
  [DAYS[0]!, DAYS[7]!],
  [DAYS[2]!, DAYS[5]!],
  [DAYS[4]!, DAYS[4]!],
  ['2026-01-01', '2026-12-31'],
];

/** Kept (cold, then warm) == fresh for every range, byte for byte; and the POR side holds something. */
async function expectSame(ledger: Ledger, step: string): Promise<void> {
  for (const [from, to] of RANGES) {
    const fresh = await report(ledger, from, to, true);
    expect(await report(ledger, from, to, false), `${step}: ${from}..${to} (cold)`).toBe(fresh);
    expect(await report(ledger, from, to, false), `${step}: ${from}..${to} (warm)`).toBe(fresh);
  }
  expect(planPorSideFresh(ledger, 'sandbox', DAYS[0]!, DAYS[7]!).sums.length, step).toBeGreaterThan(0);
}

const storedDays = (ledger: Ledger) => [...ledger.porDayTotals.plans(DAYS[0]!, DAYS[7]!).keys()].sort();
const others = (...days: string[]) => DAYS.filter((d) => !days.includes(d));

function setUpStores(ledger: Ledger): void {
  for (const s of data.stores) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
}

function record(ledger: Ledger, docs: readonly PorDocument[]): void {
  ledger.transaction(() => {
    for (const d of docs) ledger.documents.record(d);
  });
}

function gl(store: number, date: string, amount: number): GlJournal {
  const cls = data.stores.find((s) => s.number === store)!.className;
  return {
    type: 'glJournal',
    id: `PR${date}-${store}`,
    store,
    businessDate: date,
    revision: 1,
    source: { kind: 'iif', file: `PR${date}.iif`, line: 4 },
    docNumber: `PR${date}`,
    memo: `POR EOD store ${store}`,
    className: cls,
    period: 'daily',
    lines: [
      { account: '1020-01', className: cls, amount, memo: null, name: null },
      { account: '4000-01', className: cls, amount: -amount, memo: 'Rental revenue', name: null },
    ],
  };
}

describe('reconciliation from kept day totals', () => {
  it('equals planning every day afresh after every kind of change, and plans again only the days touched', async () => {
    const ledger = openTemp();
    setUpStores(ledger);
    record(
      ledger,
      data.days.slice(0, 5).flatMap((d) => d.feed),
    );
    await expectSame(ledger, 'batch, five days');
    expect(storedDays(ledger)).toEqual(DAYS.slice(0, 5));

    // New days: the stored ones stay.
    record(
      ledger,
      data.days.slice(5).flatMap((d) => d.feed),
    );
    expect(storedDays(ledger)).toEqual(DAYS.slice(0, 5));
    await expectSame(ledger, 'batch, eight days');

    // A revision supersedes an invoice of day 2: only day 2 is planned again.
    const inv = data.days[2]!.feed.find((d): d is PorInvoice => d.type === 'invoice')!;
    record(ledger, [{ ...inv, revision: 2, lines: inv.lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount + 500 } : l)), total: inv.total + 500 }]);
    expect(storedDays(ledger)).toEqual(others(DAYS[2]!));
    await expectSame(ledger, 'revision');

    // IIF GL blocks: a regeneration waits, is decided replace, regenerated again and decided keep.
    record(ledger, [gl(1, DAYS[3]!, 10_000), gl(2, DAYS[3]!, 20_000)]);
    await expectSame(ledger, 'iif block');
    record(ledger, [gl(1, DAYS[3]!, 12_000)]);
    await expectSame(ledger, 'iif regenerated, undecided');
    ledger.documents.decideRevision(`glJournal:PR${DAYS[3]}-1`, 'replace');
    expect(storedDays(ledger)).toEqual(others(DAYS[3]!));
    await expectSame(ledger, 'iif replaced');
    record(ledger, [gl(1, DAYS[3]!, 13_000)]);
    ledger.documents.decideRevision(`glJournal:PR${DAYS[3]}-1`, 'keep');
    await expectSame(ledger, 'iif kept');

    // Mappings: applied when the report is made; one to a QuickBooks A/R account changes the plan (A/R summary customer).
    ledger.reference.replace('Account', [
      { Id: '11', Name: 'Rental revenue', AccountType: 'Income' } as Account,
      { Id: '12', Name: 'Receivables', AccountType: 'Accounts Receivable' } as Account,
    ]);
    ledger.mappings.set({ store: null, porAccount: '4000-01', qboAccountId: '11', qboAccountName: 'Rental revenue', source: 'manual' });
    await expectSame(ledger, 'mapping');
    ledger.mappings.set({ store: 1, porAccount: '1020-01', qboAccountId: '12', qboAccountName: 'Receivables', source: 'manual' });
    await expectSame(ledger, 'mapping to A/R');

    // The store's A/R account, a store turned off, then the other modes.
    ledger.settings.set('storeArAccounts', { '2': '1299' });
    await expectSame(ledger, 'store A/R');
    ledger.stores.upsert({ store: 3, exportFormat: 'off' });
    await expectSame(ledger, 'store off');
    ledger.settings.set('exportMode', 'realtime');
    await expectSame(ledger, 'realtime');
    ledger.settings.set('exportMode', 'transaction');
    await expectSame(ledger, 'transaction');
    // A transaction-mode invoice closed after the range posts on its invoice date, inside it.
    const late = { ...inv, id: 'INV-LATE', invoiceNumber: 'LATE-0', businessDate: DAYS[6]!, invoiceDate: DAYS[4]! };
    record(ledger, [late]);
    expect(storedDays(ledger)).not.toContain(DAYS[6]);
    await expectSame(ledger, 'transaction, invoice dated before its day');
  });

  it('an invoice arriving after its payment was reconciled: the payment takes its A/R account', async () => {
    const ledger = openTemp();
    setUpStores(ledger);
    const [payDay, invoiceDay] = [DAYS[1]!, DAYS[3]!];
    record(
      ledger,
      data.days.slice(0, 5).flatMap((d) => d.feed),
    );
    const template = data.documents.find((d): d is PorPayment => d.type === 'payment' && d.store === 1)!;
    const payment: PorPayment = {
      ...template,
      id: 'PAY-EARLY',
      paymentId: 'EARLY',
      businessDate: payDay,
      amount: 7_700,
      appliedTo: [{ invoiceNumber: 'OOO-1', amount: 7_700 }],
    };
    record(ledger, [payment]);
    await expectSame(ledger, 'payment before its invoice');
    const ar = (date: string) =>
      planPorSide(ledger, 'sandbox', date, date)
        .sums.filter(([, store, , account]) => store === 1 && account.startsWith('12'))
        .map(([, , , account]) => account);
    expect(new Set(ar(payDay))).not.toContain('1250');

    const model = data.days[3]!.feed.find((d): d is PorInvoice => d.type === 'invoice' && d.store === 1)!;
    record(ledger, [{ ...model, id: 'INV-OOO', invoiceNumber: 'OOO-1', businessDate: invoiceDay, arAccount: '1250' }]);
    // The payment's day asked about that invoice: it is planned again, though none of its documents changed.
    expect(storedDays(ledger)).toEqual(DAYS.slice(0, 5).filter((d) => d !== payDay && d !== invoiceDay));
    await expectSame(ledger, 'invoice after its payment');
    expect(new Set(ar(payDay))).toContain('1250');
  });

  it('a ledger made at schema 7 opens at 8 and reconciles as before', async () => {
    const dir = makeTempDir('porqbo-schema7-');
    try {
      let ledger = openLedger(dir.path, 'sandbox');
      setUpStores(ledger);
      record(
        ledger,
        data.days.flatMap((d) => d.feed),
      );
      const before = await report(ledger, DAYS[0]!, DAYS[7]!, true);
      ledger.close();
      // What schema 7 had: no day totals, no record of migration 8.
      const db = new Database(ledger.path);
      db.exec('DROP TABLE por_day_plans; DROP TABLE por_day_deps; DELETE FROM schema_migrations WHERE version = 8; PRAGMA user_version = 7;');
      db.close();

      ledger = openLedger(dir.path, 'sandbox');
      try {
        expect(storedDays(ledger)).toEqual([]);
        expect(await report(ledger, DAYS[0]!, DAYS[7]!, false)).toBe(before);
        expect(storedDays(ledger)).toEqual(DAYS);
        expect(await report(ledger, DAYS[0]!, DAYS[7]!, false)).toBe(before);
      } finally {
        ledger.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('while another process holds the write lock, reconciles at once without keeping day totals', async () => {
    const ledger = openTemp();
    setUpStores(ledger);
    record(
      ledger,
      data.days.slice(0, 3).flatMap((d) => d.feed),
    );
    const fresh = await report(ledger, DAYS[0]!, DAYS[2]!, true);
    const other = new Database(ledger.path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      expect(await report(ledger, DAYS[0]!, DAYS[2]!, false)).toBe(fresh);
      expect(Date.now() - started).toBeLessThan(8_000); // not the ledger's 10 s busy wait
      expect(storedDays(ledger)).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await report(ledger, DAYS[0]!, DAYS[2]!, false)).toBe(fresh);
    expect(storedDays(ledger)).toEqual(DAYS.slice(0, 3));
  });
});
