import { useState } from 'react';
import { typedNameMatches, useProductionName } from '../../app/production-name';
import type { EnvironmentName } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError } from '../../components/Notice';
import { ENV_NAMES } from '../../lib/format';
import { StepFooter, type StepNav } from './SetupWizard';

const OPTIONS: { value: EnvironmentName; detail: string }[] = [
  { value: 'practice', detail: 'A simulated QuickBooks company and POR store built into the app. Rehearse everything; nothing leaves this computer.' },
  { value: 'sandbox', detail: "Your Intuit sandbox company, paired with POR's sandbox. The rehearsal before go-live." },
  { value: 'production', detail: 'Your real QuickBooks company. Exports post to your books.' },
];

export function StepEnvironment({ nav }: { nav: StepNav }) {
  const env = useRequest('env:get', {});
  const [choice, setChoice] = useState<EnvironmentName | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const expected = useProductionName();
  const action = useAction();
  if (!env.data) return <p className="muted">Loading…</p>;
  const current = env.data.environment;
  const selected = choice ?? current;

  const switchTo = async () => {
    const done = await action.run('switch', () =>
      invoke('env:set', { environment: selected, confirmed: true, ...(selected === 'production' ? { typedName: typed } : {}) }),
    );
    setConfirming(false);
    if (done) {
      await env.reload();
      await nav.reload();
    }
  };

  return (
    <div className="step">
      <h2>Which company are you setting up?</h2>
      <p className="muted">Each environment has its own connection, settings and history. Nothing crosses between them.</p>
      <fieldset className="choice-list">
        <legend className="visually-hidden">Environment</legend>
        {OPTIONS.map((o) => (
          <label key={o.value} className={`choice env-choice-${o.value}`}>
            <input type="radio" name="setup-environment" value={o.value} checked={selected === o.value} onChange={() => setChoice(o.value)} />
            <span>
              <strong>{ENV_NAMES[o.value]}</strong>
              {o.value === current ? <span className="pill pill-info inline">current</span> : null}
              <br />
              <span className="muted">{o.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {selected !== current ? (
        <div className="row-actions">
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            Switch to {ENV_NAMES[selected]}
          </button>
        </div>
      ) : null}
      <ActionError error={action.error} />
      {confirming ? (
        <ConfirmDialog
          title={`Switch to ${ENV_NAMES[selected]}?`}
          confirmLabel={selected === 'production' ? 'Yes, switch to Production' : `Switch to ${ENV_NAMES[selected]}`}
          danger={selected === 'production'}
          busy={action.busy === 'switch'}
          disabled={selected === 'production' && !typedNameMatches(typed, expected)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void switchTo()}
        >
          <p>
            You are leaving <strong>{ENV_NAMES[current]}</strong>. Its data stays as it is. From now on every screen shows and changes{' '}
            <strong>{ENV_NAMES[selected]}</strong>.
          </p>
          {selected === 'production' ? (
            <label className="confirm-type">
              <span>
                To switch to your real books, type {expected === 'Production' ? 'the word' : 'the production company’s name'} <strong>{expected}</strong>
              </span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
            </label>
          ) : null}
        </ConfirmDialog>
      ) : null}
      <StepFooter nav={nav} nextLabel={`Continue in ${ENV_NAMES[current]}`} />
    </div>
  );
}
