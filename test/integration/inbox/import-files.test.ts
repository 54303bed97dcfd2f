import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, reportIsClean } from '../../../main/core/inbox';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';
import { feedFile, feedInvoice, iifBlock, iifFile } from './inbox-test-files';

describe('importFiles', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  const write = (name: string, text: string | Buffer) => {
    const p = join(tmp.path, name);
    writeFileSync(p, text);
    return p;
  };
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(join(tmp.path, 'data'), 'practice', { actor: 'test' });
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('imports a GL export; the same bytes again (any name) are a no-op', async () => {
    const text = iifFile(iifBlock(1, '03/14/2026', '1000.00'), iifBlock(2, '03/14/2026', '500.00'));
    const first = await importFiles(ledger, [write('PR260314', text)]);
    expect(first.environment).toBe('practice');
    expect(first.files[0]).toMatchObject({ name: 'PR260314', format: 'iif', outcome: 'accepted', reason: null });
    expect(first.totals).toMatchObject({ accepted: 2, rejected: 0, files: 1, filesAccepted: 1 });
    expect(first.items.map((i) => [i.outcome, i.line])).toEqual([
      ['accepted', 4],
      ['accepted', 8],
    ]);
    expect(reportIsClean(first)).toBe(true);
    expect(ledger.reconciliation.porTotals({ store: 1, account: '1020-01' })[0]?.amountCents).toBe(108_000);

    const again = await importFiles(ledger, [write('PR260314 (2).iif', text)]);
    expect(again.files[0]).toMatchObject({ outcome: 'duplicateFile', counts: { accepted: 0 } });
    expect(again.files[0]!.reason).toMatch(/imported before as PR260314/);
    expect(ledger.documents.counts().active).toBe(2);
    expect(ledger.files.list()).toHaveLength(1);
  });

  it('a regenerated file: unchanged blocks are duplicates, a changed block waits for a decision', async () => {
    await importFiles(ledger, [write('PR260314', iifFile(iifBlock(1, '03/14/2026', '1000.00'), iifBlock(2, '03/14/2026', '500.00')))]);
    const regen = await importFiles(ledger, [
      write('PR260314-regenerated', iifFile(iifBlock(1, '03/14/2026', '1000.00'), iifBlock(2, '03/14/2026', '550.00'))),
    ]);
    expect(regen.files[0]!.outcome).toBe('accepted');
    expect(regen.items.map((i) => i.outcome)).toEqual(['duplicate', 'pendingDecision']);
    expect(regen.items[1]!.reason).toMatch(/waits for a decision/);
    const pending = ledger.documents.pendingDecisions();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.store).toBe(2);
  });

  it('a feed file with a bad line: good lines go through, the bad one is quarantined with file, line, field and raw text', async () => {
    const bad = feedInvoice('INV-2', { total: '1,234.00' });
    const path = write('feed-2026-03-14.jsonl', feedFile(feedInvoice('INV-1'), bad, feedInvoice('INV-3')));
    const report = await importFiles(ledger, [path]);
    expect(report.files[0]).toMatchObject({ format: 'feed', outcome: 'accepted', counts: { accepted: 2, rejected: 1 } });
    const rejected = report.items.filter((i) => i.outcome === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ file: 'feed-2026-03-14.jsonl', line: 2, field: 'total' });
    expect(reportIsClean(report)).toBe(false);
    const q = ledger.quarantine.list();
    expect(q.total).toBe(1);
    expect(q.rows[0]).toMatchObject({ file: 'feed-2026-03-14.jsonl', line: 2, field: 'total' });
    expect(q.rows[0]!.raw).toBe(JSON.stringify(bad));
    expect(q.rows[0]!.reason).toMatch(/thousands/);

    // A later revision in another file replaces the first.
    const rev = await importFiles(ledger, [
      write(
        'feed-2.jsonl',
        feedFile(feedInvoice('INV-1', { revision: 2, total: '300.00', taxes: [{ name: 'CA', rate: '0.095', amount: '50.00', account: '2200' }] })),
      ),
    ]);
    expect(rev.items[0]).toMatchObject({ outcome: 'revised', key: 'invoice:INV-1', revision: 2, reason: 'replaces revision 1' });
    // And a stale revision number with changed content is refused and quarantined.
    const conflict = await importFiles(ledger, [write('feed-3.jsonl', feedFile(feedInvoice('INV-3', { contractNumber: 'changed' })))]);
    expect(conflict.items[0]).toMatchObject({ outcome: 'rejected', field: 'revision', key: 'invoice:INV-3' });
    expect(ledger.quarantine.list({ file: 'feed-3.jsonl' }).total).toBe(1);
  });

  it('refuses empty, binary, unreadable and document-less files without losing anything else in the same run', async () => {
    const good = write('PR260315', iifFile(iifBlock(1, '03/15/2026', '10.00')));
    const empty = write('PR260316', '');
    const binary = write('PR260317', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0x00, 0x10]));
    const missing = join(tmp.path, 'PR260318');
    const headersOnly = write('PR260319', iifFile());
    const report = await importFiles(ledger, [empty, good, binary, missing, headersOnly]);
    expect(report.files.map((f) => [f.name, f.outcome])).toEqual([
      ['PR260316', 'rejected'],
      ['PR260315', 'accepted'],
      ['PR260317', 'rejected'],
      ['PR260318', 'rejected'],
      ['PR260319', 'rejected'],
    ]);
    expect(report.files[0]!.reason).toMatch(/PR260316: the file is empty/);
    expect(report.files[2]!.reason).toMatch(/binary/);
    expect(report.files[3]!.reason).toMatch(/PR260318: the file cannot be read: it does not exist/);
    expect(report.files[4]!.reason).toMatch(/PR260319/);
    expect(report.totals).toMatchObject({ accepted: 1, filesRejected: 4, filesAccepted: 1 });
    expect(ledger.documents.counts().active).toBe(1);
    // Every refused file is quarantined (the unreadable one has nothing to keep) and remembered as rejected.
    expect(
      ledger.quarantine
        .list()
        .rows.map((q) => q.file)
        .sort(),
    ).toEqual(['PR260316', 'PR260317', 'PR260319']);
    expect(ledger.quarantine.list({ file: 'PR260317' }).rows[0]!.raw).toContain('\uFFFD');
    expect(
      ledger.files
        .list()
        .map((f) => f.outcome)
        .sort(),
    ).toEqual(['accepted', 'rejected', 'rejected', 'rejected']);
  });

  it('a rejected file may come again and is read again', async () => {
    const path = write('PR260316', '');
    expect((await importFiles(ledger, [path])).files[0]!.outcome).toBe('rejected');
    expect((await importFiles(ledger, [path])).files[0]!.outcome).toBe('rejected');
    expect(ledger.quarantine.list().total).toBe(2);
  });
  it('a refusal is settled by its correction: the same document key, or a whole file of the same day and kind', async () => {
    await importFiles(ledger, [write('PR2603MONTHLYONLY', 'garbage\r\n')]);
    await importFiles(ledger, [write('feed-1.jsonl', feedFile(feedInvoice('INV-9', { total: '9.99' })))]);
    expect(ledger.quarantine.openCount()).toBe(2);
    // A daily export of the month's last day is not the monthly one.
    await importFiles(ledger, [write('PR260331', iifFile(iifBlock(1, '03/31/2026', '10.00')))]);
    expect(
      ledger.quarantine
        .list({ open: true })
        .rows.map((q) => q.file)
        .sort(),
    ).toEqual(['PR2603MONTHLYONLY', 'feed-1.jsonl']);
    // The corrected monthly export, renamed by Windows, and the corrected invoice settle theirs.
    await importFiles(ledger, [write('PR2603MONTHLYONLY (2).iif', iifFile(iifBlock(1, '03/31/2026', '20.00')))]);
    await importFiles(ledger, [write('feed-2.jsonl', feedFile(feedInvoice('INV-9')))]);
    expect(ledger.quarantine.openCount()).toBe(0);
  });
});
