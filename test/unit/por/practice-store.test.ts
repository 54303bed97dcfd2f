import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { generatePracticeStore, writePracticeFiles, PRACTICE_POR_ACCOUNTS, expandPracticeAccounts, practiceStores } from '../../../main/core/por/practice';
import { multiplyCents } from '../../../main/core/por/practice/practice-math';
import { documentPostings } from '../../../main/core/por/practice/practice-postings';
import { readIifFile, readIifText, writeIif } from '../../../main/core/por/iif';
import { readFeedFile } from '../../../main/core/por/feed';
import type { PorDocument } from '../../../main/core/por/model';
import { makeTempDir } from '../../helpers/temp-dir';

const OPTIONS = { seed: 7, stores: 3, startDate: '2026-03-01', days: 21 };
const withoutSource = (d: PorDocument): Omit<PorDocument, 'source'> => {
  const { source: _s, ...rest } = d;
  return rest;
};

describe('practice store', () => {
  const data = generatePracticeStore(OPTIONS);

  it('is deterministic: the same seed gives the same business, another seed another one', () => {
    expect(generatePracticeStore(OPTIONS)).toEqual(data);
    expect(generatePracticeStore({ ...OPTIONS, seed: 8 }).documents).not.toEqual(data.documents);
  });

  it('has every kind of document, every store and day, each closed once', () => {
    const s = data.summary;
    expect(s).toMatchObject({ stores: 3, days: 21, startDate: '2026-03-01', endDate: '2026-03-21', eodBatches: 63, storeDaysClosed: 63, glJournals: 63 });
    expect(s.invoices).toBeGreaterThan(200);
    expect(s.payments).toBeGreaterThan(10);
    expect(s.creditMemos).toBeGreaterThan(0);
    const types = new Set(data.documents.map((d) => d.type));
    expect([...types].sort()).toEqual(['creditMemo', 'deposit', 'eodBatch', 'invoice', 'payment', 'storeDayClosed']);
    const kinds = new Set(data.documents.flatMap((d) => (d.type === 'invoice' ? d.lines.map((l) => l.kind) : [])));
    for (const k of ['rental', 'sale', 'damageWaiver', 'delivery', 'pickup', 'labor', 'fuel', 'environmental']) expect(kinds).toContain(k);
    const sources = new Set(data.documents.flatMap((d) => (d.type === 'payment' ? [d.paymentSource] : [])));
    expect([...sources].sort()).toEqual(['cardIntegration', 'counter', 'portal']);
    const depositKinds = new Set(data.documents.flatMap((d) => (d.type === 'deposit' ? [d.kind] : [])));
    expect([...depositKinds].sort()).toEqual(['bank', 'creditCard']);
    const categories = new Set(data.documents.flatMap((d) => (d.type === 'eodBatch' ? d.lines.map((l) => l.category) : [])));
    expect([...categories].sort()).toEqual(['cogs', 'depreciation', 'inventory', 'transfer']);
    const ids = data.documents.map((d) => `${d.type}:${d.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('computes line amounts, taxes and totals exactly to the cent', () => {
    for (const d of data.documents) {
      if (d.type !== 'invoice') continue;
      for (const l of d.lines) expect(l.amount).toBe(multiplyCents(l.unitPrice, l.quantity));
      const taxable = d.lines.filter((l) => l.taxable).reduce((s, l) => s + l.amount, 0);
      const tax = d.taxes.reduce((s, t) => s + t.amount, 0);
      expect(tax).toBe(multiplyCents(taxable, practiceStores(3)[d.store! - 1]!.taxRate));
      expect(d.total).toBe(d.lines.reduce((s, l) => s + l.amount, 0) + tax);
      expect(d.paidAtClose.reduce((s, p) => s + p.amount, 0)).toBeLessThanOrEqual(d.total);
    }
  });

  it('never collects more than an invoice is owed', () => {
    const owed = new Map<string, number>();
    for (const d of data.documents) {
      if (d.type === 'invoice') owed.set(d.invoiceNumber, d.total - d.paidAtClose.reduce((s, p) => s + p.amount, 0));
      if (d.type === 'creditMemo') owed.set(d.invoiceNumber!, owed.get(d.invoiceNumber!)! - d.amount);
      if (d.type === 'payment') for (const a of d.appliedTo) owed.set(a.invoiceNumber, owed.get(a.invoiceNumber)! - a.amount);
    }
    for (const left of owed.values()) expect(left).toBeGreaterThanOrEqual(0);
  });

  it('exports each store-day as one balanced GL journal equal to its documents netted per account', () => {
    for (const day of data.days) {
      for (const j of day.gl) {
        expect(j.lines.reduce((s, l) => s + l.amount, 0)).toBe(0);
        expect(new Set(j.lines.map((l) => l.account)).size).toBe(j.lines.length);
        expect(j.lines.every((l) => l.amount !== 0 && l.className === j.className)).toBe(true);
        const sums = new Map<string, number>();
        for (const d of day.feed.filter((x) => x.store === j.store)) {
          for (const p of documentPostings(d, '1200')) sums.set(p.account, (sums.get(p.account) ?? 0) + p.amount);
        }
        const expected = [...sums].filter(([, v]) => v !== 0).sort();
        expect(j.lines.map((l) => [l.account, l.amount]).sort()).toEqual(expected);
      }
    }
    // Drawer and card clearing are deposited the same day.
    expect(data.glJournals.some((j) => j.lines.some((l) => l.account === '1000' || l.account === '1050'))).toBe(false);
  });

  it('posts only to accounts of the practice chart (PRACTICE_POR_ACCOUNTS)', () => {
    const chart = new Set(expandPracticeAccounts(data.stores).map((a) => a.number));
    const used = new Set(data.glJournals.flatMap((j) => j.lines.map((l) => l.account)));
    for (const a of used) expect(chart).toContain(a);
    expect(chart).toContain('1020-03');
    expect(PRACTICE_POR_ACCOUNTS.find((a) => a.required)?.number).toBe('1020.##');
  });

  it('gives the same journals back through the IIF reader', () => {
    const day = data.days[0]!;
    const r = readIifText(writeIif(day.gl), 'PR260301.iif');
    expect(r.problems).toEqual([]);
    expect(r.documents.map(withoutSource)).toEqual(day.gl.map(withoutSource));
  });

  it('refuses options it cannot honour', () => {
    expect(() => generatePracticeStore({ ...OPTIONS, startDate: '2026-02-30' })).toThrow(/startDate/);
    expect(() => generatePracticeStore({ ...OPTIONS, days: 0 })).toThrow(/days/);
    expect(() => generatePracticeStore({ ...OPTIONS, stores: 0 })).toThrow(/stores/);
  });
});

describe('practice files', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('writes a GL export and a feed file per day that read back cleanly to the generated documents', async () => {
    const options = { seed: 3, stores: 2, startDate: '2026-03-13', days: 3 };
    const { files, summary } = await writePracticeFiles(tmp.path, options);
    expect(files.map((f) => f.slice(tmp.path.length + 1))).toEqual([
      'PR260313.iif',
      'POR-feed-20260313.jsonl',
      'PR260314.iif',
      'POR-feed-20260314.jsonl',
      'PR260315.iif',
      'POR-feed-20260315.jsonl',
    ]);
    expect(readdirSync(tmp.path).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readFileSync(files[0]!, 'utf8')).toMatch(/^!TRNS\t.*\r\n!SPL\t.*\r\n!ENDTRNS\r\nTRNS\t/);
    const data = generatePracticeStore(options);
    const gl: PorDocument[] = [];
    const feed: PorDocument[] = [];
    for (const f of files) {
      const r = f.endsWith('.iif') ? await readIifFile(f) : await readFeedFile(f);
      expect(r.fileProblem).toBeNull();
      expect(r.problems).toEqual([]);
      expect(r.warnings).toEqual([]);
      (f.endsWith('.iif') ? gl : feed).push(...r.documents);
    }
    expect(gl.map(withoutSource)).toEqual(data.glJournals.map(withoutSource));
    expect(feed.map(withoutSource)).toEqual(data.documents.map(withoutSource));
    expect(summary).toEqual(data.summary);
  });

  it('can write only one of the two inputs', async () => {
    const { files } = await writePracticeFiles(tmp.path, { seed: 1, stores: 1, startDate: '2026-03-13', days: 2, formats: ['iif'] });
    expect(files.every((f) => f.endsWith('.iif'))).toBe(true);
    expect(files).toHaveLength(2);
  });
});

describe('practice cent arithmetic', () => {
  it('multiplies cents by decimal strings, rounding half away from zero, in integers', () => {
    expect(multiplyCents(28500, '1.5')).toBe(42750);
    expect(multiplyCents(4250, '0.1025')).toBe(436); // 435.625
    expect(multiplyCents(5, '0.5')).toBe(3);
    expect(multiplyCents(-5, '0.5')).toBe(-3);
    expect(multiplyCents(1, '0.4')).toBe(0);
    expect(Object.is(multiplyCents(-1, '0.4'), -0)).toBe(false);
    expect(multiplyCents(100_000, '0.08875')).toBe(8875);
  });
});
