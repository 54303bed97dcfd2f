import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, idOf, jeLine, startClient, type SimClient } from './sim-client';

let c: SimClient;
beforeAll(async () => {
  c = await startClient();
});
afterAll(() => c.close());

const firstError = (body: any): { code: string; Message: string; Detail: string; element: string } => body.Fault.Error[0]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('QBO validation faults', () => {
  const bank = (): string => accountId(c.sim, '1020-01');
  const rental = (): string => accountId(c.sim, '4000-01');

  it('unbalanced journal entry: 6000 business validation, nothing stored', async () => {
    const before = c.sim.list('JournalEntry').length;
    const res = await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 100, bank()), jeLine('Credit', 99.99, rental())] });
    expect(res.status).toBe(400);
    expect(res.body.Fault.type).toBe('ValidationFault');
    expect(firstError(res.body)).toMatchObject({ code: '6000', Message: 'A business validation error has occurred while processing your request' });
    expect(firstError(res.body).Detail).toMatch(/^Business Validation Error: .*100\.00.*99\.99/);
    expect(c.sim.list('JournalEntry').length).toBe(before);
  });

  it('A/R line without a customer Entity: 6000; with one it posts', async () => {
    const ar = accountId(c.sim, '1200');
    const bad = await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 50, ar), jeLine('Credit', 50, rental())] });
    expect(firstError(bad.body).code).toBe('6000');
    expect(firstError(bad.body).Detail).toContain('Accounts Receivable, you must choose a customer');
    const customer = idOf(c.sim, 'Customer', 'DisplayName', 'Acme Construction');
    const good = await c.api('POST', 'journalentry', {
      Line: [jeLine('Debit', 50, ar, { Entity: { Type: 'Customer', EntityRef: { value: customer } } }), jeLine('Credit', 50, rental())],
    });
    expect(good.status).toBe(200);
    expect(good.body.JournalEntry.Line[0].JournalEntryLineDetail.Entity.EntityRef.name).toBe('Acme Construction');
  });

  it('duplicate DocNumber: 6140 on JournalEntry, Invoice and CreditMemo; allowed when the check is off', async () => {
    const je = { DocNumber: 'DUP-1', Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, rental())] };
    expect((await c.api('POST', 'journalentry', je)).status).toBe(200);
    const dup = await c.api('POST', 'journalentry', je);
    expect(firstError(dup.body)).toMatchObject({ code: '6140', element: 'DocNumber' });
    expect(firstError(dup.body).Detail).toMatch(/DocNumber=DUP-1 is assigned to TxnType=Journal Entry with TxnId=\d+/);
    const customer = idOf(c.sim, 'Customer', 'DisplayName', 'Jane Doe');
    const line = [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: idOf(c.sim, 'Item', 'Name', 'Fuel') } } }];
    for (const entity of ['invoice', 'creditmemo']) {
      expect((await c.api('POST', entity, { DocNumber: 'INV-77', CustomerRef: { value: customer }, Line: line })).status).toBe(200);
      expect(firstError((await c.api('POST', entity, { DocNumber: 'INV-77', CustomerRef: { value: customer }, Line: line })).body).code).toBe('6140');
    }
    expect((await c.api('POST', 'journalentry?include=allowduplicatedocnum', je)).status).toBe(200);
    c.sim.knobs.duplicateDocNumberCheck = false;
    try {
      expect((await c.api('POST', 'journalentry', je)).status).toBe(200);
    } finally {
      c.sim.knobs.duplicateDocNumberCheck = true;
    }
  });

  it('closed period: 6210 for create, update and delete on or before the closing date', async () => {
    const open = (await c.api('POST', 'journalentry', { TxnDate: '2026-02-01', Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, rental())] })).body
      .JournalEntry;
    c.sim.knobs.closingDate = '2026-02-28';
    try {
      const res = await c.api('POST', 'journalentry', { TxnDate: '2026-02-28', Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, rental())] });
      expect(firstError(res.body)).toMatchObject({ code: '6210', Message: 'Account Period Closed, Cannot Update Through Services API' });
      expect(firstError(res.body).Detail).toContain('2026-02-28');
      expect((await c.api('POST', 'journalentry', { TxnDate: '2026-03-01', Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, rental())] })).status).toBe(
        200,
      );
      const upd = await c.api('POST', 'journalentry', { Id: open.Id, SyncToken: open.SyncToken, sparse: true, TxnDate: '2026-03-05' });
      expect(firstError(upd.body).code).toBe('6210');
      const del = await c.api('POST', 'journalentry?operation=delete', { Id: open.Id, SyncToken: open.SyncToken });
      expect(firstError(del.body).code).toBe('6210');
    } finally {
      c.sim.knobs.closingDate = null;
    }
  });

  it('missing reference: 2500 naming the id; inactive reference: 610', async () => {
    const missing = await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 1, '99999'), jeLine('Credit', 1, rental())] });
    expect(firstError(missing.body)).toMatchObject({ code: '2500', Message: 'Invalid Reference Id' });
    expect(firstError(missing.body).Detail).toContain('Accounts element id 99999 not found');
    const inactive = accountId(c.sim, '4000-09');
    const res = await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, inactive)] });
    expect(firstError(res.body)).toMatchObject({ code: '610', Message: 'Object Not Found' });
    const oldCustomer = idOf(c.sim, 'Customer', 'DisplayName', 'Old Rentals LLC');
    const inv = await c.api('POST', 'invoice', {
      CustomerRef: { value: oldCustomer },
      Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }],
    });
    expect(firstError(inv.body).code).toBe('610');
    const inactiveClass = idOf(c.sim, 'Class', 'Name', 'Store 9');
    const cls = await c.api('POST', 'journalentry', {
      Line: [jeLine('Debit', 1, bank(), { ClassRef: { value: inactiveClass } }), jeLine('Credit', 1, rental())],
    });
    expect(firstError(cls.body).code).toBe('610');
  });

  it('duplicate names: 6240 for Customer DisplayName, Class under the same parent, Account and Item names', async () => {
    const cust = await c.api('POST', 'customer', { DisplayName: 'ACME CONSTRUCTION' });
    expect(firstError(cust.body)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    expect(firstError(cust.body).Detail).toBe(`The name supplied already exists. : Id=${idOf(c.sim, 'Customer', 'DisplayName', 'Acme Construction')}`);
    const inactive = await c.api('POST', 'customer', { DisplayName: 'Old Rentals LLC' });
    expect(firstError(inactive.body).code).toBe('6240');
    const store1 = idOf(c.sim, 'Class', 'Name', 'Store 1');
    expect(firstError((await c.api('POST', 'class', { Name: 'Burbank', ParentRef: { value: store1 } })).body).code).toBe('6240');
    // The same name under another parent is fine.
    expect((await c.api('POST', 'class', { Name: 'Burbank', ParentRef: { value: idOf(c.sim, 'Class', 'Name', 'Store 2') } })).status).toBe(200);
    expect(firstError((await c.api('POST', 'account', { Name: 'Cash on hand', AccountType: 'Bank' })).body).code).toBe('6240');
    expect(firstError((await c.api('POST', 'item', { Name: 'rental', Type: 'Service', IncomeAccountRef: { value: rental() } })).body).code).toBe('6240');
  });

  it('unknown property: 2010 with the property and class named, like QBO', async () => {
    const res = await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 1, bank(), { Klass: 'x' }), jeLine('Credit', 1, rental())] });
    expect(res.status).toBe(400);
    expect(firstError(res.body)).toMatchObject({ code: '2010', Message: 'Request has invalid or unsupported property', element: 'Klass' });
    expect(firstError(res.body).Detail).toContain('Unrecognized field "Klass" (class com.intuit.schema.finance.v3.JournalEntryLineDetail)');
    const top = await c.api('POST', 'customer', { DisplayName: 'X', Email: 'x@example.com' });
    expect(firstError(top.body)).toMatchObject({ code: '2010', element: 'Email' });
    const badEnum = await c.api('POST', 'journalentry', {
      Line: [
        jeLine('Debit', 1, bank()),
        { ...jeLine('Credit', 1, rental()), JournalEntryLineDetail: { PostingType: 'Credlt', AccountRef: { value: rental() } } },
      ],
    });
    expect(firstError(badEnum.body).code).toBe('2170');
    const notJson = await c.api('POST', 'customer', '{"DisplayName": ');
    expect(firstError(notJson.body).code).toBe('2010');
  });

  it('Amount != Qty x UnitPrice on a sales line: 6070', async () => {
    const res = await c.api('POST', 'invoice', {
      CustomerRef: { value: idOf(c.sim, 'Customer', 'DisplayName', 'Jane Doe') },
      Line: [
        {
          Amount: 100,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: idOf(c.sim, 'Item', 'Name', 'Rental') }, Qty: 3, UnitPrice: 33.33 },
        },
      ],
    });
    expect(firstError(res.body)).toMatchObject({ code: '6070', Message: 'Amount is not equal to UnitPrice * Qty' });
    const ok = await c.api('POST', 'invoice', {
      CustomerRef: { value: idOf(c.sim, 'Customer', 'DisplayName', 'Jane Doe') },
      Line: [
        {
          Amount: 59.97,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: idOf(c.sim, 'Item', 'Name', 'Rental') }, Qty: 3, UnitPrice: 19.99 },
        },
      ],
    });
    expect(ok.status).toBe(200);
  });

  it('required fields: 2020; DocNumber over 21 characters: 2050; no lines: 6000', async () => {
    expect(firstError((await c.api('POST', 'invoice', { Line: [] })).body).code).toBe('2020');
    expect(
      firstError(
        (await c.api('POST', 'journalentry', { Line: [{ Amount: 1, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'Debit' } }] }))
          .body,
      ),
    ).toMatchObject({
      code: '2020',
      Detail: 'Required parameter Line[0].JournalEntryLineDetail.AccountRef is missing in the request',
    });
    const long = await c.api('POST', 'journalentry', { DocNumber: 'X'.repeat(22), Line: [jeLine('Debit', 1, bank()), jeLine('Credit', 1, rental())] });
    expect(firstError(long.body)).toMatchObject({ code: '2050', element: 'DocNumber' });
    expect(firstError((await c.api('POST', 'journalentry', { Line: [] })).body).code).toBe('6000');
  });

  it('subscription ended: writes fault 6190, reads still work', async () => {
    c.sim.knobs.subscriptionEnded = true;
    try {
      expect(firstError((await c.api('POST', 'customer', { DisplayName: 'Nope' })).body).code).toBe('6190');
      expect((await c.query('select count(*) from Customer')).status).toBe(200);
    } finally {
      c.sim.knobs.subscriptionEnded = false;
    }
  });

  it('requestid longer than 50 characters is refused', async () => {
    const res = await c.api('POST', `customer?requestid=${'r'.repeat(51)}`, { DisplayName: 'Long request id' });
    expect(res.status).toBe(400);
    expect(c.sim.list('Customer').some((x) => x.DisplayName === 'Long request id')).toBe(false);
  });
});
