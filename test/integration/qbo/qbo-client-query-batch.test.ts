import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { QboFault, isDuplicateName } from '../../../main/core/qbo/qbo-fault';
import { MAX_BATCH_ITEMS, type BatchItem } from '../../../main/core/qbo/qbo-client';
import { RequestIdError } from '../../../main/core/qbo/request-id';
import { expectSentBodiesFitSchema, simIds, simSession, type SimSession } from './sim-session';

let sim: RunningSimulator;
let s: SimSession;

beforeAll(async () => {
  sim = await startSimulator({ limits: { perMinute: 5000, batchPerMinute: 1000 } });
  s = await simSession(sim);
});
afterAll(async () => {
  expectSentBodiesFitSchema(s.sent);
  await sim.close();
});

const customerItems = (prefix: string, from: number, count: number): BatchItem[] =>
  Array.from({ length: count }, (_, i) => ({
    bId: `c${from + i}`,
    operation: 'create' as const,
    entity: 'Customer' as const,
    body: { DisplayName: `${prefix} ${String(from + i).padStart(5, '0')}` },
  }));

describe('query paging and batch', () => {
  it('pages with startposition/maxresults and stops on a short page', async () => {
    const all = sim.list('Account');
    const seen = s.sent.length;
    const rows = await s.client.queryAll('Account', 'where Active in (true, false) orderby Id', { pageSize: 7 });
    expect(rows.map((r) => r.Id).sort()).toEqual(all.map((a) => String(a.Id)).sort());
    const queries = s.sent.slice(seen).map((e) => e.params.query);
    expect(queries[0]).toBe('select * from Account where Active in (true, false) orderby Id startposition 1 maxresults 7');
    expect(queries[1]).toMatch(/startposition 8 maxresults 7$/);
    expect(queries).toHaveLength(Math.floor(all.length / 7) + 1);
    // Active rows only by default in QBO: the inactive account is left out.
    expect((await s.client.queryAll('Account')).length).toBe(all.filter((a) => a.Active !== false).length);
    await expect(s.client.queryAll('Account', 'startposition 5')).rejects.toThrow(/pages by itself/);
  });

  it('batches in chunks of at most 30 with a result per item, in input order', async () => {
    const items: BatchItem[] = [
      ...customerItems('Batch Customer', 1, 64),
      { bId: 'dup', operation: 'create', entity: 'Customer', body: { DisplayName: 'Acme Construction' } },
    ];
    const before = s.client.stats().batches;
    const results = await s.client.batch(items);
    expect(s.client.stats().batches - before).toBe(3);
    const batchCalls = s.sent.filter((e) => e.path === 'batch').slice(-3);
    expect(batchCalls.map((e) => (e.body as { BatchItemRequest: unknown[] }).BatchItemRequest.length).sort()).toEqual([30, 30, 5]);
    expect(new Set(batchCalls.map((e) => e.params.requestid)).size).toBe(3);
    expect(results.map((r) => r.bId)).toEqual(items.map((i) => i.bId));
    expect(results.slice(0, 64).every((r) => r.ok && r.entity === 'Customer' && typeof r.value?.Id === 'string')).toBe(true);
    const last = results[64]!;
    expect(last.ok).toBe(false);
    if (!last.ok) {
      expect(last.fault).toBeInstanceOf(QboFault);
      expect(isDuplicateName(last.fault)).toBe(true);
    }
  });

  it('resending an identical chunk replays it (content-derived requestid): nothing is created twice', async () => {
    const items = customerItems('Replay Customer', 1, 10);
    const first = await s.client.batch(items);
    const count = sim.list('Customer').length;
    const again = await s.client.batch(items);
    expect(sim.list('Customer').length).toBe(count);
    expect(again.map((r) => (r.ok ? r.value?.Id : null))).toEqual(first.map((r) => (r.ok ? r.value?.Id : null)));
  });

  it("uses the caller's batch requestid, and validates every limit before sending", async () => {
    const seen = s.sent.length;
    await s.client.batch(customerItems('Given Id', 1, 2), { requestId: 'job-batch-0001' });
    expect(s.sent.at(-1)!.params.requestid).toBe('job-batch-0001');
    await s.client.batch(customerItems('Fn Id', 1, 31), { requestId: (chunk, i) => `fn-${i}-${chunk.length}` });
    expect(
      s.sent
        .slice(-2)
        .map((e) => e.params.requestid)
        .sort(),
    ).toEqual(['fn-0-30', 'fn-1-1']);
    const sentBefore = s.sent.length;
    await expect(s.client.batch(customerItems('X', 1, 2), { requestId: 'x'.repeat(37) })).rejects.toBeInstanceOf(RequestIdError);
    await expect(s.client.batch([{ bId: 'b12345678901', query: 'select * from Item' }])).rejects.toThrow(/at most 10/);
    await expect(s.client.batch([...customerItems('X', 1, 1), ...customerItems('X', 1, 1)])).rejects.toThrow(/Duplicate bId/);
    await expect(s.client.batch(customerItems('X', 1, MAX_BATCH_ITEMS + 1), { requestId: 'one-id' })).rejects.toThrow(/cannot cover/);
    expect(s.sent.length).toBe(sentBefore);
    expect(s.sent.length).toBeGreaterThan(seen);
  });

  it('runs queries, updates and deletes in a batch', async () => {
    const ids = simIds(sim);
    const je = await s.client.create(
      'JournalEntry',
      {
        TxnDate: '2026-03-14',
        DocNumber: 'PR-B-1',
        Line: [
          { Amount: 5, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: ids.account('1000') } } },
          { Amount: 5, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: ids.account('4900') } } },
        ],
      },
      { requestId: 'practice:je:b1' },
    );
    const inv = await s.client.create(
      'Invoice',
      {
        CustomerRef: { value: ids.customer('Jane Doe') },
        Line: [{ Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: ids.item('Delivery') }, Qty: 1, UnitPrice: 20 } }],
      },
      { requestId: 'practice:inv:b1' },
    );
    const customer = sim.list('Customer').find((c) => c.DisplayName === 'Jane Doe')!;
    const results = await s.client.batch([
      { bId: 'q1', query: "select * from Customer where DisplayName = 'Jane Doe'" },
      { bId: 'u1', operation: 'update', entity: 'Customer', body: { Id: String(customer.Id), SyncToken: String(customer.SyncToken), Notes: 'batch' } },
      { bId: 'd1', operation: 'delete', entity: 'JournalEntry', body: { Id: je.Id, SyncToken: je.SyncToken } },
      { bId: 'v1', operation: 'void', entity: 'Invoice', body: { Id: inv.Id, SyncToken: inv.SyncToken } },
    ]);
    const [q, u, d, v] = results;
    expect(q?.ok && (q.queryResponse?.Customer as unknown[]).length).toBe(1);
    expect(u?.ok && u.value?.Notes).toBe('batch');
    expect(d?.ok).toBe(true);
    expect(v?.ok && v.value?.TotalAmt).toBe(0);
    expect(sim.list('JournalEntry').some((j) => j.Id === je.Id)).toBe(false);
    await expect(s.client.batch([{ bId: 'v2', operation: 'void', entity: 'JournalEntry', body: { Id: '1', SyncToken: '0' } }])).rejects.toThrow(
      /cannot void a JournalEntry/,
    );
  });

  it('queries 1000 rows a page for real (1005 customers -> two pages)', async () => {
    const existing = sim.list('Customer').filter((c) => c.Active !== false).length;
    const needed = 1005 - existing;
    const items = customerItems('Paging Customer', 1, needed);
    const results = await s.client.batch(items);
    expect(results.every((r) => r.ok)).toBe(true);
    const seen = s.sent.length;
    const pages: number[] = [];
    for await (const page of s.client.queryPages('Customer')) pages.push(page.length);
    expect(pages).toEqual([1000, 5]);
    expect(s.sent.slice(seen).map((e) => e.params.query)).toEqual([
      'select * from Customer startposition 1 maxresults 1000',
      'select * from Customer startposition 1001 maxresults 1000',
    ]);
    let count = 0;
    for await (const row of s.client.query('Customer')) if (row.DisplayName) count++;
    expect(count).toBe(1005);
  });
});
