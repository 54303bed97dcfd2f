import { useMemo, useState } from 'react';
import type { MappingRow, MappingView } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { when } from '../../lib/format';
import { StepFooter, type StepNav } from './SetupWizard';

/** POR account numbers (per store) to QuickBooks accounts; automap first, then fix what is left. */
export function StepMapping({ nav }: { nav: StepNav }) {
  const view = useRequest('mapping:get', {}, ['mapping']);
  const action = useAction();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [store, setStore] = useState<string>('all');
  const apply = async (name: string, fn: () => Promise<MappingView>) => {
    const next = await action.run(name, fn);
    if (next) {
      view.setData(next);
      await nav.reload();
    }
  };
  const stores = useMemo(() => [...new Set((view.data?.rows ?? []).map((r) => r.store))].sort((a, b) => a - b), [view.data]);
  if (!view.data) return view.error ? <Notice kind="error">{view.error}</Notice> : <p className="muted">Loading…</p>;
  const d = view.data;
  const rows = d.rows.filter((r) => (store === 'all' || String(r.store) === store) && (!onlyProblems || r.state !== 'mapped'));
  const active = d.accounts.filter((a) => a.active);

  return (
    <div className="step">
      <h2>Account mapping</h2>
      <p className="muted">
        Each POR account number goes to one QuickBooks account. Automap matches by account number, then by name. Accounts marked{' '}
        <span className="pill pill-warn inline">required</span> must be mapped before anything is posted.
      </p>
      <div className="summary-bar" role="status">
        <span>
          <strong>{d.summary.mapped}</strong> of {d.summary.total} mapped
        </span>
        <span className={d.summary.unmapped ? 'error-text' : 'muted'}>{d.summary.unmapped} not mapped</span>
        <span className={d.summary.inactive ? 'warn-text' : 'muted'}>{d.summary.inactive} inactive</span>
        <span className={d.summary.requiredMissing ? 'error-text' : 'muted'}>{d.summary.requiredMissing} required missing</span>
      </div>
      <div className="row-actions">
        <button type="button" className="primary" disabled={!!action.busy} onClick={() => void apply('auto', () => invoke('mapping:automap', {}))}>
          {action.busy === 'auto' ? 'Mapping…' : 'Automap'}
        </button>
        <button type="button" disabled={!!action.busy} onClick={() => void apply('refresh', () => invoke('mapping:refresh-accounts', {}))}>
          {action.busy === 'refresh' ? 'Reading accounts…' : 'Reload QuickBooks accounts'}
        </button>
        <span className="muted small">
          {d.accounts.length} QuickBooks accounts · read {when(d.accountsFetchedAt)}
        </span>
      </div>
      <div className="filters">
        <label>
          Store
          <select value={store} onChange={(e) => setStore(e.target.value)}>
            <option value="all">All stores</option>
            {stores.map((s) => (
              <option key={s} value={String(s)}>
                {s === 0 ? 'Every store (default)' : `Store ${s}`}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Only accounts that need attention
        </label>
      </div>
      <ActionError error={action.error} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Account mapping table">
        <table className="data-table mapping-table">
          <caption className="visually-hidden">POR accounts and the QuickBooks account each maps to</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">POR account</th>
              <th scope="col">QuickBooks account</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <MappingTableRow
                key={`${r.store}:${r.porAccount}`}
                row={r}
                accounts={d.accounts}
                activeCount={active.length}
                busy={action.busy === `set-${r.store}:${r.porAccount}`}
                onSet={(qboAccountId) =>
                  void apply(`set-${r.store}:${r.porAccount}`, () => invoke('mapping:set', { store: r.store, porAccount: r.porAccount, qboAccountId }))
                }
              />
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {d.rows.length === 0 ? 'No POR accounts yet: they appear when POR data arrives.' : 'Nothing needs attention.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <StepFooter nav={nav} hint="Map every required account to an active QuickBooks account." />
    </div>
  );
}

function MappingTableRow(props: {
  row: MappingRow;
  accounts: MappingView['accounts'];
  activeCount: number;
  busy: boolean;
  onSet: (id: string | null) => void;
}) {
  const r = props.row;
  const problem = r.state !== 'mapped';
  return (
    <tr className={problem ? (r.state === 'inactive' ? 'row-warn' : 'row-err') : undefined}>
      <td>{r.store === 0 ? 'All' : r.store}</td>
      <th scope="row">
        <span className="mono">{r.porAccount}</span>
        {r.porName ? <span className="muted"> · {r.porName}</span> : null}
        {r.required ? <span className="pill pill-warn inline">required</span> : null}
      </th>
      <td>
        <select
          aria-label={`QuickBooks account for POR account ${r.porAccount}${r.store ? ` in store ${r.store}` : ''}`}
          value={r.qboAccountId ?? ''}
          disabled={props.busy}
          onChange={(e) => props.onSet(e.target.value || null)}
        >
          <option value="">— Not mapped —</option>
          {props.accounts.map((a) => (
            <option key={a.id} value={a.id} disabled={!a.active && a.id !== r.qboAccountId}>
              {a.number ? `${a.number} · ` : ''}
              {a.name}
              {a.active ? '' : ' (inactive)'}
            </option>
          ))}
        </select>
      </td>
      <td>
        <StatusPill status={r.state} />
        {r.source === 'auto' && r.state === 'mapped' ? <span className="muted small"> auto</span> : null}
      </td>
    </tr>
  );
}
