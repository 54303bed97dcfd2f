import { useEffect, useState } from 'react';
import type { SyncStartPreview } from '../../../preload/contract';
import { invoke, useAction, useRequest } from '../bridge/hooks';
import { day, money, plural, todayIso } from '../lib/format';
import { useTarget } from '../app/target-context';
import { ConfirmDialog } from './ConfirmDialog';
import { ActionError } from './Notice';

/**
 * The one sync switch (dashboard, settings, end of setup). Turning it on first shows what automatic sync
 * would post, from which day, to which environment and company; nothing is sent until the person says yes.
 */
export function SyncSwitch({ onChanged }: { onChanged?: () => void }) {
  const settings = useRequest('settings:get', {}, ['settings']);
  const action = useAction();
  const [starting, setStarting] = useState(false);
  const s = settings.data;
  if (!s) return null;
  const on = s.syncServicesOn && !s.paused;
  return (
    <div className="sync-switch" role="group" aria-label="Automatic sync">
      <span data-testid="sync-switch-state">
        <strong>Automatic sync is {on ? 'on' : s.paused ? 'paused' : 'off'}.</strong>{' '}
        <span className="muted">{on ? 'POR days go to QuickBooks after End of Day.' : 'Nothing is sent on its own.'}</span>
      </span>
      {on ? (
        <button
          type="button"
          disabled={!!action.busy}
          onClick={() =>
            void action
              .run('stop', () => invoke('sync:stop', {}))
              .then(async () => {
                await settings.reload();
                onChanged?.();
              })
          }
        >
          Turn off automatic sync
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => setStarting(true)}>
          Turn on automatic sync…
        </button>
      )}
      <ActionError error={action.error} />
      {starting ? (
        <StartSyncDialog
          onClose={async (started) => {
            setStarting(false);
            if (started) {
              await settings.reload();
              onChanged?.();
            }
          }}
        />
      ) : null}
    </div>
  );
}

function StartSyncDialog({ onClose }: { onClose: (started: boolean) => void }) {
  const target = useTarget();
  const [startFrom, setStartFrom] = useState<string | null>(null);
  const [preview, setPreview] = useState<SyncStartPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const action = useAction();
  const [initial, setInitial] = useState(true);
  useEffect(() => {
    let live = true;
    setError(null);
    invoke('sync:start-preview', { startFrom })
      .then((p) => {
        if (!live) return;
        // First look: practice rehearses the whole week; real books start today unless the person chooses.
        if (initial) {
          setInitial(false);
          const suggested = target?.environment === 'practice' ? p.earliestDay : todayIso();
          if (suggested && suggested !== startFrom) {
            setStartFrom(suggested);
            return;
          }
        }
        setPreview(p);
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [startFrom, initial, target?.environment]);
  const p = preview;
  const total = p ? p.entries + p.waiting : 0;
  return (
    <ConfirmDialog
      title="Turn on automatic sync?"
      confirmLabel={!p ? 'Loading…' : total ? `Turn on and post ${plural(total, 'entry', 'entries')}` : 'Turn on automatic sync'}
      disabled={!p || p.startFrom !== startFrom}
      busy={!!action.busy}
      onCancel={() => onClose(false)}
      onConfirm={() => void action.run('start', () => invoke('sync:start', { confirmed: true, startFrom })).then((r) => r && onClose(true))}
    >
      <label>
        Start from this business day
        <input type="date" value={startFrom ?? ''} onChange={(e) => setStartFrom(e.target.value || null)} aria-describedby="start-from-help" />
      </label>
      <p id="start-from-help" className="muted small">
        Days before it are not sent on their own{p?.earliestDay ? ` (POR data starts ${day(p.earliestDay)})` : ''}; you can still send them from Exports.
        {p?.earliestDay ? (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => setStartFrom(p.earliestDay)}>
              Start from the first POR day
            </button>
          </>
        ) : null}{' '}
        <button type="button" className="link-button" onClick={() => setStartFrom(todayIso())}>
          Start from today
        </button>
      </p>
      {error ? <p className="error-text">{error}</p> : null}
      {p ? (
        <div className="notice notice-info" data-testid="sync-start-summary">
          {p.entries ? (
            <p>
              <strong>{plural(p.entries, 'entry', 'entries')} will be posted now</strong> for {plural(p.storeDays, 'store-day')}, {day(p.from)} – {day(p.to)},
              debits {money(p.debitCents)}
              {p.listRecords ? `, after ${plural(p.listRecords, 'class, customer or item', 'classes, customers or items')} are created` : ''}.
            </p>
          ) : (
            <p>
              <strong>Nothing is posted now</strong>: no POR day {p.startFrom ? `from ${day(p.startFrom)} on ` : ''}waits to be sent.
            </p>
          )}
          {p.waiting ? <p>{plural(p.waiting, 'entry', 'entries')} already waiting will be sent too.</p> : null}
          <p>
            To <strong>{target?.envName ?? p.environment}</strong> · {p.companyName ?? 'no company connected'}. After this, each store's day is sent after its
            End of Day.
          </p>
        </div>
      ) : (
        <p className="muted">Working out what would be sent…</p>
      )}
      <ActionError error={action.error} />
    </ConfirmDialog>
  );
}
