import { useState } from 'react';
import type { CutoverView } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError, Notice } from '../../components/Notice';
import { Progress } from '../../components/Progress';
import { StatusPill } from '../../components/StatusPill';
import { day, money, when } from '../../lib/format';
import type { RouteId } from '../../app/router';

/** Go-live: what the app checked itself, what only a person can confirm, and nothing lost in between. */
export function CutoverScreen({ go }: { go: (route: RouteId, param?: string) => void }) {
  const view = useRequest('cutover:get', {}, ['cutover', 'jobs', 'connection', 'setup', 'mapping', 'stores', 'mode', 'settings']);
  const env = useRequest('env:get', {});
  const action = useAction();
  const [replaying, setReplaying] = useState(false);
  // The box follows the click at once; the core's answer then confirms it (or puts it back).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const confirm = async (id: string, confirmed: boolean) => {
    setPending((p) => ({ ...p, [id]: confirmed }));
    await apply(`confirm-${id}`, () => invoke('cutover:confirm', { id, confirmed }));
    setPending((p) => {
      const { [id]: _done, ...rest } = p;
      return rest;
    });
  };
  const apply = async (name: string, fn: () => Promise<CutoverView>) => {
    const next = await action.run(name, fn);
    if (next) view.setData(next);
  };
  const d = view.data;
  return (
    <section className="screen" aria-labelledby="cutover-title">
      <h1 id="cutover-title" tabIndex={-1}>
        Go-live checklist
      </h1>
      <p className="muted">
        Moving from the sandbox rehearsal to your real QuickBooks company. POR data that arrives after go-live but before production is ready
        is held, and sent exactly once when it is.
      </p>
      {env.data && env.data.environment !== 'production' ? (
        <Notice kind="info">
          You are working in {env.data.practice ? 'Practice' : 'Sandbox'}. These checks are about the production company; switching to
          Production is done from the band at the top.
        </Notice>
      ) : null}
      {view.error ? <Notice kind="error">{view.error}</Notice> : null}
      <ActionError error={action.error} />
      {d ? (
        <>
          <div className={`status-card ${d.ready ? 'state-idle' : 'state-attention'}`} role="status">
            <div className="status-headline">
              <span className="status-dot" aria-hidden="true" />
              <span data-testid="cutover-ready">{d.ready ? 'Production is ready' : 'Production is not ready yet'}</span>
            </div>
            <p className="status-message">
              {d.checks.filter((c) => c.state === 'pass').length} of {d.checks.length} checks pass ·{' '}
              {d.confirmations.filter((c) => c.confirmedAt).length} of {d.confirmations.length} confirmed
            </p>
          </div>

          <section className="panel" aria-labelledby="checks-title">
            <h2 id="checks-title">Checked by the app</h2>
            <ul className="checklist">
              {d.checks.map((c) => (
                <li key={c.id} className={c.state === 'pass' ? 'ok' : c.state === 'fail' ? 'bad' : 'todo'}>
                  <StatusPill status={c.state} />
                  <div>
                    <strong>{c.label}</strong>
                    <div className="muted small">{c.detail}</div>
                    {c.fix && c.state !== 'pass' ? <div className="small warn-text">{c.fix}</div> : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>

          <section className="panel" aria-labelledby="confirm-title-h">
            <h2 id="confirm-title-h">Confirmed by a person</h2>
            <ul className="checklist">
              {d.confirmations.map((c) => (
                <li key={c.id} className={c.confirmedAt ? 'ok' : 'todo'}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={pending[c.id] ?? !!c.confirmedAt}
                      disabled={c.id in pending}
                      onChange={(e) => void confirm(c.id, e.target.checked)}
                    />
                    <span>
                      <strong>{c.label}</strong>
                      <span className="muted small block">
                        {c.detail}
                        {c.confirmedAt ? ` · confirmed${Number.isNaN(Date.parse(c.confirmedAt)) ? '' : ` ${when(c.confirmedAt)}`}` : ''}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </section>

          <section className="panel" aria-labelledby="held-title">
            <h2 id="held-title">Held until production is ready</h2>
            {d.replay.state !== 'idle' ? (
              <Progress label="Replaying held documents" done={d.replay.done} total={d.replay.total} detail={d.replay.message} />
            ) : null}
            {d.held.count === 0 ? (
              <p className="muted">Nothing is held.</p>
            ) : (
              <>
                <p>
                  <strong>{d.held.count.toLocaleString('en-US')}</strong> {d.held.count === 1 ? 'export is' : 'exports are'} held, totalling{' '}
                  {money(d.held.amountCents)}.
                </p>
                <table className="data-table">
                  <caption className="visually-hidden">Held exports</caption>
                  <thead>
                    <tr>
                      <th scope="col">Export</th>
                      <th scope="col">Store</th>
                      <th scope="col">Day</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col">Why held</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.held.rows.map((h) => (
                      <tr key={h.jobId}>
                        <td>
                          <a href={`#/history/${h.jobId}`}>{h.title}</a>
                        </td>
                        <td>{h.store ?? '—'}</td>
                        <td>{day(h.businessDate)}</td>
                        <td className="num">{money(h.amountCents)}</td>
                        <td className="small muted">{h.reason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <div className="row-actions">
              <button type="button" className="primary" disabled={!d.ready || d.held.count === 0 || d.replay.state === 'running' || !!action.busy} onClick={() => setReplaying(true)}>
                Replay held exports to production
              </button>
              {!d.ready && d.held.count > 0 ? <span className="muted small">Replay opens when every check passes and every confirmation is given.</span> : null}
              <button type="button" onClick={() => go('setup')}>
                Open setup
              </button>
            </div>
          </section>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {replaying && d ? (
        <ConfirmDialog
          title="Send held exports to production?"
          confirmLabel="Replay now"
          busy={action.busy === 'replay'}
          onCancel={() => setReplaying(false)}
          onConfirm={() =>
            void apply('replay', () => invoke('cutover:replay', { confirmed: true })).then(() => setReplaying(false))
          }
        >
          <p>
            {d.held.count} held {d.held.count === 1 ? 'export goes' : 'exports go'} to the production company, each exactly once, in the order they
            were held.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
