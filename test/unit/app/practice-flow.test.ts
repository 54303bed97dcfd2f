/**
 * The wizard's path and the manual export actions through the contract handlers, against the real core
 * (ledger on disk, engine, scheduler) and the practice QuickBooks simulator on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../preload/contract';
import { noticeFor } from '../../../main/core/app/notification-policy';
import { renderTray } from '../../../main/core/tray/render-tray';
import { setUpPractice, startTestCore, type TestCore } from './app-test-core';

async function untilFinished(t: TestCore, runId: string): Promise<ExportProgress> {
  for (let i = 0; i < 400; i++) {
    const done = t.events.find((e) => e.event === 'export:progress' && (e.payload as ExportProgress).runId === runId && (e.payload as ExportProgress).finished);
    if (done) return done.payload as ExportProgress;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('practice through the contract', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore('practice');
  });
  afterAll(async () => t?.close());

  it('starts a new environment at the first step, with everything after the connection blocked or to do', async () => {
    const setup = await t.call('setup:get', {});
    expect(setup.resumeAt).toBe('environment');
    expect(setup.complete).toBe(false);
    const state = Object.fromEntries(setup.steps.map((s) => [s.id, s.state]));
    expect(state).toMatchObject({ environment: 'done', connect: 'todo', classes: 'blocked', mapping: 'blocked', 'test-export': 'blocked' });
    await expect(t.call('setup:finish', { confirmed: true })).rejects.toMatchObject({ code: 'setup-incomplete' });
  });

  it('refuses Transaction mode without a deliberate confirmation of its consequences', async () => {
    await expect(t.call('mode:set', { mode: 'transaction' })).rejects.toMatchObject({ code: 'confirmation-required' });
    const view = await t.call('mode:get', {});
    expect(view.transactionConsequences.length).toBeGreaterThan(5);
    expect(view.transactionConsequences.join(' ')).toMatch(/credit memos/);
    const chosen = await t.call('mode:set', { mode: 'transaction', confirmTransactionConsequences: true });
    expect(chosen).toMatchObject({ mode: 'transaction', transactionConfirmed: true });
    // Switching away and back asks again.
    await t.call('mode:set', { mode: 'batch' });
    expect((await t.call('mode:get', {})).transactionConfirmed).toBe(false);
  });

  it('walks the wizard: each step done only when the core can see it is', async () => {
    await setUpPractice(t);
    const setup = await t.call('setup:get', {});
    const state = Object.fromEntries(setup.steps.map((s) => [s.id, s.state]));
    expect(state).toMatchObject({ connect: 'done', formats: 'done', mode: 'done', classes: 'done', mapping: 'done', 'test-export': 'todo' });
    const stores = await t.call('stores:get', {});
    expect(stores.stores.map((s) => [s.className, s.classState])).toEqual([
      ['Store 1:Burbank', 'exists'],
      ['Store 2:Glendale', 'exists'],
      ['Store 3:Pasadena', 'exists'],
    ]);
    const mapping = await t.call('mapping:get', {});
    expect(mapping.summary).toMatchObject({ unmapped: 0, inactive: 0, requiredMissing: 0 });
    expect(mapping.rows.filter((r) => r.required).map((r) => r.porAccount)).toEqual(['1020-01', '1020-02', '1020-03']);
  });

  it('previews one store-day exactly, posts it, and finds it in history with its QuickBooks id', async () => {
    const { days } = await t.call('exports:days', {});
    const day = days.find((d) => d.store === 1 && d.closed)!;
    const scope = { kind: 'storeDay', store: day.store, date: day.date } as const;
    const preview = await t.call('exports:preview', { scope });
    expect(preview.canPost).toBe(true);
    expect(preview.problems).toEqual([]);
    expect(preview.entries).toHaveLength(1);
    const entry = preview.entries[0]!;
    expect(entry).toMatchObject({ entity: 'JournalEntry', existing: 'new', store: 1, className: 'Store 1:Burbank', txnDate: day.date });
    expect(entry.debitCents).toBe(entry.creditCents);
    expect(entry.lines.reduce((n, l) => n + l.debitCents - l.creditCents, 0)).toBe(0);
    expect(entry.lines.every((l) => l.accountId !== null)).toBe(true);
    // A dry run writes nothing.
    expect((await t.call('history:list', { offset: 0, limit: 10 })).total).toBe(0);

    const run = await t.call('exports:post', { scope, confirmed: true });
    const finished = await untilFinished(t, run.runId);
    expect(finished).toMatchObject({ posted: 1, failed: 0 });
    const page = await t.call('history:list', { offset: 0, limit: 50, entity: 'JournalEntry' });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ status: 'posted', docNumber: entry.docNumber, canUndo: true, canOpen: true });
    expect((await t.call('setup:get', {})).steps.find((s) => s.id === 'test-export')!.state).toBe('done');

    // Posting the same day again sends nothing twice.
    const again = await t.call('exports:preview', { scope });
    expect(again.totals.newEntries).toBe(0);
    expect(again.entries[0]!.existing).toBe('posted');

    // Practice has no QuickBooks web page: the app says so rather than opening anything.
    const opened = await t.call('history:open-in-qbo', { jobId: page.rows[0]!.jobId });
    expect(opened).toMatchObject({ opened: false, url: null });
    expect(t.opened).toEqual([]);
  });

  it('reconciles POR against what QuickBooks holds: the posted day matches to the cent', async () => {
    const posted = (await t.call('history:list', { offset: 0, limit: 1, entity: 'JournalEntry' })).rows[0]!;
    const view = await t.call('reconcile:get', { from: posted.businessDate!, to: posted.businessDate!, store: 1 });
    expect(view.days).toHaveLength(1);
    expect(view.days[0]).toMatchObject({ status: 'match', differenceCents: 0 });
    expect(view.days[0]!.porCents).toBeGreaterThan(0);
    const detail = await t.call('reconcile:day', { store: 1, date: posted.businessDate! });
    expect(detail.accounts.length).toBeGreaterThan(3);
    expect(detail.accounts.every((a) => a.differenceCents === 0)).toBe(true);
  });

  it('undoes a posted export in QuickBooks, shows the difference, and posts it again', async () => {
    const posted = (await t.call('history:list', { offset: 0, limit: 1, entity: 'JournalEntry' })).rows[0]!;
    const undone = await t.call('exports:undo', { jobId: posted.jobId, confirmed: true });
    expect(undone).toMatchObject({ status: 'undone', canRetry: true });
    const after = await t.call('reconcile:get', { from: posted.businessDate!, to: posted.businessDate!, store: 1 });
    expect(after.days[0]).toMatchObject({ status: 'not-exported', qboCents: 0 });

    await t.call('exports:retry', { jobId: posted.jobId });
    const reposted = await t.call('history:list', { offset: 0, limit: 10, entity: 'JournalEntry', status: 'posted' });
    expect(reposted.total).toBe(1);
    expect(reposted.rows[0]!.jobId).not.toBe(posted.jobId);
    const back = await t.call('reconcile:get', { from: posted.businessDate!, to: posted.businessDate!, store: 1 });
    expect(back.days[0]).toMatchObject({ status: 'match', differenceCents: 0 });
  });

  it('turns a failed export into a dashboard problem with its fix, and retries it after the fix', async () => {
    const { days } = await t.call('exports:days', {});
    const day = days.find((d) => d.store === 2 && d.closed && d.state === 'not-exported')!;
    const mapping = await t.call('mapping:get', {});
    const bank = mapping.rows.find((r) => r.store === 2 && r.porAccount === '1020-02')!;
    await t.call('mapping:set', { store: 2, porAccount: '1020-02', qboAccountId: null });
    expect((await t.call('exports:preview', { scope: { kind: 'storeDay', store: 2, date: day.date } })).canPost).toBe(false);

    const run = await t.call('exports:post', { scope: { kind: 'storeDay', store: 2, date: day.date }, confirmed: true });
    expect((await untilFinished(t, run.runId)).failed).toBe(1);
    const dash = await t.call('dashboard:get', {});
    const problem = dash.problems.find((p) => p.jobId !== null)!;
    expect(problem.action).toBe('mapping');
    expect(problem.error.message).toMatch(/1020-02/);
    expect(problem.error.fix ?? problem.error.message).toMatch(/map/i);
    expect(dash.status.state).toBe('attention');
    // The tray and the desktop notification follow the very same status.
    expect(renderTray(t.core.status.get()).icon).toBe('tray-attention');
    expect(noticeFor(null, t.core.status.get())).toMatchObject({ title: 'Practice: needs your attention' });

    await t.call('mapping:set', { store: 2, porAccount: '1020-02', qboAccountId: bank.qboAccountId! });
    const row = await t.call('exports:retry', { jobId: problem.jobId! });
    expect(row.status).toBe('posted');
    expect((await t.call('dashboard:get', {})).problems).toEqual([]);
  });

  it('keeps environments apart: another environment sees none of practice, and practice is intact after', async () => {
    const practiceStores = (await t.call('stores:get', {})).stores.length;
    await t.call('env:set', { environment: 'sandbox', confirmed: true });
    expect(t.core.status.get().environment).toBe('sandbox');
    expect((await t.call('stores:get', {})).stores).toEqual([]);
    expect((await t.call('history:list', { offset: 0, limit: 10 })).total).toBe(0);
    expect((await t.call('connection:get', {})).info.connected).toBe(false);
    const sandboxSetup = await t.call('setup:get', {});
    expect(sandboxSetup.environment).toBe('sandbox');
    expect((await t.call('connection:get', {})).options.signIn.redirectUri).toMatch(/^http:\/\/localhost:\d+\/callback$/);
    await t.call('env:set', { environment: 'practice', confirmed: true });
    expect((await t.call('stores:get', {})).stores).toHaveLength(practiceStores);
    expect((await t.call('connection:get', {})).info.connected).toBe(true);
  });

  it('records the go-live confirmations on production whichever environment is open', async () => {
    const before = await t.call('cutover:get', {});
    expect(before.ready).toBe(false);
    expect(before.checks.find((c) => c.id === 'credentials')!.state).toBe('fail');
    const after = await t.call('cutover:confirm', { id: 'porSandboxDeactivated', confirmed: true });
    expect(after.confirmations.find((c) => c.id === 'porSandboxDeactivated')!.confirmedAt).toMatch(/^\d{4}-/);
    await expect(t.call('cutover:confirm', { id: 'credentials', confirmed: true })).rejects.toMatchObject({ code: 'unknown-confirmation' });
    await expect(t.call('cutover:replay', { confirmed: true })).rejects.toMatchObject({ code: 'not-production' });
    // Production's own view agrees. Switching there takes the typed name, checked in main, not only on screen.
    await expect(t.call('env:set', { environment: 'production', confirmed: true })).rejects.toMatchObject({ kind: 'invalid-input', code: 'name-mismatch' });
    await expect(t.call('env:set', { environment: 'production', confirmed: true, typedName: 'Practice' })).rejects.toMatchObject({ code: 'name-mismatch' });
    expect((await t.call('env:get', {})).environment).toBe('practice');
    await t.call('env:set', { environment: 'production', confirmed: true, typedName: ' production ' });
    expect((await t.call('cutover:get', {})).confirmations.find((c) => c.id === 'porSandboxDeactivated')!.confirmedAt).not.toBeNull();
    expect((await t.call('connection:get', {})).options.signIn.allowed).toBe(false);
    await t.call('env:set', { environment: 'practice', confirmed: true });
  });
});

describe('quitting while an export is on its way', () => {
  it('waits for the requests in flight: nothing is left half-sent', async () => {
    const t = await startTestCore('practice');
    const dir = t.dir;
    await setUpPractice(t);
    const { days } = await t.call('exports:days', {});
    const dates = days.map((d) => d.date).sort();
    const run = await t.call('exports:post', { scope: { kind: 'range', from: dates[0]!, to: dates.at(-1)!, store: null }, confirmed: true });
    expect(run.total).toBeGreaterThan(10);
    // Quit at once, while the drain is sending.
    await t.core.dispose();
    const { openLedger } = await import('../../../main/core/ledger');
    const ledger = openLedger(dir, 'practice', { recover: false });
    try {
      const counts = ledger.outbox.counts();
      expect(counts.inFlight).toBe(0);
      expect(counts.posted).toBeGreaterThan(10);
      const posted = ledger.outbox.list({ status: 'posted' }, { limit: 1000 }).rows;
      expect(posted.every((j) => j.qboId !== null || j.kind !== 'JournalEntry')).toBe(true);
    } finally {
      ledger.close();
    }
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
  });
});
