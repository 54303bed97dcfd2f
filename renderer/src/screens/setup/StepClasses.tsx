import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { when } from '../../lib/format';
import { StepFooter, type StepNav } from './SetupWizard';

/** One QuickBooks class per store, `Parent:Sub`; checked in QBO and created only when asked. */
export function StepClasses({ nav }: { nav: StepNav }) {
  const stores = useRequest('stores:get', {}, ['stores']);
  const action = useAction();
  const apply = async (name: string, fn: () => Promise<import('../../../../preload/contract').StoresView>) => {
    const view = await action.run(name, fn);
    if (view) {
      stores.setData(view);
      await nav.reload();
    }
  };
  if (!stores.data) return stores.error ? <Notice kind="error">{stores.error}</Notice> : <p className="muted">Loading…</p>;
  const rows = stores.data.stores.filter((s) => s.exportFormat === 'API-QBO');
  const missing = rows.filter((s) => s.classState === 'missing' && s.className);
  return (
    <div className="step">
      <h2>Store classes</h2>
      <p className="muted">
        Every store posts with its QuickBooks class, written <code>Parent:Sub</code> (for example <code>Store 1:Burbank</code>). The app checks each one in
        QuickBooks and creates missing ones only when you ask.
      </p>
      <table className="data-table">
        <caption className="visually-hidden">QuickBooks class per store</caption>
        <thead>
          <tr>
            <th scope="col">Store</th>
            <th scope="col">QuickBooks class</th>
            <th scope="col">In QuickBooks</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.store} className={s.classState === 'missing' || s.classState === 'inactive' || s.classState === 'unset' ? 'row-warn' : undefined}>
              <th scope="row">
                Store {s.store}
                {s.name ? <span className="muted"> · {s.name}</span> : null}
              </th>
              <td>
                <input
                  aria-label={`QuickBooks class for store ${s.store}`}
                  defaultValue={s.className ?? ''}
                  placeholder="Parent:Sub"
                  key={s.className ?? ''}
                  onBlur={(e) => {
                    const className = e.target.value.trim() || null;
                    if (className !== s.className) void apply(`class-${s.store}`, () => invoke('stores:update', { store: s.store, className }));
                  }}
                />
              </td>
              <td>
                <StatusPill status={s.classState} />
                {s.classMessage ? <span className="muted small"> {s.classMessage}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-actions">
        <button type="button" disabled={!!action.busy} onClick={() => void apply('check', () => invoke('stores:check-classes', {}))}>
          {action.busy === 'check' ? 'Checking…' : 'Check in QuickBooks'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!!action.busy || missing.length === 0}
          onClick={() => void apply('create', () => invoke('stores:create-classes', { stores: missing.map((s) => s.store) }))}
        >
          {action.busy === 'create' ? 'Creating…' : `Create missing classes (${missing.length})`}
        </button>
        <span className="muted small">Last checked {when(stores.data.classesCheckedAt)}</span>
      </div>
      <ActionError error={action.error} />
      <StepFooter nav={nav} hint="Every store needs a class that exists in QuickBooks." />
    </div>
  );
}
