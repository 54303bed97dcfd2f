import { useEffect, useState } from 'react';
import type { ExportPreview, ExportScope } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError, Notice } from '../../components/Notice';
import { PreviewView } from '../../components/PreviewView';
import { Progress } from '../../components/Progress';
import { useExportRun } from '../../components/use-export-run';
import { day, storeLabel } from '../../lib/format';
import { StepFooter, type StepNav } from './SetupWizard';
import { CompanySettingsPanel } from './CompanySettingsPanel';

/** One real store-day: preview exactly what would be posted, then post it. */
export function StepTestExport({ nav }: { nav: StepNav }) {
  const days = useRequest('exports:days', {}, ['documents', 'jobs']);
  const inbox = useRequest('inbox:get', {}, ['documents']);
  const [pick, setPick] = useState<string>('');
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const run = useExportRun();

  const candidates = (days.data?.days ?? []).filter((d) => d.documents > 0);
  useEffect(() => {
    if (!pick && candidates.length) {
      const firstOpen = candidates.find((d) => d.closed && d.state === 'not-exported') ?? candidates[0]!;
      setPick(`${firstOpen.store}|${firstOpen.date}`);
    }
  }, [pick, candidates]);
  useEffect(() => {
    if (run.progress?.finished) void nav.reload();
  }, [run.progress?.finished, nav]);

  const scope: ExportScope | null = pick ? { kind: 'storeDay', store: Number(pick.split('|')[0]), date: pick.split('|')[1]! } : null;

  return (
    <div className="step">
      <h2>Test export</h2>
      <p className="muted">Pick one store and business day. The preview shows the exact entries and totals; nothing is posted until you say so.</p>
      <CompanySettingsPanel />
      {candidates.length === 0 ? (
        <Notice kind="info">
          No POR business days yet.
          {inbox.data?.practiceStore ? (
            <>
              {' '}
              <button
                type="button"
                disabled={!!action.busy}
                onClick={() =>
                  void action
                    .run('generate', () => invoke('practice:generate', { days: 3 }))
                    .then(async () => {
                      await days.reload();
                      await inbox.reload();
                    })
                }
              >
                {action.busy === 'generate' ? 'Creating…' : 'Create 3 days of practice store data'}
              </button>
            </>
          ) : (
            <> Put POR's GL export files in the inbox folder (see POR data).</>
          )}
        </Notice>
      ) : (
        <div className="inline-form">
          <label>
            Store and day
            <select
              value={pick}
              onChange={(e) => {
                setPick(e.target.value);
                setPreview(null);
                run.reset();
              }}
            >
              {candidates.map((d) => (
                <option key={`${d.store}|${d.date}`} value={`${d.store}|${d.date}`}>
                  {storeLabel(d.store, d.storeName)} · {day(d.date)}
                  {d.closed ? '' : ' (day not closed)'}
                  {d.state !== 'not-exported' ? ` · ${d.state}` : ''}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={!scope || !!action.busy || run.running}
            onClick={() => scope && void action.run('preview', () => invoke('exports:preview', { scope })).then((p) => p && setPreview(p))}
          >
            {action.busy === 'preview' ? 'Building preview…' : 'Preview (dry run)'}
          </button>
        </div>
      )}
      <ActionError error={action.error ?? run.error} />
      {preview ? (
        <>
          <PreviewView preview={preview} />
          {!run.progress ? (
            <div className="row-actions">
              <button type="button" className="primary" disabled={!preview.canPost || preview.totals.newEntries === 0} onClick={() => setConfirming(true)}>
                Post {preview.totals.newEntries} {preview.totals.newEntries === 1 ? 'entry' : 'entries'} to QuickBooks
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      {run.progress ? (
        <div className="panel">
          <Progress label={run.progress.label} done={run.progress.done} total={run.progress.total} detail={run.progress.message} />
          {run.progress.finished ? (
            <Notice kind={run.progress.failed ? 'error' : 'success'}>
              {run.progress.failed
                ? `${run.progress.failed} failed. See History for the reason and the fix.`
                : `Posted ${run.progress.posted} to QuickBooks. You can see ${run.progress.posted === 1 ? 'it' : 'them'} in History.`}
            </Notice>
          ) : null}
        </div>
      ) : null}
      {confirming && scope && preview ? (
        <ConfirmDialog
          title="Post to QuickBooks?"
          confirmLabel="Post now"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run.start(scope);
          }}
        >
          <p>
            {preview.totals.newEntries} {preview.totals.newEntries === 1 ? 'entry' : 'entries'} for{' '}
            {scope.kind === 'storeDay' ? `${storeLabel(scope.store)} on ${day(scope.date)}` : 'this selection'} will be posted. You can undo a posted export
            from History.
          </p>
        </ConfirmDialog>
      ) : null}
      <StepFooter nav={nav} hint="Post one test export." />
    </div>
  );
}
