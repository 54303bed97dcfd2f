import { useState, type FormEvent } from 'react';
import type { StoresView } from '../../../../preload/contract';
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
        Choose <strong>API-QBO</strong> for every store whose accounting goes to this QuickBooks company. Stores set to Off are kept in the app but never sent.
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
              <th scope="col" className="num">
                POR documents
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.store}>
                <th scope="row">Store {s.store}</th>
                <td>
                  <input
                    key={`${s.store}|${s.name ?? ''}`}
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
      <AddStore
        known={rows.map((r) => r.store)}
        onAdded={async (view) => {
          stores.setData(view);
          await nav.reload();
        }}
      />
      <ActionError error={action.error} />
      <StepFooter nav={nav} hint="Set at least one store to API-QBO." />
    </div>
  );
}

/** A new store by its POR number; a number already here is refused beside the field, never overwritten. */
function AddStore({ known, onAdded }: { known: number[]; onAdded: (view: StoresView) => Promise<void> }) {
  const [store, setStore] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(store);
    if (!Number.isInteger(n) || n < 1 || n > 9999) return setError('Enter the POR store number, a whole number from 1 to 9999.');
    if (known.includes(n)) return setError(`Store ${n} is already in the table above: change it there.`);
    setError(null);
    const view = await action.run('add', () => invoke('stores:add', { store: n, name: name.trim() || null }));
    if (view) {
      await onAdded(view);
      setStore('');
      setName('');
    }
  };
  const message = error ?? action.error;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Add a store" noValidate>
      <label>
        Store number
        <input
          type="number"
          min={1}
          max={9999}
          value={store}
          onChange={(e) => {
            setStore(e.target.value);
            setError(null);
            action.setError(null);
          }}
          className="narrow"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'add-store-error' : undefined}
        />
        {message ? (
          <span id="add-store-error" className="field-error" role="alert">
            {message}
          </span>
        ) : null}
      </label>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Burbank" />
      </label>
      <button type="submit" disabled={!!action.busy}>
        Add store
      </button>
    </form>
  );
}
