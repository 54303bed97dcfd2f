import { Fragment, useState } from 'react';
import { useRequest } from '../../bridge/hooks';
import { Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { addDaysIso, day, money, plural, storeLabel, todayIso } from '../../lib/format';
import { ReconcileChart } from './ReconcileChart';
import { SendDaysDialog, type DayRange } from '../../components/SendDaysDialog';
import type { ReconcileView } from '../../../../preload/contract';

/** The period in one sentence: which side is missing what, never a signed number to decode. */
export function reconcileSentence(v: ReconcileView): string {
  let missing = 0;
  let missingDays = 0;
  let extra = 0;
  let extraDays = 0;
  let other = 0;
  for (const d of v.days) {
    const diff = d.qboCents - d.porCents;
    if (diff < 0) {
      missing -= diff;
      missingDays++;
    } else if (diff > 0) {
      extra += diff;
      extraDays++;
    } else if (d.status !== 'match') other++;
  }
  const parts: string[] = [];
  if (missingDays) parts.push(`QuickBooks is missing ${money(missing)} from ${plural(missingDays, 'store-day')}`);
  if (extraDays) parts.push(`QuickBooks has ${money(extra)} more than POR on ${plural(extraDays, 'store-day')}`);
  if (other) parts.push(`${plural(other, 'store-day has', 'store-days have')} the right total in other accounts`);
  if (!parts.length) return v.days.length ? `QuickBooks matches POR on all ${plural(v.days.length, 'store-day')}.` : 'No POR business days in this range.';
  return `${parts.join('; ')}.`;
}

/** One side against the other in words: "QuickBooks is short $12.00" rather than a signed difference. */
export function gapWords(porCents: number, qboCents: number): string {
  const diff = qboCents - porCents;
  if (diff === 0) return 'Same';
  return diff < 0 ? `QuickBooks is short ${money(-diff)}` : `QuickBooks has ${money(diff)} more`;
}

/** One account's gap in words, for debit and credit accounts alike. */
export function accountGap(porCents: number, qboCents: number): string {
  if (porCents === qboCents) return 'Same';
  const kind = (porCents || qboCents) > 0 ? 'debit' : 'credit';
  if (porCents !== 0 && qboCents !== 0 && Math.sign(porCents) !== Math.sign(qboCents)) return `POR has a ${side(porCents)}, QuickBooks a ${side(qboCents)}`;
  const gap = Math.abs(Math.abs(qboCents) - Math.abs(porCents));
  return Math.abs(qboCents) < Math.abs(porCents) ? `QuickBooks is missing ${money(gap)} ${kind}` : `QuickBooks has ${money(gap)} more ${kind}`;
}

/** A net amount as accountants write it and clerks read it: $12.00 debit / $12.00 credit. */
function side(cents: number): string {
  if (cents === 0) return '—';
  return `${money(Math.abs(cents))} ${cents > 0 ? 'debit' : 'credit'}`;
}

/** POR's totals against what QuickBooks holds, per store and day, to the cent. */
export function ReconcileScreen() {
  const stores = useRequest('stores:get', {});
  const [from, setFrom] = useState(() => addDaysIso(todayIso(), -13));
  const [to, setTo] = useState(() => todayIso());
  const [store, setStore] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [sending, setSending] = useState<DayRange | null>(null);
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
          <p className={`sentence ${d.match ? 'ok-text' : 'error-text'}`} data-testid="recon-sentence" role="status">
            {reconcileSentence(d)}
          </p>
          <dl className="stat-grid three">
            <div>
              <dt>POR debits</dt>
              <dd>{money(d.totals.porCents)}</dd>
            </div>
            <div>
              <dt>QuickBooks debits</dt>
              <dd>{money(d.totals.qboCents)}</dd>
            </div>
            <div className={d.totals.differenceCents ? 'stat-err' : undefined}>
              <dt>Difference</dt>
              <dd data-testid="recon-difference">{gapWords(d.totals.porCents, d.totals.qboCents)}</dd>
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
                    POR debits
                  </th>
                  <th scope="col" className="num">
                    QuickBooks debits
                  </th>
                  <th scope="col">Difference</th>
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
                        <td className={r.differenceCents ? 'error-text strong' : undefined}>{gapWords(r.porCents, r.qboCents)}</td>
                        <td>
                          <StatusPill status={r.status} />
                          {r.accountsWithDifference ? (
                            <span className="small muted">
                              {' '}
                              {r.accountsWithDifference} of {r.accounts} accounts
                            </span>
                          ) : null}
                          {r.refused.map((n) => (
                            <p key={n} className="small error-text">
                              {n}
                            </p>
                          ))}
                        </td>
                        <td>
                          {r.status === 'not-exported' || r.differenceCents < 0 ? (
                            <button type="button" className="link-button" onClick={() => setSending({ from: r.date, to: r.date, store: r.store })}>
                              Send again…
                              <span className="visually-hidden">
                                {' '}
                                store {r.store} on {day(r.date)}
                              </span>
                            </button>
                          ) : null}
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
      {sending ? (
        <SendDaysDialog
          range={sending}
          onClose={(sent) => {
            setSending(null);
            if (sent) void view.reload();
          }}
        />
      ) : null}
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
            In POR
          </th>
          <th scope="col" className="num">
            In QuickBooks
          </th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {detail.data.accounts.map((a) => (
          <tr key={`${a.porAccount}|${a.qboAccount ?? ''}`} className={a.differenceCents || a.notes.length ? 'row-err' : undefined}>
            <td className="mono">{a.porAccount}</td>
            <td>{a.qboAccount ?? <span className="muted">not mapped</span>}</td>
            <td className="num">{side(a.porCents)}</td>
            <td className="num">{side(a.qboCents)}</td>
            <td className={a.differenceCents ? 'error-text strong' : undefined}>
              {accountGap(a.porCents, a.qboCents)}
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
