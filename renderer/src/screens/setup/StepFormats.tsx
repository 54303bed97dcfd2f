import { useState, type FormEvent } from 'react';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { StepFooter, type StepNav } from './SetupWizard';

export function StepFormats({ nav }: { nav: StepNav }) {
  const stores = useRequest('stores:get', {}, ['stores']);
  const action = useAction();
  const update = async (patch: Parameters<typeof invoke<'stores:update'>>[1]) => {
    const view = await action.run(`store-${patch.store}`, () => invoke('stores:update', patch));
    if (view) {
      stores.setData(view);
      await nav.reload();
    }
  };
  if (!stores.data) return stores.error ? <Notice kind="error">{stores.error}</Notice> : <p className="muted">Loading…</p>;
  const rows = stores.data.stores;
  return (
    <div className="step">
      <h2>Export format per store</h2>
      <p className="muted">
        Choose <strong>API-QBO</strong> for every store whose accounting goes to this QuickBooks company. Stores set to Off are kept in the
        ledger but never sent.
      </p>
      {rows.length === 0 ? (
        <Notice kind="info">No stores yet. Stores appear when POR data arrives, or add one by its POR store number.</Notice>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Stores and their export format</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Name</th>
              <th scope="col">Export format</th>
              <th scope="col" className="num">POR documents</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.store}>
                <th scope="row">Store {s.store}</th>
                <td>
                  <input
                    aria-label={`Name of store ${s.store}`}
                    defaultValue={s.name ?? ''}
                    onBlur={(e) => {
                      const name = e.target.value.trim() || null;
                      if (name !== s.name) void update({ store: s.store, name });
                    }}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Export format for store ${s.store}`}
                    value={s.exportFormat}
                    disabled={action.busy === `store-${s.store}`}
                    onChange={(e) => void update({ store: s.store, exportFormat: e.target.value as 'API-QBO' | 'off' })}
                  >
                    <option value="API-QBO">API-QBO</option>
                    <option value="off">Off</option>
                  </select>
                </td>
                <td className="num">{s.documents.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddStore onAdd={(store, name) => update({ store, name, exportFormat: 'API-QBO' })} busy={!!action.busy} />
      <ActionError error={action.error} />
      <StepFooter nav={nav} hint="Set at least one store to API-QBO." />
    </div>
  );
}

function AddStore({ onAdd, busy }: { onAdd: (store: number, name: string | null) => Promise<void>; busy: boolean }) {
  const [store, setStore] = useState('');
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(store);
    if (!Number.isInteger(n) || n < 1) return;
    await onAdd(n, name.trim() || null);
    setStore('');
    setName('');
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Add a store">
      <label>
        Store number
        <input type="number" min={1} max={9999} value={store} onChange={(e) => setStore(e.target.value)} required className="narrow" />
      </label>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Burbank" />
      </label>
      <button type="submit" disabled={busy}>
        Add store
      </button>
    </form>
  );
}
