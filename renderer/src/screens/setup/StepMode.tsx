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
  const selected = choice ?? d.mode;
  const chosen = d.options.find((o) => o.mode === selected);
  const unchanged = selected === d.mode && (selected !== 'transaction' || d.transactionConfirmed);

  const save = async () => {
    if (!selected) return;
    const next = await action.run('mode', () =>
      invoke('mode:set', selected === 'transaction' ? { mode: selected, confirmTransactionConsequences: understood } : { mode: selected }),
    );
    if (next) {
      view.setData(next);
      setChoice(null);
      await nav.reload();
    }
  };

  return (
    <div className="step">
      <h2>Export mode</h2>
      <p className="muted">How POR's accounting reaches QuickBooks. The End of Day batch runs in every mode.</p>
      <fieldset className="choice-list">
        <legend className="visually-hidden">Export mode</legend>
        {d.options.map((o) => (
          <label key={o.mode} className={`choice${o.mode === 'transaction' ? ' choice-caution' : ''}`}>
            <input
              type="radio"
              name="export-mode"
              value={o.mode}
              checked={selected === o.mode}
              onChange={() => {
                setChoice(o.mode);
                setUnderstood(false);
              }}
            />
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
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              I understand what Transaction mode turns off in POR, and I want to use it anyway.
            </label>
          ) : null}
        </div>
      ) : null}
      {!unchanged && chosen ? (
        <div className="row-actions">
          <button type="button" className="primary" disabled={!!action.busy || (selected === 'transaction' && !understood)} onClick={() => void save()}>
            Use {chosen.title}
          </button>
        </div>
      ) : null}
      <ActionError error={action.error} />
      <StepFooter nav={nav} hint="Choose a mode." />
    </div>
  );
}
