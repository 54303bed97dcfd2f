import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeedFile, readFeedText, writeFeed } from '../../../main/core/por/feed';
import type { PorDocument } from '../../../main/core/por/model';

const GOOD = join(import.meta.dirname, '../../fixtures/good');
type FeedDoc = Exclude<PorDocument, { type: 'glJournal' }>;

describe('document feed reader', () => {
  it('reads one document of each type, amounts in cents, unknown fields ignored, revision defaulted', async () => {
    const r = await readFeedFile(join(GOOD, 'POR-feed-sample.jsonl'));
    expect(r.fileProblem).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.documents.map((d) => [d.type, d.id, d.revision, d.source.line])).toEqual([
      ['invoice', 'inv-100001', 1, 1],
      ['payment', 'pay-1000001', 1, 2],
      ['creditMemo', 'cm-CM10001', 1, 3],
      ['deposit', 'dep-1-2026-03-14-card', 1, 4],
      ['eodBatch', 'eod-5001', 2, 5],
      ['storeDayClosed', 'close-1-2026-03-14', 1, 6],
    ]);
    const [invoice, payment, memo, deposit, eod] = r.documents;
    expect(invoice).toEqual({
      type: 'invoice',
      id: 'inv-100001',
      store: 1,
      businessDate: '2026-03-14',
      revision: 1,
      source: { kind: 'feed', file: 'POR-feed-sample.jsonl', line: 1 },
      invoiceNumber: '100001',
      contractNumber: 'C100001',
      customer: { number: '10004', name: 'Crown Electric', email: 'ap@crownelectric.example', accountCustomer: true },
      invoiceDate: '2026-03-14',
      dueDate: '2026-04-13',
      lines: [
        { kind: 'rental', description: 'Skid steer loader', quantity: '1.5', unitPrice: 28500, amount: 42750, taxable: true, account: '4000-01' },
        { kind: 'damageWaiver', description: 'Damage waiver 12%', quantity: '1', unitPrice: 5130, amount: 5130, taxable: false, account: '4200' },
      ],
      taxes: [{ name: 'Burbank sales tax', rate: '0.1025', amount: 4382, account: '2200' }],
      total: 52262,
      paidAtClose: [{ method: 'creditCard', amount: 10000, account: '1050' }],
      arAccount: '1200',
    });
    expect(payment).toMatchObject({ paymentSource: 'counter', amount: 42262, appliedTo: [{ invoiceNumber: '100001', amount: 42262 }] });
    expect(memo).toMatchObject({ invoiceNumber: '100001', amount: 5130, lines: [{ kind: 'damageWaiver' }] });
    expect(deposit).toMatchObject({ kind: 'creditCard', bankAccount: '1020-01', lines: [{ method: 'creditCard', amount: 10000, account: '1050' }] });
    expect(eod).toMatchObject({
      lines: [
        { account: '6000', amount: 31351 },
        { account: '1590', amount: -31351 },
      ],
    });
  });

  it('writes what it reads: writeFeed then readFeedText gives the same documents', async () => {
    const first = await readFeedFile(join(GOOD, 'POR-feed-sample.jsonl'));
    const again = readFeedText(writeFeed(first.documents as FeedDoc[]), 'POR-feed-sample.jsonl');
    expect(again.problems).toEqual([]);
    expect(again.documents).toEqual(first.documents);
  });

  it('keeps good lines around bad ones and names the line and field', () => {
    const good = JSON.stringify({ type: 'storeDayClosed', id: 'c1', store: 1, businessDate: '2026-03-14', eodCompletedAt: '2026-03-14T21:00:00Z' });
    const bad = JSON.stringify({ type: 'storeDayClosed', id: 'c2', store: 1, businessDate: '2026-3-14', eodCompletedAt: '2026-03-14T21:00:00Z' });
    const r = readFeedText(`${good}\n\n${bad}\n${good.replace('c1', 'c3')}`, 'f.jsonl');
    expect(r.documents.map((d) => d.id)).toEqual(['c1', 'c3']);
    expect(r.problems).toEqual([
      {
        file: 'f.jsonl',
        line: 3,
        field: 'businessDate',
        message: '"2026-3-14" is not a date in the form YYYY-MM-DD',
        // What reconciliation knows of the refused document: its key and store, not its (unreadable) day.
        document: { key: 'storeDayClosed:c2', store: 1, businessDate: null, postings: [], complete: false },
      },
    ]);
  });

  it('names nested fields by path', () => {
    const line = JSON.stringify({
      type: 'invoice',
      id: 'i',
      store: 1,
      businessDate: '2026-03-14',
      invoiceNumber: '1',
      contractNumber: 'C1',
      customer: { number: '1', name: 'A', accountCustomer: 'yes' },
      invoiceDate: '2026-03-14',
      lines: [{ kind: 'rental', description: 'x', quantity: 2, unitPrice: '1.00', amount: '2.00', taxable: true, account: '4000' }],
      total: '2.00',
      arAccount: '1200',
    });
    expect(readFeedText(line, 'f.jsonl').problems.map((p) => [p.field, p.message])).toEqual([
      ['customer.accountCustomer', 'must be true or false, got "yes"'],
      ['lines[0].quantity', 'must be a string, got the number 2 (write it as a string, like "1.5")'],
    ]);
  });
});
