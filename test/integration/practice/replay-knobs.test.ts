/**
 * Knob requestIdReplay: what a repeated requestid does, under Intuit's docs ('original') and under
 * each field-reported reading. Real HTTP on loopback against the simulator.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { accountId, jeLine, startClient, type SimClient } from './sim-client';
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

const je = (client: SimClient, amount: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...extra,
  Line: [jeLine('Debit', amount, accountId(client.sim, '1020-01')), jeLine('Credit', amount, accountId(client.sim, '4000-01'))],
});
const jeCount = (client: SimClient): number => client.sim.list('JournalEntry').length;
const batchOf = (client: SimClient, amounts: number[]): Record<string, unknown> => ({
  BatchItemRequest: [
    ...amounts.map((amount, i) => ({ bId: String(i + 1), operation: 'create', JournalEntry: je(client, amount) })),
    { bId: 'q', Query: 'select count(*) from JournalEntry' },
  ],
});
const firstError = (body: any): { code: string; Message: string; Detail: string; element: string } => body.Fault.Error[0]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('requestIdReplay', () => {
  it("'original' (default): a repeated requestid, single or batch, answers the original and does nothing", async () => {
    const client = await start();
    expect(client.sim.knobs.requestIdReplay).toBe('original');
    const first = await client.api('POST', 'journalentry?requestid=orig-1', je(client, 10));
    const again = await client.api('POST', 'journalentry?requestid=orig-1', je(client, 10));
    expect(again.status).toBe(200);
    expect(again.body.JournalEntry.Id).toBe(first.body.JournalEntry.Id);
    const b1 = await client.api('POST', 'batch?requestid=orig-b', batchOf(client, [1, 2]));
    const count = jeCount(client);
    const b2 = await client.api('POST', 'batch?requestid=orig-b', batchOf(client, [1, 2]));
    expect(b2.body.BatchItemResponse.slice(0, 2)).toEqual(b1.body.BatchItemResponse.slice(0, 2));
    expect(jeCount(client)).toBe(count);
  });

  it("'ignored': the requestid is not looked at, every repeat runs again (duplicates)", async () => {
    const client = await start({ knobs: { requestIdReplay: 'ignored' } });
    const before = jeCount(client);
    const first = await client.api('POST', 'journalentry?requestid=ign-1', je(client, 10));
    const again = await client.api('POST', 'journalentry?requestid=ign-1', je(client, 10));
    expect(again.status).toBe(200);
    expect(again.body.JournalEntry.Id).not.toBe(first.body.JournalEntry.Id);
    await client.api('POST', 'batch?requestid=ign-b', batchOf(client, [1, 2]));
    await client.api('POST', 'batch?requestid=ign-b', batchOf(client, [1, 2]));
    expect(jeCount(client)).toBe(before + 2 + 4);
  });

  it("'fault6000': a re-sent batch answers every item 6000 (HTTP 200) and creates nothing; singles replay as 'original'", async () => {
    const client = await start({ knobs: { requestIdReplay: 'fault6000' } });
    const first = await client.api('POST', 'batch?requestid=f6000-b', batchOf(client, [1, 2]));
    expect(first.body.BatchItemResponse[0].JournalEntry.Id).toBeTruthy();
    const count = jeCount(client);
    const again = await client.api('POST', 'batch?requestid=f6000-b', batchOf(client, [1, 2, 3]));
    expect(again.status).toBe(200);
    expect(again.body.BatchItemResponse.map((r: { bId: string }) => r.bId)).toEqual(['1', '2', '3', 'q']);
    for (const item of again.body.BatchItemResponse) {
      expect(item.JournalEntry).toBeUndefined();
      expect(item.Fault.type).toBe('ValidationFault');
      expect(item.Fault.Error[0]).toMatchObject({
        code: '6000',
        Message: 'A business validation error has occurred while processing your request',
        Detail: 'Business Validation Error: An unexpected error occurred while processing the request',
      });
    }
    expect(jeCount(client)).toBe(count);
    // A new batch requestid runs normally.
    const fresh = await client.api('POST', 'batch?requestid=f6000-c', batchOf(client, [4]));
    expect(fresh.body.BatchItemResponse[0].JournalEntry.Id).toBeTruthy();
    // Singles: the original answer, nothing done.
    const s1 = await client.api('POST', 'journalentry?requestid=f6000-s', je(client, 5));
    const s2 = await client.api('POST', 'journalentry?requestid=f6000-s', je(client, 5));
    expect(s2.status).toBe(200);
    expect(s2.body.JournalEntry.Id).toBe(s1.body.JournalEntry.Id);
  });

  it("'fault600': any repeated requestid (single or batch, even one that faulted) is 400 fault 600 and does nothing", async () => {
    const client = await start({ knobs: { requestIdReplay: 'fault600' } });
    expect((await client.api('POST', 'journalentry?requestid=f600-1', je(client, 10))).status).toBe(200);
    const count = jeCount(client);
    const dup = await client.api('POST', 'journalentry?requestid=f600-1', je(client, 10));
    expect(dup.status).toBe(400);
    expect(dup.body.Fault.type).toBe('ValidationFault');
    expect(firstError(dup.body)).toMatchObject({ code: '600', Message: 'Duplicate Request ID' });
    expect(jeCount(client)).toBe(count);

    // Seen before includes a request that faulted the first time.
    const unbalanced = { Line: [jeLine('Debit', 2, accountId(client.sim, '1020-01')), jeLine('Credit', 1, accountId(client.sim, '4000-01'))] };
    expect(firstError((await client.api('POST', 'journalentry?requestid=f600-2', unbalanced)).body).code).toBe('6000');
    const fixed = await client.api('POST', 'journalentry?requestid=f600-2', je(client, 2));
    expect(firstError(fixed.body).code).toBe('600');

    expect((await client.api('POST', 'batch?requestid=f600-b', batchOf(client, [1]))).status).toBe(200);
    const batchCount = jeCount(client);
    const batchDup = await client.api('POST', 'batch?requestid=f600-b', batchOf(client, [1]));
    expect(batchDup.status).toBe(400);
    expect(firstError(batchDup.body)).toMatchObject({ code: '600', Message: 'Duplicate Request ID' });
    expect(jeCount(client)).toBe(batchCount);
  });

  it("'cacheFaults' repeats a 6210 after the closing date is cleared, where 'original' runs the retry", async () => {
    const client = await start();
    client.sim.knobs.closingDate = '2026-12-31';
    const closed = je(client, 3, { TxnDate: '2026-06-01' });
    for (const rid of ['cf-orig', 'cf-cache']) {
      expect(firstError((await client.api('POST', `journalentry?requestid=${rid}`, closed)).body).code).toBe('6210');
    }
    const batchClosed = { BatchItemRequest: [{ bId: '1', operation: 'create', JournalEntry: closed }] };
    expect((await client.api('POST', 'batch?requestid=cf-batch', batchClosed)).body.BatchItemResponse[0].Fault.Error[0].code).toBe('6210');
    client.sim.knobs.closingDate = null;

    expect((await client.api('POST', 'journalentry?requestid=cf-orig', closed)).status).toBe(200);
    client.sim.knobs.requestIdReplay = 'cacheFaults'; // live
    const count = jeCount(client);
    const cached = await client.api('POST', 'journalentry?requestid=cf-cache', closed);
    expect(cached.status).toBe(400);
    expect(firstError(cached.body)).toMatchObject({ code: '6210', Message: 'Account Period Closed, Cannot Update Through Services API' });
    expect(firstError(cached.body).Detail).toContain('2026-12-31');
    const cachedBatch = await client.api('POST', 'batch?requestid=cf-batch', batchClosed);
    expect(cachedBatch.body.BatchItemResponse[0].Fault.Error[0].code).toBe('6210');
    expect(jeCount(client)).toBe(count);
    // Successes still replay, and a new requestid runs.
    const replay = await client.api('POST', 'journalentry?requestid=cf-orig', closed);
    expect(replay.status).toBe(200);
    expect((await client.api('POST', 'journalentry?requestid=cf-new', closed)).status).toBe(200);
    expect(jeCount(client)).toBe(count + 1);
  });

  it('the memory of faults and batches survives the state file', async () => {
    const dir = makeTempDir();
    try {
      const stateFile = join(dir.path, 'sim.json');
      const a = await startClient({ stateFile, knobs: { closingDate: '2026-12-31' } });
      const closed = je(a, 3, { TxnDate: '2026-06-01' });
      expect(firstError((await a.api('POST', 'journalentry?requestid=keep-fault', closed)).body).code).toBe('6210');
      expect((await a.api('POST', 'batch?requestid=keep-batch', { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Item' }] })).status).toBe(200);
      await a.close();

      const b = await start({ stateFile, knobs: { requestIdReplay: 'cacheFaults' } });
      expect(firstError((await b.api('POST', 'journalentry?requestid=keep-fault', closed)).body).code).toBe('6210');
      b.sim.knobs.requestIdReplay = 'fault600';
      const dup = await b.api('POST', 'batch?requestid=keep-batch', { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Item' }] });
      expect(firstError(dup.body).code).toBe('600');
    } finally {
      dir.remove();
    }
  });
});
