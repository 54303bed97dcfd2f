/**
 * Reconciliation compares QuickBooks with what POR produced, not with what the app accepted: an End of Day
 * batch refused on import (COGS, inventory, depreciation never reach QuickBooks) shows as a difference of
 * exactly its amounts, with the reason, in the report, the CLI text and the CSV; once the corrected batch
 * arrives (its batch number written as an integer, which the reader now takes) and is sent, the day matches.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport } from '../../../main/core/cli/reconcile-command';
import { importFiles } from '../../../main/core/inbox';
import { toFeedRecord } from '../../../main/core/por/feed/feed-writer';
import type { PorDocument } from '../../../main/core/por/model';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { planStep } from '../../../main/core/sync/engine/plan-step';
import { SyncEngine } from '../../../main/core/sync/engine/sync-engine';
import { reconcile } from '../../../main/core/sync/reconcile/reconcile';
import { reconcileCsv } from '../../../main/core/sync/reconcile/reconcile-csv';
import { syncFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const DAY = '2026-03-02';
type EodBatch = Extract<PorDocument, { type: 'eodBatch' }>;

describe('reconciliation against what POR produced', () => {
  it('a refused End of Day batch is a difference of exactly its amounts, with the reason; the corrected batch makes the day match', async () => {
    fx = await syncFixture();
    let batch: EodBatch | null = null;
    await setupPracticeData(fx.ledger, fx.connection, {
      startDate: DAY,
      days: 1,
      stores: 1,
      mode: 'realtime',
      seed: 5,
      // The day's EOD batch comes through the inbox instead, as POR writes it.
      include: (doc) => (doc.type === 'eodBatch' ? ((batch = doc), false) : true),
    });
    expect(batch).not.toBeNull();
    const eod = batch! as EodBatch;
    const debits = eod.lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
    expect(debits).toBeGreaterThan(0);

    // POR's feed writes a category the app does not know: the whole batch is refused.
    const record = toFeedRecord(eod) as Record<string, unknown> & { lines: Record<string, unknown>[] };
    const refusedLine = JSON.stringify({ ...record, lines: record.lines.map((l, i) => (i === 0 ? { ...l, category: 'shrinkage' } : l)) });
    const refusedFile = join(fx.dir, 'eod-2026-03-02.jsonl');
    writeFileSync(refusedFile, `${refusedLine}\n`);
    const imported = await importFiles(fx.ledger, [refusedFile]);
    expect(imported.files[0]).toMatchObject({ outcome: 'rejected' });
    expect(fx.ledger.documents.get(`eodBatch:${eod.id}`)).toBeNull();

    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    expect((await engine.drain()).failed).toBe(0);

    const report = await reconcile({
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: DAY,
      to: DAY,
    });
    expect(report.match).toBe(false);
    expect(report.refused).toEqual([
      expect.objectContaining({
        store: eod.store,
        date: DAY,
        file: 'eod-2026-03-02.jsonl',
        line: 1,
        documentKey: `eodBatch:${eod.id}`,
        porDebitCents: debits,
        amountsKnown: true,
      }),
    ]);
    const differing = report.rows.filter((r) => !r.match);
    // Exactly the batch's lines are missing from QuickBooks, and nothing else.
    expect(differing.reduce((s, r) => s + r.porCents - r.qboCents, 0)).toBe(0);
    expect(differing.filter((r) => r.differenceCents < 0).reduce((s, r) => s - r.differenceCents, 0)).toBe(debits);
    const note = `POR produced it; it never reached QuickBooks: eod-2026-03-02.jsonl, line 1: must be one of inventory, transfer, cogs, depreciation, other; got "shrinkage"`;
    for (const r of differing) expect(r.notes).toEqual([note]);
    expect(report.rows.filter((r) => r.match).every((r) => r.notes.length === 0)).toBe(true);
    expect(report.days).toEqual([expect.objectContaining({ store: eod.store, date: DAY, match: false, differences: differing.length })]);

    // The CLI and the CSV say the same.
    expect(formatReport(report)).toContain(`difference(s)`);
    expect(formatReport(report)).toContain(note);
    const csv = reconcileCsv(report).split('\r\n');
    expect(csv[0]).toBe('store,date,account,por_accounts,por_amount,qbo_amount,difference,status,note');
    expect(csv.filter((l) => l.endsWith(`,difference,"${note.replace(/"/g, '""')}"`))).toHaveLength(differing.length);

    // The corrected batch (its batch number as an integer now reads) settles the refusal and goes out.
    const corrected = join(fx.dir, 'eod-2026-03-02-fixed.jsonl');
    writeFileSync(corrected, `${JSON.stringify({ ...record, batchNumber: Number.isSafeInteger(Number(eod.batchNumber)) ? Number(eod.batchNumber) : 5001 })}\n`);
    const fixed = await importFiles(fx.ledger, [corrected]);
    expect(fixed.files[0]).toMatchObject({ outcome: 'accepted', counts: { accepted: 1, rejected: 0 } });
    expect(fx.ledger.quarantine.list({ open: true }).total).toBe(0);
    planStep(fx.ledger, { environment: 'sandbox' });
    expect((await engine.drain()).failed).toBe(0);
    const after = await reconcile({
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: DAY,
      to: DAY,
    });
    expect(after.refused).toEqual([]);
    expect(after.rows.filter((r) => !r.match)).toEqual([]);
    expect(after.match).toBe(true);
  });

  it('a refusal whose amounts cannot be read, or whose day cannot, is a difference of its own: never "match"', async () => {
    fx = await syncFixture();
    await setupPracticeData(fx.ledger, fx.connection, { startDate: DAY, days: 1, stores: 1, mode: 'batch', seed: 5 });
    planStep(fx.ledger, { environment: 'sandbox' });
    const engine = new SyncEngine({ ledger: fx.ledger, environment: 'sandbox', client: fx.connection.client, references: fx.connection.references });
    expect((await engine.drain()).failed).toBe(0);
    const clean = await reconcile({
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: DAY,
      to: DAY,
    });
    expect(clean.match).toBe(true);

    // A GL export for the day refused whole (binary junk under POR's name), and a feed line with no readable day.
    writeFileSync(join(fx.dir, 'PR260302'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0, 1, 2, 0, 0]));
    writeFileSync(join(fx.dir, 'feed.jsonl'), '{"type":"eodBatch","id":"eod-x","store":1,"businessDate":"03/02/2026","batchNumber":7,"lines":[]}\n');
    await importFiles(fx.ledger, [join(fx.dir, 'PR260302'), join(fx.dir, 'feed.jsonl')]);
    const report = await reconcile({
      ledger: fx.ledger,
      environment: 'sandbox',
      client: fx.connection.client,
      references: fx.connection.references,
      from: DAY,
      to: DAY,
    });
    expect(report.match).toBe(false);
    const own = report.rows.filter((r) => r.account === '(refused POR input)');
    expect(own).toEqual([expect.objectContaining({ store: null, date: DAY, match: false, porCents: 0, qboCents: 0 })]);
    expect(own[0]!.notes[0]).toMatch(/^POR produced it; it never reached QuickBooks: PR260302: not a text file.*\(its amounts could not be read\)$/);
    expect(report.refused.filter((r) => r.date === null)).toEqual([
      expect.objectContaining({ store: 1, file: 'feed.jsonl', line: 1, documentKey: 'eodBatch:eod-x' }),
    ]);
    expect(report.totals.differences).toBe(2);
    expect(reconcileCsv(report)).toMatch(
      /\r\n1,,POR input refused \(day unknown\),,,,,difference,"POR produced it; it never reached QuickBooks: feed.jsonl, line 1: /,
    );
  });
});
