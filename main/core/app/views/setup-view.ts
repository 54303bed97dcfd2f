/**
 * The setup wizard's state, computed from real data each time (the connection record, the ledger's store
 * settings, mode, class cache, mapping and outbox): a step is done because the core can see it is, not
 * because someone clicked Next. Only where the person was and when they finished are stored.
 */
import { postedTransactions } from '../../use-cases/exports';
import type { SetupState, SetupStep, SetupStepId } from '../../../../preload/contract';
import { SETUP_STEPS } from '../../../../preload/contract';
import type { ConnectionStatus } from '../../connection/connection-status';
import { ENVIRONMENT_LABELS, type Environment } from '../../environment';
import type { Ledger } from '../../ledger';
import { storesView } from './store-view';
import { mappingView } from './mapping-view';

export const SETUP_STEP_KEY = 'ui.setupStep';
export const SETUP_COMPLETED_KEY = 'ui.setupCompletedAt';

const TITLES: Record<SetupStepId, string> = {
  environment: 'Environment',
  connect: 'Connect to QuickBooks',
  formats: 'Export format',
  mode: 'Export mode',
  classes: 'Store classes',
  mapping: 'Account mapping',
  'test-export': 'Test export',
  done: 'Done',
};

const MODE_NAMES = { batch: 'Batch', realtime: 'Real-time', transaction: 'Transaction' } as const;

export function computeSetup(environment: Environment, ledger: Ledger, connection: ConnectionStatus): SetupState {
  const steps = new Map<SetupStepId, Omit<SetupStep, 'id' | 'title'>>();
  const connected = connection.state === 'connected';

  steps.set('environment', { state: 'done', summary: ENVIRONMENT_LABELS[environment], problems: [] });

  steps.set('connect', {
    state: connected ? 'done' : 'todo',
    summary: connected ? `${connection.companyName ?? 'Connected'}` : connection.state === 'reconnect-needed' ? 'Reconnect needed' : 'Not connected',
    problems: connection.state === 'reconnect-needed' ? [connection.message] : [],
  });

  const stores = storesView(ledger).stores;
  const exporting = stores.filter((s) => s.exportFormat === 'API-QBO');
  steps.set('formats', {
    state: exporting.length > 0 ? 'done' : 'todo',
    summary: stores.length === 0 ? 'No stores yet' : `${exporting.length} of ${stores.length} stores on API-QBO`,
    problems: [],
  });

  const mode = ledger.settings.get('exportMode');
  const confirmed = ledger.settings.get('transactionModeConfirmed') === true;
  const modeOk = mode !== undefined && (mode !== 'transaction' || confirmed);
  steps.set('mode', {
    state: modeOk ? 'done' : 'todo',
    summary: mode ? `${MODE_NAMES[mode]} mode${mode === 'transaction' && !confirmed ? ' (not confirmed)' : ''}` : 'Not chosen',
    problems: mode === 'transaction' && !confirmed ? ["Transaction mode's consequences were not confirmed."] : [],
  });

  const classProblems = exporting
    .filter((s) => s.classState !== 'exists')
    .map((s) => `Store ${s.store}: ${s.classMessage ?? (s.classState === 'unchecked' ? 'class not checked in QuickBooks yet.' : 'class not ready.')}`);
  steps.set('classes', {
    state: !connected ? 'blocked' : exporting.length > 0 && classProblems.length === 0 ? 'done' : 'todo',
    summary: exporting.length === 0 ? 'No exporting stores' : `${exporting.length - classProblems.length} of ${exporting.length} classes ready`,
    problems: connected ? classProblems : [],
  });

  const mapping = mappingView(ledger, environment);
  const accountsRead = mapping.accountsFetchedAt !== null;
  const mappingOk = accountsRead && mapping.summary.total > 0 && mapping.summary.unmapped === 0 && mapping.summary.inactive === 0;
  steps.set('mapping', {
    state: !connected ? 'blocked' : mappingOk ? 'done' : 'todo',
    summary:
      mapping.summary.total === 0
        ? 'No POR accounts yet'
        : `${mapping.summary.mapped} of ${mapping.summary.total} mapped${mapping.summary.requiredMissing ? `, ${mapping.summary.requiredMissing} required missing` : ''}`,
    problems: connected && mapping.summary.total > 0 && !accountsRead ? ["QuickBooks' account list has not been read yet."] : [],
  });

  const counts = ledger.outbox.counts();
  const earlierDone = (['connect', 'formats', 'mode', 'classes', 'mapping'] as const).every((id) => steps.get(id)!.state === 'done');
  const postedPostings = countPostedPostings(ledger);
  steps.set('test-export', {
    state: postedPostings > 0 ? 'done' : earlierDone ? 'todo' : 'blocked',
    summary: postedPostings > 0 ? `${postedPostings} posted` : counts.failed ? `${counts.failed} failed` : 'Nothing posted yet',
    problems: [],
  });

  const completedAt = (ledger.settings.get(SETUP_COMPLETED_KEY) as string | undefined) ?? null;
  const allDone = (SETUP_STEPS.filter((s) => s !== 'done') as SetupStepId[]).every((id) => steps.get(id)!.state === 'done');
  steps.set('done', {
    state: completedAt && allDone ? 'done' : allDone ? 'todo' : 'blocked',
    summary: completedAt ? 'Setup complete' : allDone ? 'Ready to finish' : 'Steps left',
    problems: [],
  });

  const list: SetupStep[] = SETUP_STEPS.map((id) => ({ id, title: TITLES[id], ...steps.get(id)! }));
  const visited = ledger.settings.get(SETUP_STEP_KEY) as SetupStepId | undefined;
  const firstOpen = list.find((s) => s.state !== 'done')?.id ?? 'done';
  // A new environment starts at the beginning: which company this is comes first, always.
  const resumeAt = visited && (SETUP_STEPS as readonly string[]).includes(visited) ? visited : completedAt ? firstOpen : 'environment';
  return { environment, steps: list, resumeAt, complete: !!completedAt && allDone, completedAt };
}

function countPostedPostings(ledger: Ledger): number {
  return postedTransactions(ledger);
}
