import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../main/core/ledger';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { iifBlock, iifFile } from '../inbox/inbox-test-files';

describe('por-qbo map', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let env: Record<string, string>;
  let dataDir: string;
  beforeAll(async () => {
    tmp = makeTempDir();
    dataDir = join(tmp.path, 'data');
    env = { PORQBO_DATA_DIR: dataDir };
    const file = join(tmp.path, 'PR260314');
    writeFileSync(file, iifFile(iifBlock(1, '03/14/2026', '1000.00')));
    const r = await runCli(['import', file, '--env', 'sandbox'], env);
    expect(r.code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it('--auto says clearly when no QuickBooks accounts are cached', async () => {
    const r = await runCli(['map', '--auto', '--env', 'sandbox'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No QuickBooks accounts are cached for the sandbox environment yet');
    const j = await runCli(['map', '--auto', '--env', 'sandbox', '--json'], env);
    expect(JSON.parse(j.stdout)).toMatchObject({ environment: 'sandbox', ok: false, error: 'accountsNotCached' });
  });

  it('--auto maps by number, then name, from the cached accounts; the rest is listed as unmapped', async () => {
    const ledger = openLedger(dataDir, 'sandbox', { recover: false });
    ledger.reference.replace(
      'Account',
      [
        { Id: '10', Name: 'Checking Burbank', AcctNum: '1020-01', Active: true },
        { Id: '20', Name: '2200', Active: true }, // matched by name (the POR account is the name here)
        { Id: '30', Name: 'Rental Income', AcctNum: '4000', Active: true },
      ],
      { realmId: '4620816365' },
    );
    ledger.close();

    const r = await runCli(['map', '--auto', '--env', 'sandbox', '--json'], env);
    expect(r.code).toBe(1); // 4000-01 has no match
    const out = JSON.parse(r.stdout) as { saved: { porAccount: string; qboAccountId: string }[]; unresolved: { porAccount: string; note: string }[] };
    expect(out.saved.map((m) => [m.porAccount, m.qboAccountId])).toEqual([
      ['1020-01', '10'],
      ['2200', '20'],
    ]);
    expect(out.unresolved.map((s) => s.porAccount)).toEqual(['4000-01']);

    const text = await runCli(['map', '--auto', '--env', 'sandbox'], env);
    expect(text.stdout).toContain('UNMAPPED store 1 4000-01');
    expect(text.stdout).toContain('0 mapped, 2 unchanged, 0 manual kept, 1 still unmapped');
  });

  it('--set by name or number for a store, refusing unknown accounts; --list shows mappings and what is left', async () => {
    const bad = await runCli(['map', '--set', '4000-01=Rent', '--store', '1', '--env', 'sandbox'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('no QuickBooks account has Id, number or name "Rent"');

    const ok = await runCli(['map', '--set', '4000-01=rental income', '--store', '1', '--env', 'sandbox'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('set store 1 4000-01 -> Rental Income (Id 30)');

    const list = await runCli(['map', '--list', '--env', 'sandbox', '--json'], env);
    expect(list.code).toBe(0);
    const l = JSON.parse(list.stdout) as {
      ok: boolean;
      mappings: { store: number | null; porAccount: string; source: string }[];
      issues: unknown[];
      accountsCached: boolean;
    };
    expect(l.ok).toBe(true);
    expect(l.accountsCached).toBe(true);
    expect(l.issues).toEqual([]);
    expect(l.mappings.map((m) => [m.store, m.porAccount, m.source])).toEqual([
      [1, '1020-01', 'auto'],
      [1, '2200', 'auto'],
      [1, '4000-01', 'manual'],
    ]);

    // Other environments have nothing of it.
    const practice = await runCli(['map', '--list', '--env', 'practice', '--json'], env);
    expect(JSON.parse(practice.stdout)).toMatchObject({ environment: 'practice', mappings: [], accountsCached: false });
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['map'], env)).code).toBe(2);
    expect((await runCli(['map', '--auto', '--list'], env)).code).toBe(2);
    const r = await runCli(['map', '--set', 'no-equals-sign'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set takes POR=QBO');
    expect((await runCli(['map', '--list', '--store', 'x'], env)).code).toBe(2);
  });
});
