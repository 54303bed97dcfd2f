import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import type { JournalEntry } from '../../../main/core/qbo/entities';
import { QboFault, isClosedPeriod, isDuplicateDocNumber, isDuplicateName, isMissingRef, isStale } from '../../../main/core/qbo/qbo-fault';
import { RequestIdError } from '../../../main/core/qbo/request-id';
import { expectSentBodiesFitSchema, simIds, simSession, type SimSession } from './sim-session';

let sim: RunningSimulator;
let s: SimSession;
let ids: ReturnType<typeof simIds>;

beforeAll(async () => {
  sim = await startSimulator();
  s = await simSession(sim);
  ids = simIds(sim);
});
afterAll(async () => {
  expectSentBodiesFitSchema(s.sent);
  await sim.close();
});

function journal(docNumber: string, cents = 10050, txnDate = '2026-03-14'): JournalEntry {
  const amount = cents / 100;
  return {
    TxnDate: txnDate,
    DocNumber: docNumber,
    PrivateNote: 'POR EOD Store 1',
    Line: [
      {
        Description: 'Card clearing',
        Amount: amount,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: ids.account('1050') }, ClassRef: { value: ids.klass('Burbank') } },
      },
      {
        Description: 'Rental revenue',
        Amount: amount,
        DetailType: 'JournalEntryLineDetail',
        JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: ids.account('4000-01') }, ClassRef: { value: ids.klass('Burbank') } },
      },
    ],
  };
}

function invoice(docNumber: string) {
  return {
    CustomerRef: { value: ids.customer('Acme Construction') },
    DocNumber: docNumber,
    TxnDate: '2026-03-14',
    Line: [
      {
        Amount: 150,
        DetailType: 'SalesItemLineDetail' as const,
        SalesItemLineDetail: { ItemRef: { value: ids.item('Rental') }, Qty: 3, UnitPrice: 50, TaxCodeRef: { value: 'NON' } },
      },
    ],
  };
}

describe('QboClient against the practice simulator: every entity', () => {
  it('creates, sparse-updates, reads and deletes a JournalEntry with a requestid', async () => {
    const created = await s.client.create('JournalEntry', journal('PR-JE-1'), { requestId: 'practice:je:1' });
    expect(created.Id).toBeTruthy();
    expect(created.SyncToken).toBe('0');
    const create = s.sent.at(-1)!;
    expect(create).toMatchObject({ method: 'POST', path: 'journalentry', params: { requestid: 'practice:je:1', minorversion: '75' } });

    const updated = await s.client.update('JournalEntry', { Id: created.Id!, SyncToken: created.SyncToken!, PrivateNote: 'resent' });
    expect(updated.PrivateNote).toBe('resent');
    expect(updated.Line).toHaveLength(2); // sparse: the lines were kept
    expect(s.sent.at(-1)!.body).toEqual({ Id: created.Id, SyncToken: '0', PrivateNote: 'resent', sparse: true });

    const read = await s.client.read('JournalEntry', created.Id!);
    expect(read.SyncToken).toBe(updated.SyncToken);
    const deleted = await s.client.delete('JournalEntry', { Id: read.Id!, SyncToken: read.SyncToken! });
    expect(deleted).toEqual({ Id: created.Id, status: 'Deleted' });
    expect(sim.list('JournalEntry').some((j) => j.Id === created.Id)).toBe(false);
  });

  it('creates an Invoice and a Payment against it, then voids both', async () => {
    const inv = await s.client.create('Invoice', invoice('PR-INV-1'), { requestId: 'practice:inv:1' });
    expect(inv.TotalAmt).toBe(150);
    const pay = await s.client.create(
      'Payment',
      {
        CustomerRef: { value: ids.customer('Acme Construction') },
        TotalAmt: 150,
        TxnDate: '2026-03-15',
        Line: [{ Amount: 150, LinkedTxn: [{ TxnId: inv.Id!, TxnType: 'Invoice' }] }],
      },
      { requestId: 'practice:pay:1' },
    );
    expect(pay.TotalAmt).toBe(150);
    const voidedPayment = await s.client.void('Payment', { Id: pay.Id!, SyncToken: pay.SyncToken! });
    expect(voidedPayment.TotalAmt).toBe(0);
    expect(s.sent.at(-1)!.params).toMatchObject({ operation: 'update', include: 'void' });
    const fresh = await s.client.read('Invoice', inv.Id!);
    const voidedInvoice = await s.client.void('Invoice', { Id: fresh.Id!, SyncToken: fresh.SyncToken! });
    expect(voidedInvoice.TotalAmt).toBe(0);
    expect(s.sent.at(-1)!.params.operation).toBe('void');
  });

  it('creates, updates and deletes a CreditMemo and a Deposit', async () => {
    const memo = await s.client.create('CreditMemo', invoice('PR-CM-1'), { requestId: 'practice:cm:1' });
    const memo2 = await s.client.update('CreditMemo', { Id: memo.Id!, SyncToken: memo.SyncToken!, PrivateNote: 'portal payment' });
    expect((await s.client.delete('CreditMemo', { Id: memo2.Id!, SyncToken: memo2.SyncToken! })).status).toBe('Deleted');

    const deposit = await s.client.create(
      'Deposit',
      {
        TxnDate: '2026-03-14',
        DepositToAccountRef: { value: ids.account('1020-01') },
        Line: [
          {
            Amount: 99.99,
            DetailType: 'DepositLineDetail',
            DepositLineDetail: { AccountRef: { value: ids.account('1050') }, ClassRef: { value: ids.klass('Burbank') } },
          },
        ],
      },
      { requestId: 'practice:dep:1' },
    );
    expect(deposit.TotalAmt).toBe(99.99);
    const dep2 = await s.client.update('Deposit', { Id: deposit.Id!, SyncToken: deposit.SyncToken!, PrivateNote: 'EOD cards' });
    expect((await s.client.delete('Deposit', { Id: dep2.Id!, SyncToken: dep2.SyncToken! })).status).toBe('Deleted');
  });

  it('creates Customer, Item, Class (sub-class), Department and Account; "delete" makes name lists inactive', async () => {
    const customer = await s.client.create('Customer', { DisplayName: 'Hill Top Events', AcctNum: '20001' }, { requestId: 'practice:cust:20001' });
    const item = await s.client.create(
      'Item',
      { Name: 'Rental - Store 2', Type: 'Service', IncomeAccountRef: { value: ids.account('4000-02') } },
      { requestId: 'practice:item:r2' },
    );
    const klass = await s.client.create(
      'Class',
      { Name: 'Glendale', SubClass: true, ParentRef: { value: ids.klass('Store 2') } },
      { requestId: 'practice:class:s2' },
    );
    expect(klass.FullyQualifiedName).toBe('Store 2:Glendale');
    const dept = await s.client.create('Department', { Name: 'Pasadena' }, { requestId: 'practice:dept:pas' });
    const account = await s.client.create(
      'Account',
      { Name: 'Rental revenue - Store 7', AcctNum: '4000-07', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' },
      { requestId: 'practice:acct:4000-07' },
    );
    expect(account.AcctNum).toBe('4000-07');

    const renamed = await s.client.update('Customer', { Id: customer.Id!, SyncToken: customer.SyncToken!, Notes: 'from POR' });
    expect(renamed.DisplayName).toBe('Hill Top Events');
    for (const [entity, obj] of [
      ['Customer', renamed],
      ['Item', item],
      ['Class', klass],
      ['Department', dept],
      ['Account', account],
    ] as const) {
      const result = await s.client.delete(entity, { Id: obj.Id!, SyncToken: obj.SyncToken! });
      expect(result.status).toBe('Inactive');
      expect(sim.list(entity).find((o) => o.Id === obj.Id)?.Active).toBe(false);
    }
  });

  it('validates requestids before sending and replays a repeated one without a second create', async () => {
    const before = s.sent.length;
    await expect(s.client.create('JournalEntry', journal('X'), { requestId: 'x'.repeat(51) })).rejects.toBeInstanceOf(RequestIdError);
    await expect(s.client.create('JournalEntry', journal('X'), { requestId: '' })).rejects.toThrow(/required/);
    await expect(s.client.create('JournalEntry', journal('X'), undefined as never)).rejects.toThrow(/required/);
    expect(s.sent.length).toBe(before);

    const count = sim.list('JournalEntry').length;
    const a = await s.client.create('JournalEntry', journal('PR-JE-2'), { requestId: 'practice:je:2' });
    const b = await s.client.create('JournalEntry', journal('PR-JE-2'), { requestId: 'practice:je:2' });
    expect(b.Id).toBe(a.Id);
    expect(sim.list('JournalEntry').length).toBe(count + 1);
  });

  it('raises typed faults for QBO business errors, with intuit_tid', async () => {
    await s.client.create('JournalEntry', journal('PR-DUP'), { requestId: 'practice:je:dup1' });
    const dup = await s.client.create('JournalEntry', journal('PR-DUP'), { requestId: 'practice:je:dup2' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(QboFault);
    expect(isDuplicateDocNumber(dup)).toBe(true);
    expect((dup as QboFault).intuit_tid).toBeTruthy();
    expect((dup as QboFault).element).toBe('DocNumber');

    sim.knobs.closingDate = '2025-12-31';
    const closed = await s.client.create('JournalEntry', journal('PR-OLD', 100, '2025-06-30'), { requestId: 'practice:je:old' }).catch((e: unknown) => e);
    sim.knobs.closingDate = null;
    expect(isClosedPeriod(closed)).toBe(true);

    const missing = await s.client
      .create(
        'JournalEntry',
        {
          ...journal('PR-MISS'),
          Line: journal('PR-MISS').Line.map((l) => ({ ...l, JournalEntryLineDetail: { ...l.JournalEntryLineDetail, AccountRef: { value: '99999' } } })),
        },
        { requestId: 'practice:je:miss' },
      )
      .catch((e: unknown) => e);
    expect(isMissingRef(missing)).toBe(true);

    const inactive = await s.client
      .create('Invoice', { ...invoice('PR-INV-OLD'), CustomerRef: { value: ids.customer('Old Rentals LLC') } }, { requestId: 'practice:inv:old' })
      .catch((e: unknown) => e);
    expect(isMissingRef(inactive)).toBe(true);

    const name = await s.client.create('Customer', { DisplayName: 'Acme Construction' }, { requestId: 'practice:cust:dup' }).catch((e: unknown) => e);
    expect(isDuplicateName(name)).toBe(true);

    const je = await s.client.create('JournalEntry', journal('PR-STALE'), { requestId: 'practice:je:stale' });
    await s.client.update('JournalEntry', { Id: je.Id!, SyncToken: je.SyncToken!, PrivateNote: 'first' });
    const stale = await s.client.update('JournalEntry', { Id: je.Id!, SyncToken: je.SyncToken!, PrivateNote: 'second' }).catch((e: unknown) => e);
    expect(isStale(stale)).toBe(true);

    const unbalanced = journal('PR-UNBAL');
    unbalanced.Line[1]!.Amount = 1;
    const fault = await s.client.create('JournalEntry', unbalanced, { requestId: 'practice:je:unbal' }).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(QboFault);
    expect((fault as QboFault).httpStatus).toBe(400);
    expect((fault as QboFault).message).toBeTruthy();
  });

  it('needs Id and SyncToken to change an object', async () => {
    await expect(s.client.update('Customer', { Id: '1' } as never)).rejects.toThrow(/Id and SyncToken/);
    await expect(s.client.delete('JournalEntry', { Id: '', SyncToken: '0' })).rejects.toThrow(/Id and SyncToken/);
  });

  it('counts metered reads: reads and query pages, never creates', async () => {
    const before = s.client.stats().meteredReads;
    const simBefore = sim.stats().meteredReads;
    await s.client.create('Customer', { DisplayName: 'Metering Test' }, { requestId: 'practice:cust:meter' });
    expect(s.client.stats().meteredReads).toBe(before);
    await s.client.companyInfo();
    await s.client.queryAll('TaxCode');
    expect(s.client.stats().meteredReads).toBe(before + 2);
    expect(sim.stats().meteredReads - simBefore).toBe(2);
  });
});
