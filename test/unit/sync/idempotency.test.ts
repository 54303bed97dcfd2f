import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportMode } from '../../../main/core/ledger/env-settings';
import type { PorDocument } from '../../../main/core/por/model';
import { planExports } from '../../../main/core/sync/plan/plan-exports';
import type { ExportPlan } from '../../../main/core/sync/plan/plan-types';
import { postingJobs } from './accounting';
import { ALL_CLOSED, feedDocuments, STORES_WITH_AR } from './arbitraries';
import { closed, invoice, planInput } from './fixtures';

const plan = (docs: PorDocument[], mode: ExportMode, extra = {}): ExportPlan =>
  planExports(planInput(docs, { mode, closedDays: ALL_CLOSED, stores: STORES_WITH_AR, ...extra }));
const keys = (p: ExportPlan) => p.jobs.map((j) => j.idempotencyKey);
const modes = fc.constantFrom<ExportMode>('batch', 'realtime', 'transaction');

describe('idempotency keys', () => {
  it('are the same when planning again, whatever the input order', () => {
    fc.assert(
      fc.property(feedDocuments, modes, fc.func(fc.integer()), (docs, mode, rank) => {
        const shuffled = [...docs].sort((a, b) => rank(a.id) - rank(b.id));
        const a = plan(docs, mode);
        const b = plan(shuffled, mode);
        expect(keys(b)).toEqual(keys(a));
        expect(b.jobs).toEqual(a.jobs);
        expect(new Set(keys(a)).size).toBe(a.jobs.length);
      }),
      { numRuns: 150 },
    );
  });

  it('change for the jobs covering a new revision, and only for those', () => {
    fc.assert(
      fc.property(feedDocuments, modes, fc.nat(), (docs, mode, which) => {
        const target = docs[which % docs.length]!;
        const revised = docs.map((d) => (d === target ? { ...d, revision: d.revision + 1 } : d));
        const before = postingJobs(plan(docs, mode).jobs);
        const after = postingJobs(plan(revised, mode).jobs);
        const key = `${target.type}:${target.id}`;
        const touches = (j: { documentKeys: string[] }) => j.documentKeys.some((k) => k === key || k === `${key}#paid`);
        const beforeKeys = new Set(before.map((j) => j.idempotencyKey));
        for (const j of after) expect(beforeKeys.has(j.idempotencyKey)).toBe(!touches(j));
      }),
      { numRuns: 150 },
    );
  });

  it('differ by environment and by mode', () => {
    const docs = [invoice(), closed(1)];
    const sandbox = planExports(planInput(docs));
    const production = planExports(planInput(docs, { environment: 'production' }));
    expect(postingJobs(sandbox.jobs)[0]!.idempotencyKey).toMatch(/^sandbox\/batch\/JournalEntry\/s1\/2026-03-14\//);
    expect(keys(production).some((k) => keys(sandbox).includes(k))).toBe(false);
    const realtime = planExports(planInput(docs, { mode: 'realtime' }));
    expect(postingJobs(realtime.jobs)[0]!.idempotencyKey).toMatch(/^sandbox\/realtime\/JournalEntry\/s1\/2026-03-14\/invoice:I-1\//);
  });

  it('give ensure jobs one key per class, customer and item in an environment', () => {
    const docs = [invoice(), invoice({ id: 'I-2', invoiceNumber: '100002' }), closed(1)];
    const p = planExports(planInput(docs, { mode: 'transaction' }));
    expect(p.jobs.filter((j) => j.path === 'ensure').map((j) => j.idempotencyKey)).toEqual([
      'sandbox/ensure/Class/Store 1',
      'sandbox/ensure/Class/Store 1:Burbank',
      expect.stringMatching(/^sandbox\/ensure\/Customer\/#C100\/[0-9a-f]{12}$/),
      'sandbox/ensure/Item/rental/s1/4000-01',
    ]);
    expect(p.jobs[1]!.dependsOn).toEqual(['sandbox/ensure/Class/Store 1']);
  });
});
