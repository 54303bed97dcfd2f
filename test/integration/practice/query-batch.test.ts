import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, jeLine, startClient, type SimClient } from './sim-client';

let c: SimClient;
beforeAll(async () => {
  c = await startClient();
  // 1,050 customers through batches of 30: enough for two pages of 1000.
  for (let start = 0; start < 1050; start += 30) {
    const items = Array.from({ length: Math.min(30, 1050 - start) }, (_, i) => ({
      bId: String(i),
      operation: 'create',
      Customer: { DisplayName: `Bulk ${String(start + i).padStart(4, '0')}`, AcctNum: `B${start + i}` },
    }));
    const res = await c.api('POST', 'batch', { BatchItemRequest: items });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
});
afterAll(() => c.close());

describe('query', () => {
  it('pages 1000 at most with startposition/maxresults; count(*) counts all', async () => {
    const count = await c.query("select count(*) from Customer where DisplayName like 'Bulk%'");
    expect(count.body.QueryResponse.totalCount).toBe(1050);
    const p1 = await c.query("select * from Customer where DisplayName like 'Bulk%' orderby DisplayName startposition 1 maxresults 1000");
    expect(p1.body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 1000 });
    expect(p1.body.QueryResponse.Customer).toHaveLength(1000);
    const p2 = await c.query("select * from Customer where DisplayName like 'Bulk%' orderby DisplayName startposition 1001 maxresults 1000");
    expect(p2.body.QueryResponse.Customer).toHaveLength(50);
    expect(p2.body.QueryResponse.Customer[0].DisplayName).toBe('Bulk 1000');
    const capped = await c.query("select * from Customer where DisplayName like 'Bulk%' maxresults 5000");
    expect(capped.body.QueryResponse.Customer).toHaveLength(1000);
    const dflt = await c.query('select * from Customer');
    expect(dflt.body.QueryResponse.Customer).toHaveLength(100);
  });

  it('filters with =, IN, LIKE, <, >, AND; escaped apostrophes; orderby desc', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const q = async (text: string): Promise<any[]> => {
      const res = await c.query(text);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.QueryResponse.Account ?? res.body.QueryResponse.Customer ?? [];
    };
    expect((await q("select * from Account where AcctNum = '1200'")).map((a) => a.Name)).toEqual(['Accounts Receivable (A/R)']);
    expect((await q("select * from Account where AcctNum in ('1000', '1050', 'nope')")).map((a) => a.AcctNum)).toEqual(['1000', '1050']);
    expect((await q("select * from Account where AcctNum like '4000-%' orderby AcctNum desc")).map((a) => a.AcctNum)).toEqual([
      '4000-03',
      '4000-02',
      '4000-01',
    ]);
    expect((await q("select * from Account where AccountType = 'Bank' and AcctNum > '1000' and AcctNum < '1020-03'")).map((a) => a.AcctNum)).toEqual([
      '1020-01',
      '1020-02',
    ]);
    expect((await q("select * from Customer where DisplayName = 'O\\'Brien Events'")).map((x) => x.DisplayName)).toEqual(["O'Brien Events"]);
    expect(await q("select * from Customer where DisplayName = 'O''Brien Events'")).toHaveLength(1);
    expect(await q("SELECT * FROM account WHERE Name = 'cash on hand'")).toHaveLength(1);
  });

  it('name lists answer active entries only unless the query filters on Active', async () => {
    const active = await c.query("select * from Account where AcctNum like '%-09'");
    expect(active.body.QueryResponse).toEqual({});
    const all = await c.query("select * from Account where AcctNum like '%-09' and Active in (true, false)");
    expect(all.body.QueryResponse.Account).toHaveLength(2);
  });

  it('projects selected fields; faults on OR, unknown properties and entities', async () => {
    const res = await c.query("select Id, AcctNum from Account where AcctNum = '1000'");
    expect(Object.keys(res.body.QueryResponse.Account[0]).sort()).toEqual(['AcctNum', 'Id', 'MetaData', 'SyncToken', 'domain', 'sparse']);
    expect((await c.query("select * from Account where Name = 'a' or Name = 'b'")).body.Fault.Error[0].code).toBe('4000');
    expect((await c.query("select * from Account where Colour = 'red'")).body.Fault.Error[0]).toMatchObject({ code: '4001' });
    expect((await c.query('select * from Widget')).body.Fault.Error[0].code).toBe('4000');
    expect((await c.query("select * from Account where Name = 'unterminated")).status).toBe(400);
  });

  it('counts every query as a metered read', async () => {
    const before = c.sim.stats().meteredReads;
    await c.query('select count(*) from Item');
    expect(c.sim.stats().meteredReads).toBe(before + 1);
  });
});

describe('batch', () => {
  it('answers each item by bId: object, QueryResponse or Fault, independently', async () => {
    const bank = accountId(c.sim, '1020-02');
    const rev = accountId(c.sim, '4000-02');
    const res = await c.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'je1', operation: 'create', JournalEntry: { Line: [jeLine('Debit', 10, bank), jeLine('Credit', 10, rev)] } },
        { bId: 'bad', operation: 'create', JournalEntry: { Line: [jeLine('Debit', 10, bank), jeLine('Credit', 9, rev)] } },
        { bId: 'q', Query: "select * from Account where AcctNum = '1020-02'" },
        { bId: 'cls', operation: 'create', Class: { Name: 'Store 3' } },
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.BatchItemResponse.map((r: { bId: string }) => [r.bId, r]));
    expect(byId.je1.JournalEntry.TotalAmt).toBe(10);
    expect(byId.bad.Fault.Error[0].code).toBe('6000');
    expect(byId.bad.Fault.type).toBe('ValidationFault');
    expect(byId.q.QueryResponse.Account[0].Id).toBe(bank);
    expect(byId.cls.Class.FullyQualifiedName).toBe('Store 3');
  });

  it('voids through update + optionsData "void" (QBO has no batch void operation); delete works', async () => {
    const customer = (await c.api('POST', 'customer', { DisplayName: 'Batch Void Co' })).body.Customer;
    const inv = (
      await c.api('POST', 'invoice', {
        CustomerRef: { value: customer.Id },
        Line: [{ Amount: 40, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }],
      })
    ).body.Invoice;
    const je = (await c.api('POST', 'journalentry', { Line: [jeLine('Debit', 4, accountId(c.sim, '1000')), jeLine('Credit', 4, accountId(c.sim, '4100'))] }))
      .body.JournalEntry;
    const res = await c.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'v', operation: 'update', optionsData: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true } },
        { bId: 'd', operation: 'delete', JournalEntry: { Id: je.Id, SyncToken: je.SyncToken } },
        { bId: 'x', operation: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
      ],
    });
    const [v, d, x] = res.body.BatchItemResponse;
    expect(v.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0 });
    expect(d.JournalEntry).toMatchObject({ status: 'Deleted', Id: je.Id });
    expect(x.Fault.Error[0].code).toBe('500');
  });

  it('numbers all transaction types from one Id sequence', async () => {
    const ids = ['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit'].flatMap((e) => c.sim.list(e).map((o) => String(o.Id)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses more than 30 items, duplicate bIds, and long bIds with a requestid', async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: String(i), Query: 'select count(*) from Item' }));
    const big = await c.api('POST', 'batch', { BatchItemRequest: items });
    expect(big.status).toBe(400);
    expect(big.body.Fault.Error[0].Detail).toContain('30');
    const dup = await c.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'a', Query: 'select count(*) from Item' },
        { bId: 'a', Query: 'select count(*) from Item' },
      ],
    });
    expect(dup.status).toBe(400);
    const longBid = await c.api('POST', 'batch?requestid=r-long-bid', { BatchItemRequest: [{ bId: '12345678901', Query: 'select count(*) from Item' }] });
    expect(longBid.status).toBe(400);
    const longRid = await c.api('POST', `batch?requestid=${'x'.repeat(37)}`, { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] });
    expect(longRid.status).toBe(400);
  });
});

describe('requestid replay', () => {
  it('a repeated requestid returns the original response and creates nothing twice', async () => {
    const body = { DisplayName: 'Replay Customer' };
    const first = await c.api('POST', 'customer?requestid=rid-1', body);
    const creates = c.sim.stats().creates;
    const second = await c.api('POST', 'customer?requestid=rid-1', body);
    expect(second.status).toBe(200);
    expect(second.body.Customer).toEqual(first.body.Customer);
    expect(c.sim.stats().creates).toBe(creates);
    expect(c.sim.list('Customer').filter((x) => x.DisplayName === 'Replay Customer')).toHaveLength(1);
    // Without a requestid the retry is a new create (which here faults as a duplicate name).
    expect((await c.api('POST', 'customer', body)).body.Fault.Error[0].code).toBe('6240');
  });

  it('a faulted request is not remembered: fixing the cause and retrying with the same requestid works', async () => {
    const bank = accountId(c.sim, '1020-01');
    const rev = accountId(c.sim, '4000-01');
    c.sim.knobs.closingDate = '2026-12-31';
    const je = { TxnDate: '2026-06-01', Line: [jeLine('Debit', 3, bank), jeLine('Credit', 3, rev)] };
    expect((await c.api('POST', 'journalentry?requestid=rid-closed', je)).body.Fault.Error[0].code).toBe('6210');
    c.sim.knobs.closingDate = null;
    expect((await c.api('POST', 'journalentry?requestid=rid-closed', je)).status).toBe(200);
  });

  it('batch items replay per requestid + bId: a re-sent batch does nothing twice, new bIds run', async () => {
    const bank = accountId(c.sim, '1020-01');
    const rev = accountId(c.sim, '4000-01');
    const item = (bId: string, doc: string): Record<string, unknown> => ({
      bId,
      operation: 'create',
      JournalEntry: { DocNumber: doc, Line: [jeLine('Debit', 7, bank), jeLine('Credit', 7, rev)] },
    });
    const first = await c.api('POST', 'batch?requestid=batch-rid-1', { BatchItemRequest: [item('1', 'BR-1'), item('2', 'BR-2')] });
    const again = await c.api('POST', 'batch?requestid=batch-rid-1', { BatchItemRequest: [item('1', 'BR-1'), item('2', 'BR-2'), item('3', 'BR-3')] });
    expect(again.body.BatchItemResponse[0]).toEqual(first.body.BatchItemResponse[0]);
    expect(again.body.BatchItemResponse[1]).toEqual(first.body.BatchItemResponse[1]);
    expect(again.body.BatchItemResponse[2].JournalEntry.DocNumber).toBe('BR-3');
    const docs = c.sim
      .list('JournalEntry')
      .map((j) => j.DocNumber)
      .filter((d) => String(d).startsWith('BR-'));
    expect(docs.sort()).toEqual(['BR-1', 'BR-2', 'BR-3']);
  });
});
