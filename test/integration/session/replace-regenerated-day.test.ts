/**
 * One path for a regenerated day: POR writes PR260302 again with other amounts; "Replace in QuickBooks"
 * (runtime.replaceDocument) undoes the entry QuickBooks holds and posts the new content in one step, exactly
 * once: asked again it refuses and QuickBooks is untouched. The old-vs-new preview writes nothing.
 * Real SQLite, the practice simulator over loopback HTTP.
 */
import { exportNow, replaceDocument } from '../../../main/core/use-cases/exports';
import { importPorFiles } from '../../../main/core/use-cases/import-por-files';
import { reconcileRange } from '../../../main/core/use-cases/reconcile';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { revisionPreview, revisionsWaiting } from '../../../main/core/app/views/revision-view';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { AppError } from '../../../main/core/app-error';
import { practiceRuntime, type RuntimeFixture } from './runtime-fixture';

let fx: RuntimeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const gl = (amount: string) =>
  [
    '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!ENDTRNS',
    `TRNS\t\tGENERAL JOURNAL\t03/02/2026\t1020-01\tStore 1:Burbank\t${amount}\tPR260302\tPOR EOD store 1`,
    `SPL\t\tGENERAL JOURNAL\t03/02/2026\t4000-01\tStore 1:Burbank\t-${amount}\tPR260302\tRental revenue`,
    'ENDTRNS',
  ].join('\r\n') + '\r\n';

const journalsOfDay = (fxr: RuntimeFixture) => fxr.sim.list('JournalEntry').filter((j) => (j as { TxnDate?: string }).TxnDate === '2026-03-02');

describe('Replace in QuickBooks', () => {
  it('a regenerated GL export day: undo the old entry and post the new one, exactly once', async () => {
    fx = await practiceRuntime();
    const { runtime, dir } = fx;
    await setupPracticeData(runtime.ledger, runtime.connection!, { startDate: '2026-03-02', days: 1, stores: 1, mode: 'batch', include: () => false });
    writeFileSync(join(dir, 'PR260302'), gl('1000.00'));
    await importPorFiles(runtime, [join(dir, 'PR260302')]);
    await exportNow(runtime, { store: 1, from: '2026-03-02', to: '2026-03-02' });
    expect(journalsOfDay(fx).map((j) => (j as { TotalAmt?: number }).TotalAmt)).toEqual([1000]);

    writeFileSync(join(dir, 'PR260302 (2)'), gl('1250.00'));
    const regen = await importPorFiles(runtime, [join(dir, 'PR260302 (2)')]);
    expect(regen.items.map((i) => i.outcome)).toEqual(['pendingDecision']);
    const [waiting] = revisionsWaiting(runtime.ledger);
    expect(waiting).toMatchObject({
      key: 'glJournal:gl:1:2026-03-02:1',
      store: 1,
      businessDate: '2026-03-02',
      revision: 2,
      postedRevision: 1,
      kind: 'regenerated',
    });

    // Old vs new, and nothing decided or written by looking.
    const historyBefore = runtime.ledger.history.query({}).total;
    const preview = revisionPreview(runtime.ledger, 'practice', waiting!.key);
    expect(preview.old.map((e) => [e.existing, e.debitCents])).toEqual([['posted', 100000]]);
    expect(preview.new.map((e) => [e.existing, e.debitCents])).toEqual([['new', 125000]]);
    expect(preview.canReplace).toBe(true);
    expect(runtime.ledger.documents.pendingDecisions()).toHaveLength(1);
    expect(runtime.ledger.history.query({}).total).toBe(historyBefore);

    const replaced = await replaceDocument(runtime, waiting!.key);
    expect(replaced.undone).toHaveLength(1);
    expect(replaced.drain?.posted).toBe(1);
    expect(journalsOfDay(fx).map((j) => (j as { TotalAmt?: number }).TotalAmt)).toEqual([1250]);
    expect(revisionsWaiting(runtime.ledger)).toEqual([]);
    expect((await reconcileRange(runtime, { from: '2026-03-02', to: '2026-03-02' })).match).toBe(true);

    // Asked again: nothing waits, nothing is undone or posted twice.
    await expect(replaceDocument(runtime, waiting!.key)).rejects.toThrow(AppError);
    await expect(replaceDocument(runtime, waiting!.key)).rejects.toThrow(/Nothing waits to be replaced/);
    expect(journalsOfDay(fx).map((j) => (j as { TotalAmt?: number }).TotalAmt)).toEqual([1250]);
  });
});
