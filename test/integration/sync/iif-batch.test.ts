/**
 * Batch mode from POR's own GL export files: each IIF block becomes one JournalEntry (unnamed A/R lines on
 * the store's A/R summary customer); a regenerated day
 * waits for a person, and accepting it replaces the posted entry (undo + repost) so QBO matches the new file.
 */
import { replaceDocument } from '../../../main/core/use-cases/exports';
import { importPorFiles } from '../../../main/core/use-cases/import-por-files';
import { reconcileRange } from '../../../main/core/use-cases/reconcile';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { automap, porAccountsUsed } from '../../../main/core/por/accounts';
import { writeIif } from '../../../main/core/por/iif';
import type { GlJournal } from '../../../main/core/por/model';
import { generatePracticeStore } from '../../../main/core/por/practice';
import { iifFileName } from '../../../main/core/por/practice/practice-files';
import type { Account } from '../../../main/core/qbo/entities';
import { practiceRuntime, type RuntimeFixture } from '../session/runtime-fixture';
import { duplicateDocNumbers } from './sync-fixture';

let fx: RuntimeFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('batch mode from IIF GL exports', () => {
  it('one JournalEntry per block; a regenerated file replaces the posted entry once accepted', async () => {
    fx = await practiceRuntime();
    const { runtime, sim, dir } = fx;
    const data = generatePracticeStore({ seed: 5, stores: 2, startDate: '2026-03-02', days: 2 });
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox, { recursive: true });
    const files = data.days.map((d) => {
      const path = join(inbox, iifFileName(d.date));
      writeFileSync(path, writeIif(d.gl));
      return path;
    });
    runtime.ledger.transaction(() => {
      for (const s of data.stores) runtime.ledger.stores.upsert({ store: s.number, className: s.className, exportFormat: 'API-QBO' });
      runtime.ledger.settings.set('exportMode', 'batch');
    });
    const accounts = (await runtime.connection!.references.list('Account')) as Account[];
    runtime.ledger.mappings.applyAuto(automap(porAccountsUsed(data.glJournals), accounts));

    const report = await importPorFiles(runtime, files);
    expect(report.files.every((f) => f.outcome === 'accepted')).toBe(true);
    await runtime.syncNow();
    // POR's GL export nets A/R per account with no customer on the line; QBO's A/R needs one. Those lines
    // post to one A/R summary customer per store, created once (ensure job), never refused.
    const drained = runtime.ledger.outbox.list({ status: 'failed' }).rows;
    expect(drained).toEqual([]);
    const summaries = sim.list('Customer').filter((c) => String(c.DisplayName).startsWith('POR A/R summary - Store '));
    expect(summaries.map((c) => c.DisplayName).sort()).toEqual(data.stores.map((s) => `POR A/R summary - Store ${s.number}`));
    const receivable = accounts.find((a) => a.AccountType === 'Accounts Receivable')!;
    const arLines = sim
      .list('JournalEntry')
      .flatMap((je) => je.Line as { JournalEntryLineDetail: { AccountRef: { value: string }; Entity?: { EntityRef: { value: string } } } }[])
      .filter((l) => l.JournalEntryLineDetail.AccountRef.value === receivable.Id);
    expect(arLines.length).toBeGreaterThan(0);
    expect(arLines.every((l) => summaries.some((c) => c.Id === l.JournalEntryLineDetail.Entity?.EntityRef.value))).toBe(true);
    expect(sim.list('JournalEntry').length).toBe(data.glJournals.length);
    expect(duplicateDocNumbers(sim, 'JournalEntry')).toEqual([]);
    expect((await reconcileRange(runtime, { from: '2026-03-02', to: '2026-03-03' })).match).toBe(true);

    // POR regenerates day 1 with one amount moved from one revenue line to another.
    const day = data.days[0]!;
    const changed: GlJournal[] = day.gl.map((j, i) => {
      if (i !== 0) return j;
      const credits = j.lines.map((l, k) => ({ l, k })).filter(({ l }) => l.amount < 0);
      const [a, b] = [credits[0]!.k, credits[1]!.k];
      return { ...j, lines: j.lines.map((l, k) => (k === a ? { ...l, amount: l.amount - 500 } : k === b ? { ...l, amount: l.amount + 500 } : l)) };
    });
    const again = join(dir, 'regenerated');
    mkdirSync(again, { recursive: true });
    const regenerated = join(again, iifFileName(day.date));
    writeFileSync(regenerated, writeIif(changed));
    await importPorFiles(runtime, [regenerated]);
    const pending = runtime.ledger.documents.pendingDecisions();
    expect(pending.length).toBe(1);
    expect(runtime.status().state).toBe('attention');

    const before = sim.list('JournalEntry').length;
    const replaced = await replaceDocument(runtime, pending[0]!.key);
    expect(replaced.undone.length).toBe(1);
    expect(sim.list('JournalEntry').length).toBe(before);
    expect(runtime.ledger.documents.pendingDecisions()).toEqual([]);
    expect((await reconcileRange(runtime, { from: '2026-03-02', to: '2026-03-03' })).match).toBe(true);
    expect(runtime.ledger.outbox.counts()).toMatchObject({ failed: 0, queued: 0, undone: 1 });
  });
});
