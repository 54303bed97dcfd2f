/**
 * Customers in transaction mode: linked by POR customer number first, then by display name; a returning
 * customer QBO holds as inactive is made active again (a stale SyncToken is read again: 5010); a different
 * POR customer with a name QBO already uses gets the second display name, never a 6240 duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generatePracticeStore } from '../../../main/core/por/practice';
import type { PorInvoice } from '../../../main/core/por/model';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { practiceRuntime, type RuntimeFixture } from '../session/runtime-fixture';

let fx: RuntimeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const OPTIONS = { startDate: '2026-03-02', days: 1, stores: 1, mode: 'transaction' as const, seed: 12 };

describe('customers', () => {
  it('reactivates an inactive customer found by number (re-reading a stale SyncToken) and never duplicates a name', async () => {
    const requests: { method: string; path: string }[] = [];
    fx = await practiceRuntime({
      runtime: {
        client: {
          retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 500 },
          onRequest: (e) => requests.push({ method: e.method, path: e.path }),
        },
      },
    });
    const { runtime, sim } = fx;
    const client = runtime.connection!.client;
    const data = generatePracticeStore({ seed: OPTIONS.seed, stores: OPTIONS.stores, startDate: OPTIONS.startDate, days: OPTIONS.days });
    const invoices = data.documents.filter((d): d is PorInvoice => d.type === 'invoice');
    // POR customers the practice company does not know yet (its seed has a few with POR numbers).
    const known = new Set(sim.list('Customer').map((c) => String(c.AcctNum ?? '')));
    const numbers = [...new Set(invoices.map((i) => i.customer.number))].filter((n) => !known.has(n));
    expect(numbers.length).toBeGreaterThan(3);
    const returning = invoices.find((i) => i.customer.number === numbers[0])!.customer;
    const namesake = invoices.find((i) => i.customer.number === numbers[1])!.customer;
    const byName = invoices.find((i) => i.customer.number === numbers[2])!.customer;

    // QBO already knows the returning customer (by number), made inactive since.
    const old = await client.create('Customer', { DisplayName: `${returning.name} (old account)`, AcctNum: returning.number }, { requestId: 'seed-returning' });
    const inactive = await client.update('Customer', { Id: old.Id!, SyncToken: old.SyncToken!, Active: false } as never);
    // The app has the lists cached; then someone edits it in QBO: the cached SyncToken is now stale.
    await runtime.connection!.references.ensureLoaded();
    const token = await runtime.connection!.tokens.getAccessToken();
    const res = await fetch(`${sim.baseUrl}/v3/company/${sim.realmId}/customer?operation=update&minorversion=75`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ Id: old.Id, SyncToken: inactive.SyncToken, sparse: true, Notes: 'edited in QuickBooks' }),
    });
    expect(res.status).toBe(200);
    // Another POR customer's name is taken in QBO by a different account: it gets "Name (number)".
    await client.create('Customer', { DisplayName: namesake.name, AcctNum: '99999' }, { requestId: 'seed-namesake' });
    // A customer someone typed into QBO by hand (no account number) is linked by its name.
    const typed = await client.create('Customer', { DisplayName: byName.name }, { requestId: 'seed-by-name' });

    await setupPracticeData(runtime.ledger, runtime.connection!, OPTIONS);
    const cycle = await runtime.syncNow();
    expect(cycle?.drain?.failed, JSON.stringify(runtime.ledger.outbox.list({ status: 'failed' }).rows.map((j) => j.lastError))).toBe(0);

    // 5010 on the first update, then one read of that customer and the update again.
    expect(requests.filter((r) => r.method === 'GET' && r.path === `customer/${old.Id}`)).toHaveLength(1);
    const back = sim.list('Customer').find((c) => c.Id === old.Id)!;
    expect(back.Active).toBe(true);
    expect(back.Notes).toBe('edited in QuickBooks');
    expect(sim.list('Customer').filter((c) => c.AcctNum === returning.number)).toHaveLength(1);
    const theirs = sim.list('Invoice').filter((i) => (i.CustomerRef as { value: string }).value === old.Id);
    expect(theirs.length).toBe(invoices.filter((i) => i.customer.number === returning.number).length);

    const named = sim.list('Customer').filter((c) => String(c.DisplayName).startsWith(namesake.name));
    expect(named.map((c) => c.DisplayName).sort()).toEqual([namesake.name, `${namesake.name} (${namesake.number})`].sort());
    expect(
      sim
        .list('Customer')
        .filter((c) => c.DisplayName === byName.name)
        .map((c) => c.Id),
    ).toEqual([typed.Id]);
    expect(sim.list('Invoice').some((i) => (i.CustomerRef as { value: string }).value === typed.Id)).toBe(true);
    const displayNames = sim.list('Customer').map((c) => String(c.DisplayName).toLowerCase());
    expect(new Set(displayNames).size).toBe(displayNames.length);
    expect(sim.stats().meteredReads).toBeLessThan(12);
  });
});
