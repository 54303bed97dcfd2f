import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../main/core/ledger';
import type { ImportReport } from '../../../main/core/inbox';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { feedFile, feedInvoice, iifBlock, iifFile } from '../inbox/inbox-test-files';

describe('por-qbo import', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let env: Record<string, string>;
  let files: string;
  beforeAll(() => {
    tmp = makeTempDir();
    env = { PORQBO_DATA_DIR: join(tmp.path, 'data') };
    files = join(tmp.path, 'files');
    mkdirSync(join(files, 'folder'), { recursive: true });
    writeFileSync(join(files, 'PR260314'), iifFile(iifBlock(1, '03/14/2026', '1000.00'), iifBlock(2, '03/14/2026', '500.00')));
    writeFileSync(join(files, 'folder', 'PR260315'), iifFile(iifBlock(1, '03/15/2026', '200.00')));
    writeFileSync(join(files, 'folder', 'feed.jsonl'), feedFile(feedInvoice('INV-1'), feedInvoice('INV-2', { businessDate: '14/03/2026' })));
    writeFileSync(join(files, 'PR260316'), '');
  });
  afterAll(() => tmp.remove());

  it('imports files and folders into the current environment and reports each item; exit 1 when a line was rejected', async () => {
    const r = await runCli(['import', join(files, 'PR260314'), join(files, 'folder')], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the feed's second line is rejected
    expect(r.stdout).toContain('Importing into the practice ledger');
    expect(r.stdout).toMatch(/accepted {2}PR260314 \(iif\): 2 new/);
    expect(r.stdout).toMatch(/accepted {2}feed\.jsonl \(feed\): 1 new, .* 1 rejected/);
    expect(r.stdout).toMatch(/rejected: line 2, field businessDate: /);
    // What happened, in the same words as the inbox view and the reason file, with what the reader can do.
    expect(r.stdout).toContain('    Partly recorded: 1 new document; 1 problem kept part of it out (reconciliation shows what is missing).\n');
    expect(r.stdout).toContain('    what to do: The POR document feed wrote this line; send this message to whoever provides the feed');
    expect(r.stdout).toContain('    Imported: 2 new documents.\n');
    expect(r.stdout).toContain('Files: 3 (3 accepted, 0 already imported, 0 rejected)');

    const ledger = openLedger(env.PORQBO_DATA_DIR!, 'practice', { recover: false });
    expect(ledger.documents.counts().active).toBe(4);
    expect(ledger.history.query({ actor: 'cli' }).total).toBeGreaterThan(0);
    ledger.close();
  });

  it('the same files again are a no-op (exit 0); --json prints one report document', async () => {
    const r = await runCli(['import', join(files, 'PR260314'), '--json'], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport & { ok: boolean; ledger: string };
    expect(report.ok).toBe(true);
    expect(report.environment).toBe('practice');
    expect(report.files[0]).toMatchObject({ name: 'PR260314', outcome: 'duplicateFile' });
    expect(report.totals).toMatchObject({ files: 1, filesDuplicate: 1, accepted: 0 });
  });

  it('--env puts documents in that environment only; a refused file gives exit 1 and its reason', async () => {
    const r = await runCli(['import', join(files, 'PR260316'), join(files, 'folder', 'PR260315'), '--env', 'sandbox'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Importing into the sandbox ledger');
    expect(r.stdout).toMatch(
      /REJECTED {2}PR260316: the file is empty\n {4}Refused: nothing from this file was recorded\. the file is empty\n {4}what to do: Nothing from this file was recorded\. Export the day again from Point of Rental/,
    );
    const sandbox = openLedger(env.PORQBO_DATA_DIR!, 'sandbox', { recover: false });
    expect(sandbox.documents.counts().active).toBe(1);
    expect(sandbox.quarantine.list().rows[0]).toMatchObject({ file: 'PR260316', reason: 'the file is empty' });
    sandbox.close();
  });

  it('usage errors exit 2', async () => {
    const none = await runCli(['import'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name at least one file or folder');
    const badEnv = await runCli(['import', 'x', '--env', 'staging'], env);
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('--env must be one of practice, sandbox, production; got "staging"');
    const unknown = await runCli(['import', 'x', '--frobnicate'], env);
    expect(unknown.code).toBe(2);
  });
});
