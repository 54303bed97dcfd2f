import { Fragment, useState } from 'react';
import { useRequest } from '../../bridge/hooks';
import { Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { addDaysIso, day, money, storeLabel, todayIso } from '../../lib/format';
import { ReconcileChart } from './ReconcileChart';

/** POR's totals against what QuickBooks holds, per store and day, to the cent. */
export function ReconcileScreen() {
  const stores = useRequest('stores:get', {});
  const [from, setFrom] = useState(() => addDaysIso(todayIso(), -13));
  const [to, setTo] = useState(() => todayIso());
  const [store, setStore] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const view = useRequest('reconcile:get', { from, to, store: store ? Number(store) : null }, ['jobs', 'documents']);
  const d = view.data;
  return (
    <section className="screen" aria-labelledby="recon-title">
      <h1 id="recon-title" tabIndex={-1}>
        Reconciliation
      </h1>
      <div className="filters">
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Store
          <select value={store} onChange={(e) => setStore(e.target.value)}>
            <option value="">All stores</option>
            {(stores.data?.stores ?? []).map((s) => (
              <option key={s.store} value={String(s.store)}>
                {storeLabel(s.store, s.name)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view.error ? <Notice kind="error">{view.error}</Notice> : null}
      {d ? (
        <>
          <dl className="stat-grid three">
            <div>
              <dt>POR</dt>
              <dd>{money(d.totals.porCents)}</dd>
            </div>
            <div>
              <dt>QuickBooks</dt>
              <dd>{money(d.totals.qboCents)}</dd>
            </div>
            <div className={d.totals.differenceCents ? 'stat-err' : undefined}>
              <dt>Difference</dt>
              <dd data-testid="recon-difference">{money(d.totals.differenceCents)}</dd>
            </div>
          </dl>
          {d.refusedElsewhere.length ? (
            <div className="notice notice-error" role="alert" aria-label="POR input missing from QuickBooks">
              <p>
                <strong>POR produced data that never reached QuickBooks, so this range cannot match:</strong>
              </p>
              <ul className="plain-list">
                {d.refusedElsewhere.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ReconcileChart days={d.days} />
          {d.days.length === 0 ? (
            <p className="muted">No POR business days in this range.</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">POR and QuickBooks totals per store and day</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Store</th>
                  <th scope="col" className="num">
                    POR
                  </th>
                  <th scope="col" className="num">
                    QuickBooks
                  </th>
                  <th scope="col" className="num">
                    Difference
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Accounts</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.days.map((r) => {
                  const key = `${r.store}|${r.date}`;
                  return (
                    <Fragment key={key}>
                      <tr className={r.status === 'difference' ? 'row-err' : r.status === 'not-exported' ? 'row-warn' : undefined}>
                        <td>{day(r.date)}</td>
                        <td>{storeLabel(r.store, r.storeName)}</td>
                        <td className="num">{money(r.porCents)}</td>
                        <td className="num">{money(r.qboCents)}</td>
                        <td className={`num${r.differenceCents ? ' error-text strong' : ''}`}>{money(r.differenceCents)}</td>
                        <td>
                          <StatusPill status={r.status} />
                          {r.accountsWithDifference ? <span className="small muted"> {r.accountsWithDifference} of {r.accounts} accounts</span> : null}
                          {r.refused.map((n) => (
                            <p key={n} className="small error-text">
                              {n}
                            </p>
                          ))}
                        </td>
                        <td>
                          <button type="button" className="link-button" aria-expanded={open === key} onClick={() => setOpen(open === key ? null : key)}>
                            {open === key ? 'Hide' : 'Accounts'}
                            <span className="visually-hidden">
                              {' '}
                              for store {r.store} on {day(r.date)}
                            </span>
                          </button>
                        </td>
                      </tr>
                      {open === key ? (
                        <tr className="detail-row">
                          <td colSpan={7}>
                            <DayAccounts store={r.store} date={r.date} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

function DayAccounts({ store, date }: { store: number; date: string }) {
  const detail = useRequest('reconcile:day', { store, date });
  if (detail.error) return <Notice kind="error">{detail.error}</Notice>;
  if (!detail.data) return <p className="muted">Loading…</p>;
  return (
    <table className="data-table nested">
      <caption className="visually-hidden">
        Accounts for store {store} on {day(date)}
      </caption>
      <thead>
        <tr>
          <th scope="col">POR account</th>
          <th scope="col">QuickBooks account</th>
          <th scope="col" className="num">
            POR (net)
          </th>
          <th scope="col" className="num">
            QuickBooks (net)
          </th>
          <th scope="col" className="num">
            Difference
          </th>
        </tr>
      </thead>
      <tbody>
        {detail.data.accounts.map((a) => (
          <tr key={`${a.porAccount}|${a.qboAccount ?? ''}`} className={a.differenceCents || a.notes.length ? 'row-err' : undefined}>
            <td className="mono">{a.porAccount}</td>
            <td>{a.qboAccount ?? <span className="muted">not mapped</span>}</td>
            <td className="num">{money(a.porCents)}</td>
            <td className="num">{money(a.qboCents)}</td>
            <td className={`num${a.differenceCents ? ' error-text strong' : ''}`}>
              {money(a.differenceCents)}
              {a.notes.map((n) => (
                <span key={n} className="small error-text block">
                  {n}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
