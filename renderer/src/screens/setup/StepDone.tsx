import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { SyncSwitch } from '../../components/SyncSwitch';
import type { RouteId } from '../../app/router';
import { StepFooter, type StepNav } from './SetupWizard';

/**
 * The end of setup. Finishing posts nothing: automatic sync stays off until the person turns it on and
 * has seen what it would post (count, days, amount, environment, company) and from which day.
 */
export function StepDone({ nav, go }: { nav: StepNav; go: (route: RouteId) => void }) {
  const setup = useRequest('setup:get', {}, ['setup']);
  const action = useAction();
  if (!setup.data) return <p className="muted">Loading…</p>;
  const open = setup.data.steps.filter((s) => s.id !== 'done' && s.state !== 'done');
  const finish = async () => {
    const done = await action.run('finish', () => invoke('setup:finish', { confirmed: true }));
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
      ) : (
        <>
          <section className="panel" aria-labelledby="auto-sync-title">
            <h3 id="auto-sync-title">Automatic sync</h3>
            <p className="muted">
              Finishing setup sends nothing. When you turn automatic sync on, the app first shows how many entries it would post, for which days and to which
              company, and lets you choose the first business day it sends.
            </p>
            <SyncSwitch />
          </section>
          {setup.data.complete ? (
            <Notice kind="success">This environment is set up. The dashboard shows how accounting is flowing.</Notice>
          ) : (
            <div className="row-actions">
              <button type="button" className="primary" disabled={!!action.busy} onClick={() => void finish()}>
                Finish setup
              </button>
              <span className="muted small">Posts nothing.</span>
            </div>
          )}
        </>
      )}
      <ActionError error={action.error} />
      <StepFooter nav={nav} />
    </div>
  );
}
