import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBodyAgainstSchema } from '../../../main/core/qbo/schema';
import { accountId, idOf, jeLine, startClient, type SimClient } from './sim-client';

let c: SimClient;
beforeAll(async () => {
  c = await startClient();
});
afterAll(() => c.close());

describe('seeded rental company', () => {
  it('has a chart of accounts with POR account numbers, per-store suffixes and inactive accounts', () => {
    const accounts = c.sim.list('Account');
    const byNum = new Map(accounts.map((a) => [a.AcctNum, a]));
    for (const n of [
      '1000',
      '1020-01',
      '1020-02',
      '1050',
      '1200',
      '1300',
      '1500',
      '1590',
      '2200',
      '4000-01',
      '4000-02',
      '4100',
      '4200',
      '4300',
      '5000',
      '6000',
    ]) {
      expect(byNum.has(n), n).toBe(true);
    }
    expect(byNum.get('1200')).toMatchObject({ AccountType: 'Accounts Receivable', Classification: 'Asset' });
    expect(accounts.filter((a) => a.Active === false).length).toBeGreaterThanOrEqual(2);
  });

  it('has store classes with one parent:sub, items for every POR line kind and tax codes TAX/NON', () => {
    const classes = c.sim.list('Class').map((x) => x.FullyQualifiedName);
    expect(classes).toContain('Store 1:Burbank');
    expect(classes).not.toContain('Store 2:Glendale');
    const items = c.sim.list('Item').map((x) => x.Name);
    for (const n of ['Rental', 'Sale', 'Damage Waiver', 'Delivery', 'Pickup', 'Labor', 'Fuel', 'Environmental', 'Other']) expect(items).toContain(n);
    expect(c.sim.list('TaxCode').map((x) => x.Id)).toEqual(expect.arrayContaining(['TAX', 'NON']));
  });

  it('is the same every time (deterministic seed)', async () => {
    const other = await startClient();
    const strip = (list: Record<string, unknown>[]): unknown[] => list.map(({ MetaData: _m, ...rest }) => rest);
    for (const e of ['Account', 'Class', 'Item', 'Customer', 'TaxCode']) expect(strip(other.sim.list(e))).toEqual(strip(c.sim.list(e)));
    await other.close();
  });

  it('stores only element names the XSDs allow, so a client echoing an object back never faults', () => {
    for (const e of ['Account', 'Class', 'Department', 'Item', 'Customer', 'TaxCode', 'CompanyInfo', 'PaymentMethod']) {
      for (const obj of c.sim.list(e)) expect(checkBodyAgainstSchema(e, obj), `${e} ${String(obj.Id)}`).toEqual([]);
    }
  });

  it('answers CompanyInfo and Preferences reads as metered reads', async () => {
    const before = c.sim.stats().meteredReads;
    const info = await c.api('GET', `companyinfo/${c.sim.realmId}`);
    expect(info.status).toBe(200);
    expect(info.body.CompanyInfo.CompanyName).toBe(c.sim.companyName);
    const prefs = await c.api('GET', 'preferences');
    expect(prefs.body.Preferences.AccountingInfoPrefs.ClassTrackingPerTxnLine).toBe(true);
    expect(checkBodyAgainstSchema('Preferences', prefs.body.Preferences)).toEqual([]);
    expect(c.sim.stats().meteredReads).toBe(before + 2);
  });
});

describe('create, read, update, delete, void', () => {
  const bank = (): string => accountId(c.sim, '1020-01');
  const rental = (): string => accountId(c.sim, '4000-01');
  const tax = (): string => accountId(c.sim, '2200');

  it('creates a balanced JournalEntry and returns it QBO-shaped', async () => {
    const res = await c.api('POST', 'journalentry', {
      TxnDate: '2026-03-14',
      DocNumber: 'PR260314-1',
      PrivateNote: 'POR EOD store 1',
      Line: [
        jeLine('Debit', 1080, bank()),
        jeLine('Credit', 1000, rental(), { ClassRef: { value: idOf(c.sim, 'Class', 'FullyQualifiedName', 'Store 1:Burbank') } }),
        jeLine('Credit', 80, tax()),
      ],
    });
    expect(res.status).toBe(200);
    const je = res.body.JournalEntry;
    expect(je).toMatchObject({ Id: expect.any(String), SyncToken: '0', TotalAmt: 1080, domain: 'QBO', DocNumber: 'PR260314-1' });
    expect(je.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-08:00$/);
    expect(je.Line[1].JournalEntryLineDetail.ClassRef.name).toBe('Store 1:Burbank');
    expect(je.Line[0].JournalEntryLineDetail.AccountRef.name).toBe('Operating - Store 1 Burbank');
    expect(typeof res.body.time).toBe('string');
    expect(res.headers.get('intuit_tid')).toMatch(/^1-/);
    expect(checkBodyAgainstSchema('JournalEntry', je)).toEqual([]);

    const read = await c.api('GET', `journalentry/${je.Id}`);
    expect(read.body.JournalEntry).toEqual(je);
  });

  it('sparse-updates with the current SyncToken and faults 5010 on a stale one', async () => {
    const created = (await c.api('POST', 'customer', { DisplayName: 'Sparse Test Co', AcctNum: '20001' })).body.Customer;
    const upd = await c.api('POST', 'customer?operation=update', { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Notes: 'VIP' });
    expect(upd.status).toBe(200);
    expect(upd.body.Customer).toMatchObject({ SyncToken: '1', Notes: 'VIP', DisplayName: 'Sparse Test Co', AcctNum: '20001' });
    const stale = await c.api('POST', 'customer', { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'late' });
    expect(stale.status).toBe(400);
    expect(stale.body.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect(c.sim.list('Customer').find((x) => x.Id === created.Id)?.Notes).toBe('VIP');
  });

  it('a full update replaces the object (fields left out are cleared)', async () => {
    const created = (await c.api('POST', 'customer', { DisplayName: 'Full Update Co', Notes: 'keep?' })).body.Customer;
    const upd = await c.api('POST', 'customer', { Id: created.Id, SyncToken: created.SyncToken, DisplayName: 'Full Update Co' });
    expect(upd.body.Customer.Notes).toBeUndefined();
  });

  it('deletes a transaction; a second delete or read is 610', async () => {
    const je = (await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 5, bank()), jeLine('Credit', 5, rental())] })).body.JournalEntry;
    const del = await c.api('POST', 'journalentry?operation=delete', { Id: je.Id, SyncToken: je.SyncToken });
    expect(del.status).toBe(200);
    expect(del.body.JournalEntry).toEqual({ domain: 'QBO', status: 'Deleted', Id: je.Id });
    expect((await c.api('GET', `journalentry/${je.Id}`)).body.Fault.Error[0].code).toBe('610');
    expect((await c.api('POST', 'journalentry?operation=delete', { Id: je.Id, SyncToken: je.SyncToken })).body.Fault.Error[0].code).toBe('610');
  });

  it('voids an invoice (amounts zeroed, kept) but refuses to void or delete what QBO cannot', async () => {
    const customer = idOf(c.sim, 'Customer', 'DisplayName', 'Acme Construction');
    const item = idOf(c.sim, 'Item', 'Name', 'Rental');
    const inv = (
      await c.api('POST', 'invoice', {
        CustomerRef: { value: customer },
        Line: [
          {
            Amount: 150,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: { ItemRef: { value: item }, Qty: 2, UnitPrice: 75, TaxCodeRef: { value: 'TAX' } },
          },
        ],
        TxnTaxDetail: { TotalTax: 14.25 },
      })
    ).body.Invoice;
    expect(inv).toMatchObject({ TotalAmt: 164.25, Balance: 164.25 });
    expect(inv.Line.at(-1).DetailType).toBe('SubTotalLineDetail');
    const voided = await c.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken });
    expect(voided.status).toBe(200);
    expect(voided.body.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, SyncToken: '1' });
    expect(voided.body.Invoice.PrivateNote).toMatch(/^Voided/);
    const je = (await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 5, bank()), jeLine('Credit', 5, rental())] })).body.JournalEntry;
    const noVoid = await c.api('POST', 'journalentry?operation=void', { Id: je.Id, SyncToken: je.SyncToken });
    expect(noVoid.body.Fault.Error[0].code).toBe('500');
    const cls = c.sim.list('Class')[0]!;
    const noDelete = await c.api('POST', 'class?operation=delete', { Id: cls.Id, SyncToken: cls.SyncToken });
    expect(noDelete.body.Fault.Error[0].code).toBe('500');
  });

  it('applies a payment to an invoice, and voiding the payment restores the balance', async () => {
    const customer = idOf(c.sim, 'Customer', 'DisplayName', 'Valley Landscaping');
    const inv = (
      await c.api('POST', 'invoice', {
        CustomerRef: { value: customer },
        Line: [{ Amount: 200, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: idOf(c.sim, 'Item', 'Name', 'Labor') } } }],
      })
    ).body.Invoice;
    const pay = await c.api('POST', 'payment', {
      CustomerRef: { value: customer },
      TotalAmt: 120,
      Line: [{ Amount: 120, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    });
    expect(pay.status).toBe(200);
    expect(pay.body.Payment.UnappliedAmt).toBe(0);
    const after = c.sim.list('Invoice').find((x) => x.Id === inv.Id)!;
    expect(after.Balance).toBe(80);
    const over = await c.api('POST', 'payment', {
      CustomerRef: { value: customer },
      TotalAmt: 100,
      Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    });
    expect(over.body.Fault.Error[0].code).toBe('6000');
    const voided = await c.api('POST', 'payment?operation=void', { Id: pay.body.Payment.Id, SyncToken: pay.body.Payment.SyncToken });
    expect(voided.status).toBe(200);
    expect(c.sim.list('Invoice').find((x) => x.Id === inv.Id)!.Balance).toBe(200);
  });

  it('creates a Deposit into a bank account from card clearing', async () => {
    const dep = await c.api('POST', 'deposit', {
      TxnDate: '2026-03-14',
      DepositToAccountRef: { value: bank() },
      Line: [
        {
          Amount: 512.4,
          DetailType: 'DepositLineDetail',
          DepositLineDetail: { AccountRef: { value: accountId(c.sim, '1050') }, PaymentMethodRef: { value: idOf(c.sim, 'PaymentMethod', 'Name', 'Visa') } },
        },
      ],
    });
    expect(dep.status).toBe(200);
    expect(dep.body.Deposit.TotalAmt).toBe(512.4);
    expect(checkBodyAgainstSchema('Deposit', dep.body.Deposit)).toEqual([]);
  });

  it('creates CreditMemo, Item, Department, Account and a sub Class with FullyQualifiedName', async () => {
    const cm = await c.api('POST', 'creditmemo', {
      CustomerRef: { value: idOf(c.sim, 'Customer', 'DisplayName', 'Jane Doe') },
      Line: [{ Amount: 25, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: idOf(c.sim, 'Item', 'Name', 'Other') } } }],
    });
    expect(cm.body.CreditMemo).toMatchObject({ TotalAmt: 25, RemainingCredit: 25 });
    const item = await c.api('POST', 'item', { Name: 'Cleaning fee', Type: 'Service', IncomeAccountRef: { value: accountId(c.sim, '4900') } });
    expect(item.body.Item).toMatchObject({ FullyQualifiedName: 'Cleaning fee', Active: true });
    const dept = await c.api('POST', 'department', { Name: 'Pasadena' });
    expect(dept.body.Department).toMatchObject({ FullyQualifiedName: 'Pasadena', SubDepartment: false });
    const acct = await c.api('POST', 'account', { Name: 'Rental revenue - Store 4', AcctNum: '4000-04', AccountType: 'Income' });
    expect(acct.body.Account).toMatchObject({ Classification: 'Revenue', AccountSubType: 'ServiceFeeIncome' });
    const parent = idOf(c.sim, 'Class', 'Name', 'Store 2');
    const sub = await c.api('POST', 'class', { Name: 'Glendale', ParentRef: { value: parent } });
    expect(sub.body.Class).toMatchObject({ FullyQualifiedName: 'Store 2:Glendale', SubClass: true, ParentRef: { value: parent, name: 'Store 2' } });
    for (const [e, v] of [
      ['CreditMemo', cm.body.CreditMemo],
      ['Item', item.body.Item],
      ['Account', acct.body.Account],
      ['Class', sub.body.Class],
    ] as const) {
      expect(checkBodyAgainstSchema(e, v)).toEqual([]);
    }
  });

  it('change data capture lists changes and deletions since a time, at most 30 days back', async () => {
    let t = Date.parse('2026-03-14T12:00:00Z');
    const d = await startClient({ now: () => t });
    try {
      t += 1_800_000; // half an hour later (the access token lives an hour)
      const since = new Date(t - 60_000).toISOString();
      const je = (await d.api('POST', 'journalentry', { Line: [jeLine('Debit', 2, accountId(d.sim, '1000')), jeLine('Credit', 2, accountId(d.sim, '4100'))] }))
        .body.JournalEntry;
      await d.api('POST', 'journalentry?operation=delete', { Id: je.Id, SyncToken: je.SyncToken });
      const cust = (await d.api('POST', 'customer', { DisplayName: 'CDC Customer' })).body.Customer;
      const res = await d.api('GET', `cdc?entities=JournalEntry,Customer,Item&changedSince=${encodeURIComponent(since)}`);
      expect(res.status).toBe(200);
      const [jes, customers, items] = res.body.CDCResponse[0].QueryResponse;
      expect(jes.JournalEntry).toEqual([expect.objectContaining({ Id: je.Id, status: 'Deleted' })]);
      expect(customers.Customer.map((x: { Id: string }) => x.Id)).toEqual([cust.Id]);
      expect(items).toEqual({});
      const old = new Date(t - 31 * 86_400_000).toISOString();
      expect((await d.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(old)}`)).status).toBe(400);
    } finally {
      await d.close();
    }
  });

  it('resolves entity paths case-insensitively, as QBO does', async () => {
    const res = await c.api('GET', `JournalEntry/${c.sim.list('JournalEntry')[0]!.Id}`);
    expect(res.status).toBe(200);
  });
});

describe('fidelity of everything stored', () => {
  it('every object the simulator holds after all the writes above fits the XSD map', () => {
    for (const e of ['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit', 'Customer', 'Item', 'Class', 'Department', 'Account']) {
      const list = c.sim.list(e);
      expect(list.length, e).toBeGreaterThan(0);
      for (const obj of list) expect(checkBodyAgainstSchema(e, obj), `${e} ${String(obj.Id)}`).toEqual([]);
    }
  });
});
