/**
 * A third-party client, node-quickbooks, pointed at the simulator (its base URLs are static
 * properties; restored afterwards): creates, queries, batches, reads back and deletes, and sees
 * QBO-shaped faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QuickBooks from 'node-quickbooks';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { accountId, idOf, jeLine } from './sim-client';

let sim: RunningSimulator;
let qbo: QuickBooks;
const saved = { base: QuickBooks.V3_ENDPOINT_BASE_URL, token: QuickBooks.TOKEN_URL, revoke: QuickBooks.REVOKE_URL };

interface Outcome {
  err: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** node-quickbooks calls back (err, body); on HTTP errors err is the axios error (body null for entity calls). */
function call(fn: (cb: (err: unknown, body: unknown) => void) => void): Promise<Outcome> {
  return new Promise((resolve) => fn((err, body) => resolve({ err, body })));
}

/** The QBO Fault a failed call carried, from the response the client received. */
function faultOf(o: Outcome): { type: string; Error: { code: string; element?: string }[] } {
  const data = (o.err as { response?: { data?: { Fault?: unknown } } } | null)?.response?.data;
  return (o.body?.Fault ?? data?.Fault) as { type: string; Error: { code: string; element?: string }[] };
}

beforeAll(async () => {
  sim = await startSimulator();
  QuickBooks.V3_ENDPOINT_BASE_URL = `${sim.baseUrl}/v3/company/`;
  QuickBooks.TOKEN_URL = sim.tokenUrl;
  QuickBooks.REVOKE_URL = sim.revokeUrl;
  qbo = new QuickBooks(sim.clientId, sim.clientSecret, 'no-access-token-yet', false, sim.realmId, true, false, '75', '2.0', sim.refreshToken);
  // Its own refresh call against our token endpoint.
  const refreshed = await call((cb) => qbo.refreshAccessToken(cb as never));
  expect(refreshed.err).toBeNull();
  expect(refreshed.body.refresh_token).not.toBe(sim.refreshToken);
});

afterAll(async () => {
  QuickBooks.V3_ENDPOINT_BASE_URL = saved.base;
  QuickBooks.TOKEN_URL = saved.token;
  QuickBooks.REVOKE_URL = saved.revoke;
  await sim.close();
});

describe('node-quickbooks against the simulator', () => {
  it('reads CompanyInfo', async () => {
    const r = await call((cb) => qbo.getCompanyInfo(sim.realmId, cb));
    expect(r.err).toBeNull();
    expect(r.body.CompanyName).toBe(sim.companyName);
  });

  it('creates a journal entry (with a requestid), reads it back and deletes it by id', async () => {
    const body = {
      TxnDate: '2026-03-14',
      DocNumber: 'NQB-1',
      Line: [jeLine('Debit', 250, accountId(sim, '1020-01')), jeLine('Credit', 250, accountId(sim, '4000-01'))],
      requestId: 'nqb-je-1',
    };
    const created = await call((cb) => qbo.createJournalEntry({ ...body }, cb));
    expect(created.err).toBeNull();
    expect(created.body).toMatchObject({ DocNumber: 'NQB-1', TotalAmt: 250, SyncToken: '0' });
    const again = await call((cb) => qbo.createJournalEntry({ ...body }, cb));
    expect(again.body.Id).toBe(created.body.Id);
    expect(sim.list('JournalEntry').filter((j) => j.DocNumber === 'NQB-1')).toHaveLength(1);
    const read = await call((cb) => qbo.getJournalEntry(created.body.Id, cb));
    expect(read.body).toEqual(created.body);
    // Delete by id: node-quickbooks reads the object, then posts it whole with operation=delete.
    const deleted = await call((cb) => qbo.deleteJournalEntry(created.body.Id, cb));
    expect(deleted.err).toBeNull();
    expect(deleted.body.JournalEntry).toMatchObject({ status: 'Deleted', Id: created.body.Id });
  });

  it('sparse-updates a customer it read (node-quickbooks adds sparse: true)', async () => {
    const created = await call((cb) => qbo.createCustomer({ DisplayName: 'NQB Customer' }, cb));
    const updated = await call((cb) => qbo.updateCustomer({ Id: created.body.Id, SyncToken: created.body.SyncToken, Notes: 'from node-quickbooks' }, cb));
    expect(updated.err).toBeNull();
    expect(updated.body).toMatchObject({ SyncToken: '1', Notes: 'from node-quickbooks', DisplayName: 'NQB Customer' });
  });

  it('queries with criteria, LIKE, IN and fetchAll paging', async () => {
    const eq = await call((cb) => qbo.findAccounts({ AcctNum: '1200' }, cb));
    expect(eq.err).toBeNull();
    expect(eq.body.QueryResponse.Account.map((a: { Name: string }) => a.Name)).toEqual(['Accounts Receivable (A/R)']);
    const like = await call((cb) => qbo.findAccounts([{ field: 'AcctNum', value: '4000-%', operator: 'LIKE' }], cb));
    expect(like.body.QueryResponse.Account).toHaveLength(3);
    const inList = await call((cb) => qbo.findAccounts([{ field: 'AcctNum', value: ['1000', '1050'], operator: 'IN' }], cb));
    expect(inList.body.QueryResponse.Account).toHaveLength(2);
    const apostrophe = await call((cb) => qbo.findCustomers({ DisplayName: "O'Brien Events" }, cb));
    expect(apostrophe.body.QueryResponse.Customer).toHaveLength(1);
    const all = await call((cb) =>
      qbo.findItems(
        [
          { field: 'fetchAll', value: true },
          { field: 'limit', value: 4 },
        ],
        cb,
      ),
    );
    expect(all.err).toBeNull();
    expect(all.body.QueryResponse.Item).toHaveLength(sim.list('Item').filter((i) => i.Active !== false).length);
    const count = await call((cb) => qbo.findClasses({ count: true }, cb));
    expect(count.body.QueryResponse.totalCount).toBe(sim.list('Class').filter((x) => x.Active !== false).length);
  });

  it('batches creates and queries with per-item faults', async () => {
    const r = await call((cb) =>
      qbo.batch(
        [
          { bId: '1', operation: 'create', Class: { Name: 'Store 2 Glendale NQB' } },
          { bId: '2', operation: 'create', Customer: { DisplayName: 'Acme Construction' } },
          { bId: '3', Query: "select * from Item where Name = 'Rental'" },
        ] as never,
        cb,
      ),
    );
    expect(r.err).toBeNull();
    const [one, two, three] = r.body.BatchItemResponse;
    expect(one.Class.FullyQualifiedName).toBe('Store 2 Glendale NQB');
    expect(two.Fault.Error[0].code).toBe('6240');
    expect(three.QueryResponse.Item[0].Id).toBe(idOf(sim, 'Item', 'Name', 'Rental'));
  });

  it('sees QBO-shaped faults: 6000 unbalanced, 2010 unknown property, 5010 stale, 400 status', async () => {
    const unbalanced = await call((cb) =>
      qbo.createJournalEntry({ Line: [jeLine('Debit', 10, accountId(sim, '1000')), jeLine('Credit', 9, accountId(sim, '4100'))] }, cb),
    );
    expect(unbalanced.err).toBeTruthy();
    expect(faultOf(unbalanced)).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6000' }] });
    const unknown = await call((cb) => qbo.createCustomer({ DisplayName: 'X', Nickname: 'x' }, cb));
    expect(faultOf(unknown).Error[0]).toMatchObject({ code: '2010', element: 'Nickname' });
    const cust = await call((cb) => qbo.createCustomer({ DisplayName: 'Stale NQB' }, cb));
    await call((cb) => qbo.updateCustomer({ Id: cust.body.Id, SyncToken: '0', Notes: 'a' }, cb));
    const stale = await call((cb) => qbo.updateCustomer({ Id: cust.body.Id, SyncToken: '0', Notes: 'b' }, cb));
    expect(faultOf(stale).Error[0]!.code).toBe('5010');
    expect((stale.err as { response?: { status: number } }).response?.status).toBe(400);
  });
});
