/**
 * The sync-side CLI over the same core and data folder: practice (no keychain needed: practice
 * credentials live with the in-process simulator), usage errors, and sync/status/reconcile against a
 * simulator with the credentials in the real (throwaway) keychain.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWithPastedCredentials } from '../../../main/core/connection/paste-connect';
import { openQboConnection } from '../../../main/core/connection/open-connection';
import { openLedger } from '../../../main/core/ledger';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { deleteConnectionSecrets } from '../../../main/core/secrets/secret-store';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function tempData(): string {
  const t = makeTempDir('porqbo-cli-');
  cleanup.push(() => t.remove());
  return t.path;
}

describe('por-qbo practice', () => {
  it('runs the whole pipeline and prints a reconciliation that matches to the cent (JSON)', async () => {
    const dir = tempData();
    const r = await runCli(['practice', '--days', '2', '--mode', 'transaction', '--stores', '2', '--start', '2026-03-02', '--json'], { PORQBO_DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      exitCode: number;
      sent: { posted: number; failed: number };
      reconciliation: { match: boolean; rows: unknown[]; totals: { porDebitCents: number; qboDebitCents: number } };
    };
    expect(out.exitCode).toBe(0);
    expect(out.sent.failed).toBe(0);
    expect(out.sent.posted).toBeGreaterThan(10);
    expect(out.reconciliation.match).toBe(true);
    expect(out.reconciliation.totals.qboDebitCents).toBe(out.reconciliation.totals.porDebitCents);
  });

  it('prints a readable table; a second run with --keep sends nothing twice', async () => {
    const dir = tempData();
    const first = await runCli(['practice', '--days', '1', '--mode', 'batch', '--start', '2026-03-02'], { PORQBO_DATA_DIR: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('QuickBooks matches POR to the cent.');
    expect(first.stdout).toMatch(/1 +2026-03-02 +\$[\d,]+\.\d\d +\$[\d,]+\.\d\d +match/);
    const again = await runCli(['practice', '--days', '1', '--mode', 'batch', '--start', '2026-03-02', '--keep', '--json'], { PORQBO_DATA_DIR: dir });
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as {
      sent: { posted: number };
      practice: { recorded: { accepted: number; duplicate: number } };
      reconciliation: { match: boolean };
    };
    expect(out.practice.recorded.accepted).toBe(0);
    expect(out.sent.posted).toBe(0);
    expect(out.reconciliation.match).toBe(true);
  });
});

describe('usage errors exit 2 with the usage line', () => {
  it.each([[['sync', '--bogus']], [['reconcile', '--from', '2026-13-45']], [['practice', '--mode', 'weekly']]])('%j', async (args) => {
    const r = await runCli(args, { PORQBO_DATA_DIR: tempData() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: por-qbo/);
  });
});

describe.skipIf(!HAS_TEST_KEYRING)('sync, status and reconcile with credentials in the keychain', () => {
  it('sync --once sends everything (exit 0); status says up to date; reconcile matches, then shows a deletion', async () => {
    const dir = tempData();
    const sim: RunningSimulator = await startSimulator({ seed: 17 });
    cleanup.push(() => sim.close());
    const env = { PORQBO_DATA_DIR: dir, PORQBO_QBO_BASE_URL: sim.baseUrl, PORQBO_OAUTH_TOKEN_URL: sim.tokenUrl };
    const secrets = new KeytarSecretStore();
    cleanup.push(() => deleteConnectionSecrets(secrets, 'sandbox', sim.realmId));
    const deps = { dataDir: dir, secrets, env };
    await connectWithPastedCredentials(
      'sandbox',
      { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
      deps,
    );
    const connection = (await openQboConnection('sandbox', deps))!;
    const ledger = openLedger(dir, 'sandbox');
    await setupPracticeData(ledger, connection, { startDate: '2026-03-02', days: 2, stores: 2, mode: 'realtime' });
    ledger.close();
    connection.close();

    const sync = await runCli(['sync', '--once', '--env', 'sandbox', '--json'], env);
    expect(sync.code, sync.stderr).toBe(0);
    const out = JSON.parse(sync.stdout) as { counts: { posted: number; queued: number; failed: number }; cycle: { drain: { posted: number } } };
    expect(out.counts).toMatchObject({ queued: 0, failed: 0 });
    expect(out.cycle.drain.posted).toBeGreaterThan(0);
    const journals = sim.list('JournalEntry').length;

    const again = await runCli(['sync', '--once', '--env', 'sandbox'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(sim.list('JournalEntry').length).toBe(journals);

    const status = await runCli(['status', '--env', 'sandbox', '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: { state: 'idle', queued: 0, failed: 0, realmId: sim.realmId } });

    const csv = await runCli(['reconcile', '--env', 'sandbox', '--from', '2026-03-02', '--to', '2026-03-03', '--csv'], env);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('store,date,account,por_accounts,por_amount,qbo_amount,difference,status,note');
    expect(csv.stdout).not.toContain(',difference\r\n');

    const je = sim.list('JournalEntry')[0]!;
    const client = (await openQboConnection('sandbox', deps))!;
    await client.client.delete('JournalEntry', { Id: String(je.Id), SyncToken: String(je.SyncToken) });
    client.close();
    const text = await runCli(['reconcile', '--env', 'sandbox'], env);
    expect(text.code).toBe(4);
    expect(text.stdout).toMatch(/difference\(s\)/);
  });

  it('sync without --once runs the scheduler in the foreground until SIGTERM, then reports', async () => {
    const dir = tempData();
    const sim = await startSimulator({ seed: 18 });
    cleanup.push(() => sim.close());
    const env = { PORQBO_DATA_DIR: dir, PORQBO_QBO_BASE_URL: sim.baseUrl, PORQBO_OAUTH_TOKEN_URL: sim.tokenUrl };
    const secrets = new KeytarSecretStore();
    cleanup.push(() => deleteConnectionSecrets(secrets, 'sandbox', sim.realmId));
    const deps = { dataDir: dir, secrets, env };
    await connectWithPastedCredentials(
      'sandbox',
      { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
      deps,
    );
    const connection = (await openQboConnection('sandbox', deps))!;
    const ledger = openLedger(dir, 'sandbox');
    await setupPracticeData(ledger, connection, { startDate: '2026-03-02', days: 1, stores: 1, mode: 'batch' });
    ledger.close();
    connection.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli.ts'), 'sync', '--env', 'sandbox', '--json'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    const settled = () => /syncing: [\s\S]*idle: Up to date\./.test(stderr);
    while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toMatch(/syncing: [\s\S]*idle: Up to date\./);
    expect(sim.list('JournalEntry').length).toBe(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ exitCode: 0, counts: { queued: 0, failed: 0 } });
  });

  it('not connected: sync --once exits 3 and says so', async () => {
    const dir = tempData();
    const r = await runCli(['sync', '--once', '--env', 'sandbox'], {
      PORQBO_DATA_DIR: dir,
      PORQBO_QBO_BASE_URL: 'http://127.0.0.1:9',
      PORQBO_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token',
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/not connected/i);
  });
});
