/**
 * One knob per point where real QBO is unverified or reported to differ (shared/spec/QBO.md, last
 * section): each test proves the knob's behaviour and that the default keeps the documented one.
 * Real HTTP on loopback against the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { accountId, idOf, jeLine, startClient, type SimClient } from './sim-client';
import type { SimulatorOptions } from '../../../main/core/practice/simulator';

let c: SimClient | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<SimClient> {
  c = await startClient(options);
  return c;
}

const firstError = (body: any): { code: string; Message: string; Detail: string; element: string } => body.Fault.Error[0]; // eslint-disable-line @typescript-eslint/no-explicit-any

const je = (client: SimClient, amount: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...extra,
  Line: [jeLine('Debit', amount, accountId(client.sim, '1020-01')), jeLine('Credit', amount, accountId(client.sim, '4000-01'))],
});

function invoiceBody(client: SimClient, amount: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    CustomerRef: { value: idOf(client.sim, 'Customer', 'DisplayName', 'Valley Landscaping') },
    Line: [{ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: idOf(client.sim, 'Item', 'Name', 'Labor') } } }],
  };
}

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.parse('2026-03-14T12:00:00Z');
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('journalTotalAmtZero', () => {
  it('off (default): TotalAmt is the sum; on: 0 in create, read, query, batch and replay answers (the company keeps the sum)', async () => {
    const client = await start();
    const normal = await client.api('POST', 'journalentry', je(client, 100));
    expect(normal.body.JournalEntry.TotalAmt).toBe(100);

    client.sim.knobs.journalTotalAmtZero = true;
    const created = await client.api('POST', 'journalentry?requestid=tz-1', je(client, 40));
    expect(created.body.JournalEntry.TotalAmt).toBe(0);
    expect((await client.api('POST', 'journalentry?requestid=tz-1', je(client, 40))).body.JournalEntry.TotalAmt).toBe(0);
    expect((await client.api('GET', `journalentry/${normal.body.JournalEntry.Id}`)).body.JournalEntry.TotalAmt).toBe(0);
    const all = (await client.query('select * from JournalEntry')).body.QueryResponse.JournalEntry;
    expect(all.map((j: { TotalAmt: number }) => j.TotalAmt)).toEqual([0, 0]);
    const some = (await client.query('select TotalAmt from JournalEntry')).body.QueryResponse.JournalEntry;
    expect(some.map((j: { TotalAmt: number }) => j.TotalAmt)).toEqual([0, 0]);
    const batch = await client.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: '1', operation: 'create', JournalEntry: je(client, 7) },
        { bId: '2', Query: `select * from JournalEntry where Id = '${normal.body.JournalEntry.Id}'` },
      ],
    });
    expect(batch.body.BatchItemResponse[0].JournalEntry.TotalAmt).toBe(0);
    expect(batch.body.BatchItemResponse[1].QueryResponse.JournalEntry[0].TotalAmt).toBe(0);
    // Invoices are not touched; the stored JournalEntry keeps its sum.
    expect((await client.api('POST', 'invoice', invoiceBody(client, 25))).body.Invoice.TotalAmt).toBe(25);
    expect(client.sim.list('JournalEntry').map((j) => j.TotalAmt)).toEqual([100, 40, 7]);
  });
});

describe('customerAcctNumDropped', () => {
  it('off (default): AcctNum kept; on: not stored, never returned (seeded customers included), not found by query', async () => {
    const client = await start();
    const kept = await client.api('POST', 'customer', { DisplayName: 'Kept Number', AcctNum: 'K-1' });
    expect(kept.body.Customer.AcctNum).toBe('K-1');
    const acme = idOf(client.sim, 'Customer', 'AcctNum', 'QB-501');
    expect((await client.api('GET', `customer/${acme}`)).body.Customer.AcctNum).toBe('QB-501');

    client.sim.knobs.customerAcctNumDropped = true;
    const dropped = await client.api('POST', 'customer', { DisplayName: 'Dropped Number', AcctNum: 'D-1' });
    expect(dropped.status).toBe(200);
    expect(dropped.body.Customer).not.toHaveProperty('AcctNum');
    expect(client.sim.list('Customer').find((x) => x.DisplayName === 'Dropped Number')).not.toHaveProperty('AcctNum');
    expect((await client.api('GET', `customer/${acme}`)).body.Customer).not.toHaveProperty('AcctNum');
    const listed = (await client.query('select * from Customer')).body.QueryResponse.Customer as Record<string, unknown>[];
    expect(listed.length).toBeGreaterThan(3);
    expect(listed.filter((x) => 'AcctNum' in x)).toEqual([]);
    expect((await client.query("select * from Customer where AcctNum = 'QB-501'")).body.QueryResponse).toEqual({});
    const batch = await client.api('POST', 'batch', {
      BatchItemRequest: [{ bId: '1', operation: 'create', Customer: { DisplayName: 'Batch Number', AcctNum: 'B-1' } }],
    });
    expect(batch.body.BatchItemResponse[0].Customer).not.toHaveProperty('AcctNum');

    // Off again: seeded numbers show again; the one created while on never had one stored.
    client.sim.knobs.customerAcctNumDropped = false;
    expect((await client.api('GET', `customer/${acme}`)).body.Customer.AcctNum).toBe('QB-501');
    expect((await client.api('GET', `customer/${dropped.body.Customer.Id}`)).body.Customer).not.toHaveProperty('AcctNum');
  });

  it('seeded customers lose AcctNum when the simulator starts with the knob on', async () => {
    const client = await start({ knobs: { customerAcctNumDropped: true } });
    const listed = (await client.query('select * from Customer')).body.QueryResponse.Customer as Record<string, unknown>[];
    expect(listed.filter((x) => 'AcctNum' in x)).toEqual([]);
  });
});

describe('closedBooksFault', () => {
  it("'6210' (default), '6200' and '5010' refuse create, update, delete and void dated on/before the closing date", async () => {
    const client = await start();
    const openJe = (await client.api('POST', 'journalentry', je(client, 1, { TxnDate: '2026-02-01' }))).body.JournalEntry;
    const openInv = (await client.api('POST', 'invoice', invoiceBody(client, 9, { TxnDate: '2026-02-01' }))).body.Invoice;
    client.sim.knobs.closingDate = '2026-02-28';
    expect(client.sim.knobs.closedBooksFault).toBe('6210');
    const attempts = async (): Promise<{ status: number; error: ReturnType<typeof firstError> }[]> => {
      const replies = [
        await client.api('POST', 'journalentry', je(client, 1, { TxnDate: '2026-02-28' })),
        await client.api('POST', 'journalentry', { Id: openJe.Id, SyncToken: openJe.SyncToken, sparse: true, PrivateNote: 'edit' }),
        await client.api('POST', 'journalentry?operation=delete', { Id: openJe.Id, SyncToken: openJe.SyncToken }),
        await client.api('POST', 'invoice?operation=void', { Id: openInv.Id, SyncToken: openInv.SyncToken }),
      ];
      return replies.map((r) => ({ status: r.status, error: firstError(r.body) }));
    };
    const message = 'Account Period Closed, Cannot Update Through Services API';
    for (const r of await attempts()) {
      expect(r.status).toBe(400);
      expect(r.error).toMatchObject({ code: '6210', Message: message });
      expect(r.error.Detail).toContain('2026-02-28');
    }
    client.sim.knobs.closedBooksFault = '6200';
    for (const r of await attempts()) expect(r.error).toMatchObject({ code: '6200', Message: message });
    client.sim.knobs.closedBooksFault = '5010';
    for (const r of await attempts()) {
      expect(r.status).toBe(400);
      expect(r.error).toMatchObject({ code: '5010', Message: message });
      expect(r.error.Detail).not.toMatch(/clos/i);
      expect(r.error.Detail).toMatch(/^Stale Object Error/);
    }
    expect(client.sim.list('JournalEntry')).toHaveLength(1);
    // After the closing date, everything works again.
    client.sim.knobs.closingDate = null;
    expect((await client.api('POST', 'journalentry?operation=delete', { Id: openJe.Id, SyncToken: openJe.SyncToken })).status).toBe(200);
  });
});

describe('undoRefusal', () => {
  async function invoiceWithPayment(client: SimClient): Promise<{ inv: Record<string, string>; pay: Record<string, string> }> {
    const inv = (await client.api('POST', 'invoice', invoiceBody(client, 200))).body.Invoice;
    const pay = (
      await client.api('POST', 'payment', {
        CustomerRef: inv.CustomerRef,
        TotalAmt: 50,
        Line: [{ Amount: 50, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      })
    ).body.Payment;
    const stored = client.sim.list('Invoice').find((x) => x.Id === inv.Id)!;
    return { inv: { Id: inv.Id, SyncToken: String(stored.SyncToken) }, pay: { Id: pay.Id, SyncToken: pay.SyncToken } };
  }

  it("'never' (default): a delete of an invoice a payment is applied to succeeds", async () => {
    const client = await start();
    expect(client.sim.knobs.undoRefusal).toBe('never');
    const { inv } = await invoiceWithPayment(client);
    expect((await client.api('POST', 'invoice?operation=delete', inv)).status).toBe(200);
  });

  it("'linked': 800 for delete/void of a transaction another one links to; others (and the payment itself) go", async () => {
    const client = await start({ knobs: { undoRefusal: 'linked' } });
    const { inv, pay } = await invoiceWithPayment(client);
    for (const op of ['delete', 'void']) {
      const refused = await client.api('POST', `invoice?operation=${op}`, inv);
      expect(refused.status).toBe(400);
      expect(firstError(refused.body)).toMatchObject({
        code: '800',
        Message: 'Object cannot be deleted',
        Detail: 'Object cannot be deleted due to existing dependencies',
      });
    }
    expect(client.sim.list('Invoice').find((x) => x.Id === inv.Id)!.TotalAmt).toBe(200);
    const lone = (await client.api('POST', 'journalentry', je(client, 5))).body.JournalEntry;
    expect((await client.api('POST', 'journalentry?operation=delete', { Id: lone.Id, SyncToken: lone.SyncToken })).status).toBe(200);
    // Nothing links to the payment; once it is deleted the invoice has no dependants left.
    expect((await client.api('POST', 'payment?operation=delete', pay)).status).toBe(200);
    const current = client.sim.list('Invoice').find((x) => x.Id === inv.Id)!;
    expect((await client.api('POST', 'invoice?operation=delete', { Id: inv.Id, SyncToken: current.SyncToken })).status).toBe(200);
  });

  it("'always': 800 for every transaction delete and void", async () => {
    const client = await start({ knobs: { undoRefusal: 'always' } });
    const lone = (await client.api('POST', 'journalentry', je(client, 5))).body.JournalEntry;
    expect(firstError((await client.api('POST', 'journalentry?operation=delete', { Id: lone.Id, SyncToken: lone.SyncToken })).body).code).toBe('800');
    const inv = (await client.api('POST', 'invoice', invoiceBody(client, 10))).body.Invoice;
    expect(firstError((await client.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken })).body).code).toBe('800');
    expect(client.sim.list('JournalEntry').some((x) => x.Id === lone.Id)).toBe(true);
  });

  it('deleting or voiding a missing (or already deleted) object is 610 Object Not Found, in every mode', async () => {
    const client = await start();
    const lone = (await client.api('POST', 'journalentry', je(client, 5))).body.JournalEntry;
    expect((await client.api('POST', 'journalentry?operation=delete', { Id: lone.Id, SyncToken: lone.SyncToken })).status).toBe(200);
    for (const mode of ['never', 'linked', 'always'] as const) {
      client.sim.knobs.undoRefusal = mode;
      const again = await client.api('POST', 'journalentry?operation=delete', { Id: lone.Id, SyncToken: lone.SyncToken });
      expect(again.status).toBe(400);
      expect(firstError(again.body)).toMatchObject({ code: '610', Message: 'Object Not Found' });
      expect(firstError((await client.api('POST', 'invoice?operation=delete', { Id: '987654', SyncToken: '0' })).body).code).toBe('610');
      expect(firstError((await client.api('POST', 'invoice?operation=void', { Id: '987654', SyncToken: '0' })).body).code).toBe('610');
    }
  });
});

describe('retryAfterOn429', () => {
  it('on (default): 429s carry Retry-After; off: none, from the limiter and from failNext', async () => {
    const client = await start({ limits: { perMinute: 1 } });
    expect((await client.api('GET', 'preferences')).status).toBe(200);
    const withHeader = await client.api('GET', 'preferences');
    expect(withHeader.status).toBe(429);
    expect(Number(withHeader.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    client.sim.knobs.retryAfterOn429 = false;
    const without = await client.api('GET', 'preferences');
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
    expect(firstError(without.body).code).toBe('003001');

    client.sim.limits.perMinute = 500;
    client.sim.failNext(1, 429);
    const injected = await client.api('GET', 'preferences');
    expect(injected.status).toBe(429);
    expect(injected.headers.get('retry-after')).toBeNull();
    client.sim.knobs.retryAfterOn429 = true;
    client.sim.failNext(1, 429);
    expect((await client.api('GET', 'preferences')).headers.get('retry-after')).toBe('1');
  });
});

describe('perSecondCap', () => {
  it('0 (default): no per-second limit; N: the N+1th request within a second is 429', async () => {
    const clock = manualClock();
    const client = await start({ now: clock.now });
    for (let i = 0; i < 15; i += 1) expect((await client.api('GET', 'preferences')).status).toBe(200);

    clock.advance(60_001);
    client.sim.knobs.perSecondCap = 10;
    for (let i = 0; i < 10; i += 1) expect((await client.api('GET', 'preferences')).status).toBe(200);
    const over = await client.api('GET', 'preferences');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('1');
    expect(firstError(over.body).code).toBe('003001');
    clock.advance(999);
    expect((await client.api('GET', 'preferences')).status).toBe(429);
    clock.advance(1);
    expect((await client.api('GET', 'preferences')).status).toBe(200);
  });

  it('the second scales with limits.windowMs (a second is windowMs / 60)', async () => {
    const clock = manualClock();
    const client = await start({ now: clock.now, limits: { windowMs: 6_000 }, knobs: { perSecondCap: 3 } });
    for (let i = 0; i < 3; i += 1) expect((await client.api('GET', 'preferences')).status).toBe(200);
    expect((await client.api('GET', 'preferences')).status).toBe(429);
    clock.advance(100);
    expect((await client.api('GET', 'preferences')).status).toBe(200);
  });
});

describe('customTxnNumbers', () => {
  it('on (default): the DocNumber sent is kept and preferences say CustomTxnNumbers true', async () => {
    const client = await start();
    expect((await client.api('POST', 'journalentry', je(client, 1, { DocNumber: 'MINE-1' }))).body.JournalEntry.DocNumber).toBe('MINE-1');
    const prefs = (await client.api('GET', 'preferences')).body.Preferences;
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    expect(prefs.AccountingInfoPrefs).not.toHaveProperty('BookCloseDate');
  });

  it('off: every transaction create gets the next system number for its entity; updates keep it; preferences say so', async () => {
    const client = await start({ knobs: { customTxnNumbers: false } });
    const j1 = (await client.api('POST', 'journalentry', je(client, 1, { DocNumber: 'MINE-1' }))).body.JournalEntry;
    const j2 = (await client.api('POST', 'journalentry', je(client, 1, { DocNumber: 'MINE-1' }))).body.JournalEntry;
    const j3 = (await client.api('POST', 'journalentry', je(client, 1))).body.JournalEntry;
    expect([j1.DocNumber, j2.DocNumber, j3.DocNumber]).toEqual(['1001', '1002', '1003']);
    const inv = (await client.api('POST', 'invoice', invoiceBody(client, 30, { DocNumber: 'INV-9' }))).body.Invoice;
    expect(inv.DocNumber).toBe('1001');
    const cm = (await client.api('POST', 'creditmemo', invoiceBody(client, 5, { DocNumber: 'CM-9' }))).body.CreditMemo;
    expect(cm.DocNumber).toBe('1001');
    const pay = (
      await client.api('POST', 'payment', {
        CustomerRef: inv.CustomerRef,
        TotalAmt: 10,
        DocNumber: 'P-9',
        Line: [{ Amount: 10, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      })
    ).body.Payment;
    expect(pay.DocNumber).toBe('1001');
    const dep = (
      await client.api('POST', 'deposit', {
        DocNumber: 'D-9',
        DepositToAccountRef: { value: accountId(client.sim, '1020-01') },
        Line: [{ Amount: 12, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: accountId(client.sim, '1050') } } }],
      })
    ).body.Deposit;
    expect(dep.DocNumber).toBe('1001');
    const batch = await client.api('POST', 'batch', {
      BatchItemRequest: [{ bId: '1', operation: 'create', JournalEntry: je(client, 2, { DocNumber: 'B-9' }) }],
    });
    expect(batch.body.BatchItemResponse[0].JournalEntry.DocNumber).toBe('1004');
    const upd = await client.api('POST', 'journalentry', { Id: j1.Id, SyncToken: j1.SyncToken, sparse: true, DocNumber: 'CHANGED' });
    expect(upd.body.JournalEntry.DocNumber).toBe('1001');

    client.sim.knobs.closingDate = '2026-01-31';
    const prefs = (await client.api('GET', 'preferences')).body.Preferences;
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(false);
    expect(prefs.AccountingInfoPrefs.BookCloseDate).toBe('2026-01-31');
  });
});
