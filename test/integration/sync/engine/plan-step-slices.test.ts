/**
 * Planning a big backlog a slice at a time (real SQLite ledger, practice-store documents): the same jobs as
 * planning everything at once, no slice larger than PLAN_SLICE_DOCUMENTS plus one day, lists capped while
 * counts stay whole, and a ledger that has been planned is not read again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLedger, type Ledger } from '../../../../main/core/ledger';
import type { ExportMode } from '../../../../main/core/ledger/env-settings';
import { generatePracticeStore, practiceStores } from '../../../../main/core/por/practice';
import * as plan from '../../../../main/core/sync/plan/plan-exports';
import { planStep, storeConfigs } from '../../../../main/core/sync/engine/plan-step';
import { makeTempDir } from '../../../helpers/temp-dir';

const dir = makeTempDir();
let ledger: Ledger | null = null;
afterEach(() => {
  ledger?.close();
  ledger = null;
  vi.restoreAllMocks();
});

function practiceLedger(name: string, mode: ExportMode, stores: number, days: number): { ledger: Ledger; documents: number } {
  const l = openLedger(`${dir.path}/${name}`, 'sandbox');
  const data = generatePracticeStore({ seed: 7, stores, startDate: '2026-01-05', days });
  l.documents.recordMany([...data.documents, ...data.glJournals]);
  l.transaction(() => {
    for (const s of practiceStores(stores)) l.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'API-QBO' });
    l.settings.set('exportMode', mode);
  });
  return { ledger: l, documents: data.documents.length + data.glJournals.length };
}

describe('plan step in slices', () => {
  it.each<ExportMode>(['batch', 'realtime', 'transaction'])('%s mode: the same jobs as planning every document at once', (mode) => {
    const made = practiceLedger(`same-${mode}`, mode, 4, 20);
    ledger = made.ledger;
    const sliceDocuments = 150;
    expect(made.documents).toBeGreaterThan(3 * sliceDocuments); // several slices
    const docs = [];
    for (let before: number | undefined; ;) {
      const page = ledger.documents.list({ status: 'active' }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
      docs.push(...page.rows.map((r) => r.document));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    const whole = plan.planExports({ environment: 'sandbox', mode, documents: docs, alreadySent: new Map(), stores: storeConfigs(ledger) });
    const step = planStep(ledger, { environment: 'sandbox', limits: { sliceDocuments } });
    const queued = new Set(keysOf(ledger));
    expect(step.counts.enqueued).toBe(whole.jobs.length);
    expect(queued).toEqual(new Set(whole.jobs.map((j) => j.idempotencyKey)));
    expect(step.counts.held).toBe(whole.held.length);
  });

  it('plans a backlog in bounded slices, keeps counts whole and lists short, and does not read it again', () => {
    const made = practiceLedger('big', 'realtime', 20, 12);
    ledger = made.ledger;
    const limits = { sliceDocuments: 300, listItems: 100 };
    expect(made.documents).toBeGreaterThan(8 * limits.sliceDocuments);
    const sizes: number[] = [];
    const real = plan.planExports;
    vi.spyOn(plan, 'planExports').mockImplementation((input) => {
      sizes.push(input.documents.length);
      return real(input);
    });
    const biggestDay = Math.max(
      ...ledger.reconciliation
        .storeDays({})
        .reduce((m, d) => m.set(d.businessDate, (m.get(d.businessDate) ?? 0) + d.documents), new Map<string, number>())
        .values(),
    );
    const step = planStep(ledger, { environment: 'sandbox', limits });
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.max(...sizes)).toBeLessThan(limits.sliceDocuments + biggestDay);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(made.documents); // every document once
    expect(step.counts.enqueued).toBe(ledger.outbox.counts().queued);
    expect(step.counts.enqueued).toBeGreaterThan(limits.listItems);
    expect(step.enqueued).toHaveLength(limits.listItems);
    expect(step.plan.jobs).toHaveLength(limits.listItems);
    expect(ledger.planQueue.unplannedCount()).toBe(0);

    sizes.length = 0;
    const again = planStep(ledger, { environment: 'sandbox', limits });
    expect(again.counts.enqueued).toBe(0);
    expect(sizes).toEqual([]); // nothing was read: every document is planned
  });

  it('a cancelled job gives its documents back to the planner; a mode switch plans everything again', () => {
    const made = practiceLedger('cancel', 'batch', 2, 5);
    ledger = made.ledger;
    planStep(ledger, { environment: 'sandbox' });
    expect(ledger.planQueue.unplannedCount()).toBe(0);
    const batch = ledger.outbox.list({ status: 'queued', kind: 'JournalEntry' }, { limit: 1 }).rows[0]!;
    ledger.outbox.cancel(batch.id, 'test');
    expect(ledger.planQueue.unplannedCount()).toBe(new Set(batch.documentKeys.map((k) => k.replace(/#paid$/, ''))).size);
    const again = planStep(ledger, { environment: 'sandbox' });
    expect(again.counts.enqueued).toBeGreaterThan(0); // its day planned again (a reposted key)
    expect(ledger.planQueue.unplannedCount()).toBe(0);

    ledger.settings.set('exportMode', 'realtime');
    expect(ledger.planQueue.marksValidFor('realtime')).toBe(false);
    planStep(ledger, { environment: 'sandbox' });
    expect(ledger.planQueue.marksValidFor('realtime')).toBe(true);
    expect(ledger.planQueue.unplannedCount()).toBe(0);
  });
});

function keysOf(l: Ledger): string[] {
  const out: string[] = [];
  for (let before: number | undefined; ;) {
    const page = l.outbox.list({ status: 'queued' }, { limit: 1000, ...(before !== undefined ? { before } : {}) });
    out.push(...page.rows.map((r) => r.idempotencyKey));
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  return out;
}
