import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPath, openLedger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Runs the child until it says it is inside its transaction, then SIGKILLs it. */
function runAndKill(dataDir: string): Promise<{ claimed: { id: number; requestId: string }[]; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let claimed: { id: number; requestId: string }[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /CLAIMED (.*)\n/.exec(out);
      if (m) claimed = JSON.parse(m[1]!) as typeof claimed;
      if (out.includes('IN_TRANSACTION\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (!out.includes('IN_TRANSACTION')) reject(new Error(`child never reached its transaction: ${out}\n${err}`));
      else resolve({ claimed, signal, out });
    });
  });
}

describe('crash recovery', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('a process killed mid-transaction loses only that transaction; its in-flight jobs come back with the same request id', async () => {
    const { claimed, signal, out } = await runAndKill(tmp.path);
    expect(signal).toBe('SIGKILL');
    expect(out).not.toContain('NOT_KILLED');
    expect(claimed).toHaveLength(2);

    const ledger = openLedger(tmp.path, 'production', { actor: 'restart' });
    try {
      expect(ledger.recovered.map((j) => ({ id: j.id, requestId: j.requestId }))).toEqual(claimed);
      for (const c of claimed) {
        expect(ledger.outbox.get(c.id)).toMatchObject({ status: 'queued', requestId: c.requestId, attempts: 1, qboId: null });
      }
      // Nothing of the half-done transaction is visible.
      expect(ledger.documents.counts().active).toBe(0);
      expect(ledger.outbox.counts()).toMatchObject({ queued: 3, inFlight: 0, posted: 0 });
      const recovery = ledger.history.query({ action: 'recoveredAfterCrash' });
      expect(recovery.total).toBe(2);
      expect(recovery.rows[0]?.actor).toBe('restart');
      // The same jobs are claimable again, still with their original request ids.
      expect(
        ledger.outbox
          .claim({ limit: 5 })
          .map((j) => j.requestId)
          .slice(0, 2),
      ).toEqual(claimed.map((c) => c.requestId));
    } finally {
      ledger.close();
    }
    const db = new Database(ledgerPath(tmp.path, 'production'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
