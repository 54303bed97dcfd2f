/**
 * POR.md, end of input 2: liberal where meaning is unambiguous (identifiers and counters as strings or
 * integers; IIF quoted amounts with thousands separators, leading-dot amounts, quoted fields spanning
 * lines), strict where money could change. Each relaxation and each refusal that stays is proven here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCents } from '../../../main/core/money';
import { readFeedText } from '../../../main/core/por/feed';
import { readIifText } from '../../../main/core/por/iif';
import { iifAmountCents } from '../../../main/core/por/iif/iif-amount';
import { documentContentHash } from '../../../main/core/por/document-identity';
import type { GlJournal, PorDocument } from '../../../main/core/por/model';

const HEAD = [
  '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!ENDTRNS',
];
const trns = (amount: string, memo = 'POR EOD') => `TRNS\t\tGENERAL JOURNAL\t03/31/2026\t1020-01\tStore 1:Burbank\t${amount}\tPR2603MONTHLYONLY\t${memo}`;
const spl = (account: string, amount: string, memo = '') =>
  `SPL\t\tGENERAL JOURNAL\t03/31/2026\t${account}\tStore 1:Burbank\t${amount}\tPR2603MONTHLYONLY\t${memo}`;
const iif = (...rows: string[]) => [...HEAD, ...rows].join('\r\n') + '\r\n';
const lines = (doc: PorDocument | undefined) => (doc as GlJournal).lines.map((l) => [l.account, l.amount, l.memo]);

function eod(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'eodBatch',
    id: 'eod-7',
    store: 7,
    businessDate: '2026-03-14',
    batchNumber: '5001',
    lines: [
      { account: '5000', debit: '313.51', memo: 'COGS', category: 'cogs' },
      { account: '1300', credit: '313.51', memo: 'Inventory', category: 'inventory' },
    ],
    ...overrides,
  });
}

describe('feed: identifiers and counters as strings or integers', () => {
  it('reads an EOD batch whose batch number, id, store, revision and accounts are integers, as the same document as the string form', () => {
    const asNumbers = readFeedText(
      eod({
        id: 7001,
        store: '7',
        revision: '2',
        batchNumber: 5001,
        lines: [
          { account: 5000, debit: '313.51', memo: 'COGS', category: 'cogs' },
          { account: 1300, credit: '313.51', memo: 'Inventory', category: 'inventory' },
        ],
      }),
      'feed.jsonl',
    );
    const asText = readFeedText(eod({ id: '7001', store: 7, revision: 2 }), 'feed.jsonl');
    expect(asNumbers.problems).toEqual([]);
    expect(asNumbers.documents).toHaveLength(1);
    expect(asNumbers.documents[0]).toMatchObject({ type: 'eodBatch', id: '7001', store: 7, revision: 2, batchNumber: '5001' });
    expect(documentContentHash(asNumbers.documents[0]!)).toBe(documentContentHash(asText.documents[0]!));
  });

  it('reads invoice, payment, credit memo and deposit numbers given as integers', () => {
    const text = [
      JSON.stringify({
        type: 'payment',
        id: 9,
        store: 1,
        businessDate: '2026-03-14',
        paymentId: 1000001,
        customerNumber: 10004,
        method: 'check',
        amount: '80.00',
        appliedTo: [{ invoiceNumber: 100001, amount: '80.00' }],
        account: 1000,
        source: 'counter',
      }),
      JSON.stringify({
        type: 'creditMemo',
        id: 'cm-1',
        store: 1,
        businessDate: '2026-03-14',
        creditMemoNumber: 10001,
        customer: { number: 10004, name: 'Crown', accountCustomer: true },
        amount: '5.00',
        reason: 'x',
        invoiceNumber: 100001,
      }),
      JSON.stringify({
        type: 'deposit',
        id: 'dep-1',
        store: 1,
        businessDate: '2026-03-14',
        depositId: 77,
        kind: 'bank',
        bankAccount: 1020,
        lines: [{ method: 'cash', amount: '5.00', account: 1000 }],
      }),
    ].join('\n');
    const r = readFeedText(text, 'feed.jsonl');
    expect(r.problems).toEqual([]);
    expect(r.documents[0]).toMatchObject({
      id: '9',
      paymentId: '1000001',
      customerNumber: '10004',
      account: '1000',
      appliedTo: [{ invoiceNumber: '100001', amount: 8000 }],
    });
    expect(r.documents[1]).toMatchObject({ creditMemoNumber: '10001', invoiceNumber: '100001', customer: { number: '10004' } });
    expect(r.documents[2]).toMatchObject({ depositId: '77', bankAccount: '1020', lines: [{ account: '1000', amount: 500 }] });
  });

  it('still refuses what could change meaning or money: a fractional identifier or account, a fractional or negative store, numbers as amounts', () => {
    const r = readFeedText(
      [
        eod({ batchNumber: 5001.5 }),
        eod({
          id: 'e2',
          lines: [
            { account: 1020.1, debit: '1.00', category: 'cogs' },
            { account: '1300', credit: '1.00', category: 'cogs' },
          ],
        }),
        eod({ id: 'e3', store: '-1' }),
        eod({ id: 'e4', store: '2.5' }),
        eod({
          id: 'e5',
          lines: [
            { account: '5000', debit: 313.51, category: 'cogs' },
            { account: '1300', credit: '313.51', category: 'cogs' },
          ],
        }),
        eod({ id: 'e6', batchNumber: '' }),
        eod({ id: 'e7', batchNumber: true }),
      ].join('\n'),
      'feed.jsonl',
    );
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [1, 'batchNumber', 'must be text or a whole number, got the number 5001.5 (write it as a string, like "5001.5")'],
      [2, 'lines[0].account', 'must be text or a whole number, got the number 1020.1 (write it as a string, like "1020.1")'],
      [3, 'store', 'must be a whole number, got "-1"'],
      [4, 'store', 'must be a whole number, got "2.5"'],
      [5, 'lines[0].debit', 'must be a string, got the number 313.51 (amounts are decimal strings, like "80.00")'],
      [6, 'batchNumber', 'must not be empty'],
      [7, 'batchNumber', 'must be text or a whole number, got true'],
    ]);
  });
});

describe('IIF: quoted thousands separators, leading dots, quoted fields over several lines', () => {
  it('reads a monthly export whose quoted amounts carry thousands separators', () => {
    const r = readIifText(iif(trns('"5,402.18"'), spl('4000-01', '"-5,000.00"'), spl('2200', '-402.18'), 'ENDTRNS'), 'PR2603MONTHLYONLY');
    expect(r.problems).toEqual([]);
    expect(lines(r.documents[0])).toEqual([
      ['1020-01', 540218, 'POR EOD'],
      ['4000-01', -500000, null],
      ['2200', -40218, null],
    ]);
  });

  it('reads leading-dot amounts, quoted or not', () => {
    const r = readIifText(
      iif(trns('.50'), spl('4000-01', '-.5'), 'ENDTRNS', trns('"1,000.05"'), spl('4000-01', '"-1,000"'), spl('4001-01', '"-.05"'), 'ENDTRNS'),
      'PR260331',
    );
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => (d as GlJournal).lines.map((l) => l.amount))).toEqual([
      [50, -50],
      [100005, -100000, -5],
    ]);
  });

  it('refuses unquoted separators, wrong grouping, three decimals and separators after a dot, naming line and field', () => {
    const r = readIifText(
      iif(
        trns('1,080.00'),
        spl('4000-01', '-1080.00'),
        'ENDTRNS',
        trns('"54,02.18"'),
        spl('4000-01', '-5402.18'),
        'ENDTRNS',
        trns('"1,234.567"'),
        spl('4000-01', '-1234.57'),
        'ENDTRNS',
        trns('"1.234,56"'),
        spl('4000-01', '-1234.56'),
        'ENDTRNS',
        trns('"..5"'),
        spl('4000-01', '-0.50'),
        'ENDTRNS',
      ),
      'PR260331',
    );
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'AMOUNT'],
      [7, 'AMOUNT'],
      [10, 'AMOUNT'],
      [13, 'AMOUNT'],
      [16, 'AMOUNT'],
    ]);
    expect(r.problems[0]!.message).toMatch(/AMOUNT "1,080.00" is not an amount: thousands separators are not allowed/);
    expect(r.problems[2]!.message).toMatch(/AMOUNT "1,234.567" is not an amount/);
  });

  it('reads a quoted memo that spans lines as one field (line breaks as spaces), and counts lines after it right', () => {
    const r = readIifText(
      iif(trns('10.00', '"Rental\r\nreturned late"'), spl('4000-01', '-10.00', '"two\nmore\nlines"'), 'ENDTRNS', trns('x'), spl('4000-01', '-1.00'), 'ENDTRNS'),
      'PR260331',
    );
    expect(lines(r.documents[0])).toEqual([
      ['1020-01', 1000, 'Rental returned late'],
      ['4000-01', -1000, 'two more lines'],
    ]);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([[10, 'AMOUNT']]);
  });

  it('never lets an unclosed quote swallow the next rows: the row is refused and the rest still read', () => {
    const r = readIifText(
      iif(trns('10.00', '"Rental'), spl('4000-01', '-10.00', '"x"'), 'ENDTRNS', trns('1.00'), spl('4000-01', '-1.00'), 'ENDTRNS'),
      'PR260331',
    );
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([[4, 'a quoted field is never closed (missing "); the transaction on line 4 was not imported']]);
    expect(r.documents.map((d) => (d as GlJournal).lines.map((l) => l.amount))).toEqual([[100, -100]]);
  });
});

describe('IIF amounts stay exact', () => {
  const grouped = (cents: bigint): string => {
    const neg = cents < 0n;
    const abs = neg ? -cents : cents;
    const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${neg ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
  };

  it('a quoted grouped amount reads as the very cents it was written from (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n) + 1n, max: 10n ** 13n - 1n }), (c) => {
        expect(iifAmountCents(grouped(c), true)).toBe(Number(c) === 0 ? 0 : Number(c));
      }),
      { numRuns: 3000 },
    );
  });

  it('whatever parseCents reads, the IIF parser reads the same; whatever it adds is a separator or leading-dot form (property)', () => {
    const chars = fc.constantFrom('0', '1', '5', '9', '.', '-', ',', ' ', 'e', '+');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 18 }).map((a) => a.join('')),
        fc.boolean(),
        (s, quoted) => {
          let plain: number | null = null;
          try {
            plain = parseCents(s);
          } catch {
            /* refused by parseCents */
          }
          let ours: number | null = null;
          try {
            ours = iifAmountCents(s, quoted);
          } catch {
            /* refused */
          }
          if (plain !== null) expect(ours).toBe(plain);
          else if (ours !== null) {
            const normal = s.replace(/,/g, '').replace(/^(-?)\./, '$10.');
            expect(ours).toBe(parseCents(normal));
            if (s.includes(',')) expect(quoted && /^-?\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)).toBe(true);
            else expect(s).toMatch(/^-?\.\d{1,2}$/);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
