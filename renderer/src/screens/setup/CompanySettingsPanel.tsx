import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';

const PILL = { ok: 'pass', warning: 'pending', todo: 'fail' } as const;

/**
 * The QuickBooks company's settings our postings depend on (read on connect), each with what the app does
 * with it; a setting the app cannot live with says so here, before anything is posted.
 */
export function CompanySettingsPanel() {
  const view = useRequest('setup:company', { refresh: false }, ['connection', 'stores', 'mode']);
  const action = useAction();
  const d = view.data;
  return (
    <section className="panel" aria-labelledby="company-settings-title" data-testid="company-settings">
      <h3 id="company-settings-title">QuickBooks company settings{d?.plan ? ` · ${d.plan}` : ''}</h3>
      {d?.blocked ? (
        <Notice kind="error">QuickBooks can't take these postings as the company is set up now. Nothing is posted until the setting below changes.</Notice>
      ) : null}
      {d ? (
        <ul className="checklist">
          {d.rows.map((r) => (
            <li key={r.id} className={r.state === 'ok' ? 'ok' : r.state === 'todo' ? 'bad' : 'todo'}>
              <StatusPill status={PILL[r.state]} />
              <div>
                <strong>{r.label}</strong>
                <div className="muted small">{r.detail}</div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{view.error ?? 'Reading the company settings…'}</p>
      )}
      <button
        type="button"
        disabled={!!action.busy}
        onClick={() => void action.run('refresh', () => invoke('setup:company', { refresh: true })).then(() => view.reload())}
      >
        {action.busy === 'refresh' ? 'Reading…' : 'Check again'}
      </button>
      <ActionError error={action.error} />
    </section>
  );
}
