import { describe, expect, it } from 'vitest';
import { overallHealth, reconcileGaps, type HealthFacts } from '../../../../main/core/app/views/health-view';

const clean: HealthFacts = {
  syncState: 'idle',
  syncMessage: 'Up to date.',
  syncOn: true,
  connected: true,
  setupComplete: true,
  period: { from: '2026-11-19', to: '2026-12-02' },
  reconcile: { missingCents: 0, missingDays: 0, extraCents: 0, extraDays: 0, otherDays: 0, refused: 0 },
  unmappedAccounts: 0,
  undone: 0,
  held: 0,
  failed: 0,
  waiting: 0,
  revisionsWaiting: 0,
  refusedFiles: 0,
};

describe('overallHealth: one truth for dashboard and tray', () => {
  it('is up to date only when nothing differs, nothing is unmapped, undone, held, failed or waiting', () => {
    expect(overallHealth(clean)).toMatchObject({ state: 'up-to-date', headline: 'Up to date', items: [] });
  });

  it('is not green while QuickBooks is short of POR, and says by how much and on how many store-days', () => {
    const h = overallHealth({ ...clean, reconcile: { ...(clean.reconcile as object), missingCents: 2_011_970, missingDays: 5 } as HealthFacts['reconcile'] });
    expect(h.state).toBe('attention');
    expect(h.items[0]).toMatchObject({ id: 'missing', text: 'QuickBooks is missing $20,119.70 from 5 store-days.', action: { route: 'reconcile' } });
  });

  it('names unmapped accounts even while sync is off, with where to fix them', () => {
    const h = overallHealth({ ...clean, syncOn: false, unmappedAccounts: 6 });
    expect(h.state).toBe('attention');
    expect(h.items.map((i) => i.id)).toEqual(['unmapped', 'sync-off']);
    expect(h.items[0]!.action).toEqual({ label: 'Map accounts', route: 'setup', param: 'mapping' });
  });

  it('says sync is off beside "Up to date" rather than hiding it', () => {
    expect(overallHealth({ ...clean, syncOn: false }).headline).toBe('Up to date · automatic sync is off');
  });

  it('counts undone, held, failed, waiting and an unreadable reconciliation as not up to date', () => {
    for (const patch of [
      { undone: 1 },
      { held: 2 },
      { failed: 1 },
      { waiting: 3 },
      { reconcile: { error: 'offline' } },
      { refusedFiles: 1 },
    ] as Partial<HealthFacts>[]) {
      expect(overallHealth({ ...clean, ...patch }).state).toBe('attention');
    }
    expect(overallHealth({ ...clean, connected: false }).state).toBe('not-connected');
  });
});

describe('reconcileGaps', () => {
  it('splits days into missing from QuickBooks, extra in QuickBooks and other accounts', () => {
    const g = reconcileGaps(
      [
        { porCents: 1000, qboCents: 0, status: 'not-exported', refused: [] },
        { porCents: 500, qboCents: 400, status: 'difference', refused: ['x'] },
        { porCents: 300, qboCents: 350, status: 'difference', refused: [] },
        { porCents: 200, qboCents: 200, status: 'difference', refused: [] },
        { porCents: 200, qboCents: 200, status: 'match', refused: [] },
      ],
      2,
    );
    expect(g).toEqual({ missingCents: 1100, missingDays: 2, extraCents: 50, extraDays: 1, otherDays: 1, refused: 3 });
  });
});
