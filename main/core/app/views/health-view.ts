/**
 * One truth about the books, for the dashboard and the tray: "Up to date" only when QuickBooks holds what
 * POR produced for the period shown (reconciliation without a difference), nothing is unmapped, undone,
 * held, failed or waiting. Otherwise each reason in plain words, with what to do. Pure: facts in, words out.
 */
import type { Health, HealthItem, SyncState } from '../../../../preload/contract';

export interface HealthFacts {
  syncState: SyncState;
  syncMessage: string;
  /** Automatic sync on (services on and not paused). */
  syncOn: boolean;
  connected: boolean;
  setupComplete: boolean;
  period: { from: string; to: string };
  /** Reconciliation of the period, or why it could not be read. */
  reconcile: ReconcileGaps | { error: string };
  unmappedAccounts: number;
  undone: number;
  held: number;
  failed: number;
  waiting: number;
  revisionsWaiting: number;
  refusedFiles: number;
  /** Store-days POR has not closed yet (not due in batch mode): said, never a problem. */
  openDays?: number;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const money = (cents: number) => usd.format(cents / 100);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function overallHealth(f: HealthFacts): Omit<Health, 'postedEntries' | 'postedListRecords' | 'environment' | 'companyName'> {
  const items: HealthItem[] = [];
  const to = (label: string, route: string, param: string | null = null) => ({ label, route, param });

  if (!f.connected) items.push({ id: 'connect', tone: 'err', text: 'QuickBooks is not connected.', action: to('Connect', 'setup', 'connect') });
  if (!f.setupComplete) items.push({ id: 'setup', tone: 'warn', text: 'Setup of this environment is not finished.', action: to('Continue setup', 'setup') });
  if ('error' in f.reconcile) {
    if (f.connected)
      items.push({
        id: 'reconcile',
        tone: 'warn',
        text: `QuickBooks' totals could not be checked: ${f.reconcile.error}`,
        action: to('Open Reconciliation', 'reconcile'),
      });
  } else {
    const r = f.reconcile;
    if (r.missingDays > 0) {
      items.push({
        id: 'missing',
        tone: 'err',
        text: `QuickBooks is missing ${money(r.missingCents)} from ${plural(r.missingDays, 'store-day')}.`,
        action: to('Send them', 'reconcile'),
      });
    }
    if (r.extraDays > 0) {
      items.push({
        id: 'extra',
        tone: 'err',
        text: `QuickBooks has ${money(r.extraCents)} more than POR on ${plural(r.extraDays, 'store-day')}.`,
        action: to('Open Reconciliation', 'reconcile'),
      });
    }
    if (r.otherDays > 0) {
      items.push({
        id: 'accounts',
        tone: 'err',
        text: `QuickBooks has the right totals in other accounts than POR on ${plural(r.otherDays, 'store-day')}.`,
        action: to('Open Reconciliation', 'reconcile'),
      });
    }
    if (r.refused > 0)
      items.push({
        id: 'refused-days',
        tone: 'err',
        text: `POR produced ${plural(r.refused, 'document')} that never reached QuickBooks.`,
        action: to('Open Reconciliation', 'reconcile'),
      });
  }
  if (f.unmappedAccounts > 0) {
    items.push({
      id: 'unmapped',
      tone: 'err',
      text: `${plural(f.unmappedAccounts, 'POR account is', 'POR accounts are')} not mapped to a QuickBooks account: their days cannot be sent.`,
      action: to('Map accounts', 'setup', 'mapping'),
    });
  }
  if (f.failed > 0)
    items.push({ id: 'failed', tone: 'err', text: `${plural(f.failed, 'entry', 'entries')} failed.`, action: to('See the problems', 'dashboard', 'problems') });
  if (f.undone > 0)
    items.push({
      id: 'undone',
      tone: 'warn',
      text: `${plural(f.undone, 'entry was', 'entries were')} undone in QuickBooks and not sent again.`,
      action: to('Send again', 'reconcile'),
    });
  if (f.held > 0)
    items.push({
      id: 'held',
      tone: 'warn',
      text: `${plural(f.held, 'entry is', 'entries are')} held until production is ready.`,
      action: to('Open the go-live checklist', 'cutover'),
    });
  if (f.revisionsWaiting > 0)
    items.push({
      id: 'revisions',
      tone: 'warn',
      text: `${plural(f.revisionsWaiting, 'POR day was', 'POR days were')} written again and wait for a decision.`,
      action: to('Open POR data', 'inbox'),
    });
  if (f.refusedFiles > 0)
    items.push({
      id: 'refused',
      tone: 'warn',
      text: `${plural(f.refusedFiles, 'POR file was', 'POR files were')} refused (in part or whole).`,
      action: to('Open POR data', 'inbox'),
    });
  if (f.waiting > 0) {
    items.push({
      id: 'waiting',
      tone: 'info',
      text: `${plural(f.waiting, 'entry is', 'entries are')} waiting to be sent.`,
      action: f.syncOn ? null : to('Turn on automatic sync', 'settings', 'sync'),
    });
  }
  if (f.openDays)
    items.push({ id: 'open-days', tone: 'info', text: `${plural(f.openDays, 'store-day waits', 'store-days wait')} for End of Day in POR.`, action: null });
  if (!f.syncOn)
    items.push({
      id: 'sync-off',
      tone: 'info',
      text: 'Automatic sync is off: nothing is sent on its own.',
      action: to('Turn on automatic sync', 'settings', 'sync'),
    });

  const problems = items.filter((i) => i.tone !== 'info').length;
  const clean = items.every((i) => i.id === 'sync-off' || i.id === 'open-days');
  const state: Health['state'] = !f.connected ? 'not-connected' : f.syncState === 'syncing' ? 'syncing' : clean ? 'up-to-date' : 'attention';
  const headline =
    state === 'not-connected'
      ? 'Not connected to QuickBooks'
      : state === 'syncing'
        ? f.syncMessage.replace(/\.$/, '')
        : state === 'up-to-date'
          ? f.syncOn
            ? 'Up to date'
            : 'Up to date · automatic sync is off'
          : problems > 0
            ? `Needs attention: ${plural(problems, 'thing')} to look at`
            : items[0]!.text.replace(/\.$/, '');
  return { state, headline, items, period: f.period, syncOn: f.syncOn };
}

/** Reconciliation days of a period, summed the way people say it: what QuickBooks is missing, what it has extra. */
export interface ReconcileGaps {
  missingCents: number;
  missingDays: number;
  extraCents: number;
  extraDays: number;
  /** Same totals, different accounts. */
  otherDays: number;
  refused: number;
}

export function reconcileGaps(
  days: readonly { porCents: number; qboCents: number; status: string; refused: readonly unknown[] }[],
  refusedElsewhere = 0,
): ReconcileGaps {
  let missingCents = 0;
  let missingDays = 0;
  let extraCents = 0;
  let extraDays = 0;
  let otherDays = 0;
  let refused = refusedElsewhere;
  for (const d of days) {
    const diff = d.qboCents - d.porCents;
    if (diff < 0) {
      missingCents -= diff;
      missingDays++;
    } else if (diff > 0) {
      extraCents += diff;
      extraDays++;
    } else if (d.status !== 'match') otherDays++;
    refused += d.refused.length;
  }
  return { missingCents, missingDays, extraCents, extraDays, otherDays, refused };
}
