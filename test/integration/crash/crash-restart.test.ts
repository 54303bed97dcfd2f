/**
 * Crash proof: a child process syncing the sandbox ledger into the simulator is SIGKILLed at random
 * points (seeded, 20 kills, bounded in time): during start-up and planning, mid-request, mid-batch,
 * mid-commit. It is restarted each time. At the end the simulator holds every export exactly once:
 * no duplicate, nothing missing, and QBO's totals equal POR's to the cent.
 *
 * The simulator runs in this test process, so it survives every kill. The child is the real runtime,
 * bundled once with esbuild so each start is fast.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQboConnection } from '../../../main/core/connection/open-connection';
import { openLedger } from '../../../main/core/ledger';
import { startSimulator, type RunningSimulator } from '../../../main/core/practice/simulator';
import { setupPracticeData } from '../../../main/core/use-cases/practice-setup';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { reconcile } from '../../../main/core/sync/reconcile/reconcile';
import { makeTempDir } from '../../helpers/temp-dir';
import { testSimProfile } from '../../helpers/sim-profile';
import { FAST_RETRY, connectToSimulator, duplicateDocNumbers, simEndpoints } from '../sync/sync-fixture';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const KILLS = 20;
const SEED = 20_261_125;

let bundle = '';
beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  bundle = join(ROOT, '.tmp', `crash-driver-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test/integration/crash/sync-driver.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
}, 60_000);
afterAll(() => rmSync(bundle, { force: true }));

/** mulberry32: a tiny seeded PRNG, so every run of this test kills at the same points. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface ChildRun {
  code: number | null;
  killed: boolean;
  sawReady: boolean;
  progress: number;
  stdout: string;
  stderr: string;
}

/** Starts the driver; kill() decides when to SIGKILL it from what it printed. */
function runDriver(
  dataDir: string,
  sim: RunningSimulator,
  killAt: ((state: { ready: boolean; progress: number; ms: number }) => boolean) | null,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORQBO_DATA_DIR: dataDir,
        CRASH_BATCH: '6',
        CRASH_SIM: JSON.stringify({
          baseUrl: sim.baseUrl,
          tokenUrl: sim.tokenUrl,
          realmId: sim.realmId,
          clientId: sim.clientId,
          clientSecret: sim.clientSecret,
          refreshToken: sim.refreshToken,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { code: null, killed: false, sawReady: false, progress: 0, stdout: '', stderr: '' };
    const started = Date.now();
    const check = () => {
      if (run.killed || !killAt || child.exitCode !== null) return;
      if (killAt({ ready: run.sawReady, progress: run.progress, ms: Date.now() - started })) {
        run.killed = child.kill('SIGKILL');
      }
    };
    const timer = setInterval(check, 2);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      run.stdout += d;
      run.sawReady ||= run.stdout.includes('READY');
      run.progress = (run.stdout.match(/^P /gm) ?? []).length;
      check();
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d));
    child.on('error', reject);
    // 'close', not 'exit': 'exit' can come before the last of its output has been read from the pipes.
    child.on('close', (code) => {
      clearInterval(timer);
      clearTimeout(guard);
      run.code = code;
      resolve(run);
    });
  });
}

describe('crash and restart', () => {
  it(`${KILLS} random kills of the syncing process leave no duplicate and nothing missing`, async () => {
    const temp = makeTempDir('porqbo-crash-');
    // Throttling is the fault test's subject; here the realm allowance must not slow the restarts down.
    // QBO's duplicate-number warning is off (a company preference): only requestids keep exports single.
    const sim = await startSimulator({
      seed: 3,
      profile: testSimProfile(),
      knobs: { latencyMs: 6, dropConnectionRate: 0.03, duplicateDocNumberCheck: false },
      limits: { perMinute: 1_000_000, batchPerMinute: 1_000_000 },
    });
    try {
      // The data folder a store would have: POR documents imported, stores, mode and mapping set.
      const secrets = new MemorySecretStore();
      const deps = { dataDir: temp.path, secrets, endpoints: simEndpoints(sim), env: {}, client: { retry: FAST_RETRY } };
      await connectToSimulator('sandbox', sim, deps);
      const connection = (await openQboConnection('sandbox', deps))!;
      const ledger = openLedger(temp.path, 'sandbox', { actor: 'test' });
      // Two weeks of a 3-store business in transaction mode (customers, classes, items, invoices, credit
      // memos, EOD journals); two days are there at the start, one more arrives every third restart.
      const days = Array.from({ length: 14 }, (_, i) => `2026-05-${String(4 + i).padStart(2, '0')}`);
      const setup = await setupPracticeData(ledger, connection, {
        startDate: days[0]!,
        days: days.length,
        stores: 3,
        mode: 'transaction',
        seed: 8,
        include: (d) => d.businessDate <= days[1]!,
      });
      ledger.close();
      connection.close();
      let arrived = 2;
      const arrive = () => {
        if (arrived >= days.length) return;
        const day = days[arrived++]!;
        const l = openLedger(temp.path, 'sandbox', { actor: 'test', recover: false });
        l.transaction(() => {
          for (const d of setup.data.documents) if (d.businessDate === day) l.documents.record(d);
        });
        l.close();
      };

      const random = prng(SEED);
      let kills = 0;
      let finishedEarly = 0;
      let idle = false;
      for (let i = 0; i < 3 * KILLS && kills < KILLS; i++) {
        // Documents keep arriving (and always after a run that had nothing left to crash in).
        if (i % 3 === 2 || idle) arrive();
        // A third of the kills land during start-up (connect, recovery, planning); the rest mid-sync,
        // after a random number of completed steps plus a random slice of a request's time.
        const early = random() < 0.33;
        const afterMs = Math.floor(random() * (early ? 500 : 30));
        const afterSteps = Math.floor(random() * 6);
        const run = await runDriver(temp.path, sim, (s) => (early ? s.ms >= afterMs : s.ready && s.progress >= afterSteps && s.ms >= afterMs));
        if (process.env.CRASH_DEBUG)
          console.log(JSON.stringify({ i, early, afterMs, afterSteps, killed: run.killed, ready: run.sawReady, progress: run.progress, code: run.code }));
        idle = !run.killed;
        if (run.killed) kills++;
        else {
          expect(run.code, run.stderr).toBe(0);
          finishedEarly++;
        }
      }
      expect(kills).toBe(KILLS);

      const final = await runDriver(temp.path, sim, null);
      expect(final.code, final.stderr).toBe(0);
      expect(final.stdout).toMatch(/DONE/);

      const check = openLedger(temp.path, 'sandbox', { actor: 'test' });
      try {
        const counts = check.outbox.counts();
        expect(counts).toMatchObject({ queued: 0, inFlight: 0, failed: 0, held: 0 });
        const posted = check.outbox.list({ status: 'posted' }, { limit: 1000 }).rows;
        for (const kind of ['JournalEntry', 'Invoice', 'CreditMemo']) {
          expect(duplicateDocNumbers(sim, kind), kind).toEqual([]);
          const ids = posted.filter((j) => j.kind === kind && j.qboId).map((j) => j.qboId!);
          const inQbo = new Set(sim.list(kind).map((o) => String(o.Id)));
          expect(new Set(ids).size, `${kind} linked twice`).toBe(ids.length);
          expect(inQbo.size, `${kind}: QBO count vs ledger`).toBe(ids.length);
          for (const id of ids) expect(inQbo.has(id), `${kind} ${id} missing in QBO`).toBe(true);
        }
        const customers = sim.list('Customer').map((c) => String(c.DisplayName).toLowerCase());
        expect(new Set(customers).size).toBe(customers.length);
        const classes = sim.list('Class').map((c) => String(c.FullyQualifiedName).toLowerCase());
        expect(new Set(classes).size).toBe(classes.length);
        const items = sim.list('Item').map((c) => String(c.Name).toLowerCase());
        expect(new Set(items).size).toBe(items.length);

        const readDeps = { dataDir: temp.path, secrets: new MemorySecretStore(), endpoints: simEndpoints(sim), env: {}, client: { retry: FAST_RETRY } };
        await connectToSimulator('sandbox', sim, readDeps);
        const reader = (await openQboConnection('sandbox', readDeps))!;
        const report = await reconcile({
          ledger: check,
          environment: 'sandbox',
          client: reader.client,
          references: reader.references,
          from: days[0]!,
          to: days[arrived - 1]!,
        });
        reader.close();
        expect(report.rows.filter((r) => !r.match)).toEqual([]);
        expect(report.totals.qboDebitCents).toBeGreaterThan(0);
      } finally {
        check.close();
      }
      expect(finishedEarly).toBeLessThan(2 * KILLS);
    } finally {
      await sim.close();
      temp.remove();
    }
  }, 120_000);
});
