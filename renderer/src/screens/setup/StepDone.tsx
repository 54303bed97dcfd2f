import { useState } from 'react';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import type { RouteId } from '../../app/router';
import { StepFooter, type StepNav } from './SetupWizard';

export function StepDone({ nav, go }: { nav: StepNav; go: (route: RouteId) => void }) {
  const setup = useRequest('setup:get', {}, ['setup']);
  const settings = useRequest('settings:get', {}, ['settings']);
  const [turnOn, setTurnOn] = useState(true);
  const action = useAction();
  if (!setup.data) return <p className="muted">Loading…</p>;
  const open = setup.data.steps.filter((s) => s.id !== 'done' && s.state !== 'done');
  const finish = async () => {
    const done = await action.run('finish', async () => {
      const state = await invoke('setup:finish', { confirmed: true });
      if (turnOn && !settings.data?.syncServicesOn) await invoke('settings:set', { syncServicesOn: true });
      return state;
    });
    if (done) {
      await nav.reload();
      go('dashboard');
    }
  };
  return (
    <div className="step">
      <h2>{setup.data.complete ? 'Setup is complete' : 'Finish setup'}</h2>
      <ul className="checklist">
        {setup.data.steps
          .filter((s) => s.id !== 'done')
          .map((s) => (
            <li key={s.id} className={s.state === 'done' ? 'ok' : 'todo'}>
              <span aria-hidden="true">{s.state === 'done' ? '✓' : '•'}</span> <strong>{s.title}</strong>
              <span className="visually-hidden">{s.state === 'done' ? ' done' : ' not done'}</span> <span className="muted">{s.summary}</span>
            </li>
          ))}
      </ul>
      {open.length ? (
        <Notice kind="warning">Finish these first: {open.map((s) => s.title).join(', ')}.</Notice>
      ) : setup.data.complete ? (
        <Notice kind="success">This environment is set up. The dashboard shows how accounting is flowing.</Notice>
      ) : (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={turnOn} onChange={(e) => setTurnOn(e.target.checked)} />
            Turn on Accounting Sync Services now (exports run on their own schedule)
          </label>
          <div className="row-actions">
            <button type="button" className="primary" disabled={!!action.busy} onClick={() => void finish()}>
              Finish setup
            </button>
          </div>
        </>
      )}
      <ActionError error={action.error} />
      <StepFooter nav={nav} />
    </div>
  );
}
