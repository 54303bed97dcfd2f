import { useState } from 'react';
import type { ExportMode } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { StepFooter, type StepNav } from './SetupWizard';

export function StepMode({ nav }: { nav: StepNav }) {
  const view = useRequest('mode:get', {}, ['mode']);
  const [choice, setChoice] = useState<ExportMode | null>(null);
  const [understood, setUnderstood] = useState(false);
  const action = useAction();
  if (!view.data) return view.error ? <Notice kind="error">{view.error}</Notice> : <p className="muted">Loading…</p>;
  const d = view.data;
  // The recommended mode is chosen until the person picks another: no hidden second click.
  const selected = choice ?? d.mode ?? d.options.find((o) => o.recommended)?.mode ?? null;
  const chosen = d.options.find((o) => o.mode === selected);
  const unchanged = selected === d.mode && (selected !== 'transaction' || d.transactionConfirmed);

  const save = async (mode: ExportMode | null = selected): Promise<boolean> => {
    if (!mode) return false;
    const next = await action.run('mode', () => invoke('mode:set', mode === 'transaction' ? { mode, confirmTransactionConsequences: understood } : { mode }));
    if (next) {
      view.setData(next);
      setChoice(null);
      await nav.reload();
    }
    return !!next;
  };
  // Batch and Real-time are saved the moment they are chosen; Transaction waits for its confirmation.
  const pick = (mode: ExportMode) => {
    setChoice(mode);
    setUnderstood(false);
    if (mode !== 'transaction' && mode !== d.mode) void save(mode);
  };
  const canContinue = !!selected && (selected !== 'transaction' || d.transactionConfirmed || understood) && !action.busy;
  const footerNav = {
    ...nav,
    canContinue,
    onNext: nav.onNext
      ? () => {
          if (unchanged) nav.onNext!();
          else void save().then((ok) => ok && nav.onNext!());
        }
      : undefined,
  };

  return (
    <div className="step">
      <h2>Export mode</h2>
      <p className="muted">How POR's accounting reaches QuickBooks. The End of Day batch runs in every mode.</p>
      <fieldset className="choice-list">
        <legend className="visually-hidden">Export mode</legend>
        {d.options.map((o) => (
          <label key={o.mode} className={`choice${o.mode === 'transaction' ? ' choice-caution' : ''}`}>
            <input type="radio" name="export-mode" value={o.mode} checked={selected === o.mode} onChange={() => pick(o.mode)} />
            <span>
              <strong>{o.title}</strong>
              {o.recommended ? <span className="pill pill-ok inline">recommended</span> : null}
              {o.mode === 'transaction' ? <span className="pill pill-warn inline">not recommended</span> : null}
              {o.mode === d.mode ? <span className="pill pill-info inline">current</span> : null}
              <br />
              <span className="muted">{o.reaches}</span>
              <br />
              <span className="small muted">Sent on: {o.trigger}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {selected === 'transaction' ? (
        <div className="notice notice-warning consequences" role="region" aria-labelledby="txn-consequences">
          <h3 id="txn-consequences">Before you choose Transaction mode</h3>
          <ul>
            {d.transactionConsequences.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {!(d.mode === 'transaction' && d.transactionConfirmed) ? (
            <label className="checkbox">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />I understand what Transaction mode turns off in
              POR, and I want to use it anyway.
            </label>
          ) : null}
        </div>
      ) : null}
      {!unchanged && chosen && selected === 'transaction' ? (
        <div className="row-actions">
          <button type="button" className="primary" disabled={!!action.busy || !understood} onClick={() => void save()}>
            Use {chosen.title}
          </button>
        </div>
      ) : null}
      {unchanged && chosen ? (
        <p className="muted small" role="status">
          {chosen.title} is saved.
        </p>
      ) : null}
      <ActionError error={action.error} />
      <StepFooter nav={footerNav} hint={selected === 'transaction' ? 'Confirm the consequences first.' : 'Choose a mode.'} />
    </div>
  );
}
