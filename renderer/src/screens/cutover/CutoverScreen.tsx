import { useState } from 'react';
import type { CutoverView } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError, Notice } from '../../components/Notice';
import { Progress } from '../../components/Progress';
import { StatusPill } from '../../components/StatusPill';
import { day, money, when } from '../../lib/format';
import type { RouteId } from '../../app/router';
import { SwitchEnvironmentDialog } from '../../app/SwitchEnvironmentDialog';
import type { EnvironmentName } from '../../../../preload/contract';

/** Where each go-live row is fixed: which environment, which screen and step. */
const FIX: Record<string, { env: EnvironmentName; route: RouteId; param?: string; label: string }> = {
  credentials: { env: 'production', route: 'setup', param: 'connect', label: 'Connect production' },
  realm: { env: 'production', route: 'setup', param: 'connect', label: 'Check the production connection' },
  exportFormat: { env: 'production', route: 'setup', param: 'formats', label: 'Set export formats' },
  mode: { env: 'production', route: 'setup', param: 'mode', label: 'Choose the export mode' },
  classes: { env: 'production', route: 'setup', param: 'classes', label: 'Set store classes' },
  mapping: { env: 'production', route: 'setup', param: 'mapping', label: 'Map accounts' },
  sandboxExport: { env: 'sandbox', route: 'setup', param: 'test-export', label: 'Run a sandbox test export' },
  syncServices: { env: 'production', route: 'settings', label: 'Turn on automatic sync' },
};
const COMPANY_FIX = { env: 'production' as const, route: 'setup' as const, param: 'connect', label: 'Check company settings' };
/** Rows that mean nothing until production is connected. */
const NEEDS_CONNECTION = new Set([
  'realm',
  'classes',
  'mapping',
  'syncServices',
  'classTracking',
  'customNumbers',
  'duplicateJournal',
  'multiCurrency',
  'salesTax',
]);
/** The app's own words for a row (the one sync switch is called automatic sync everywhere). */
const PLAIN_LABEL: Record<string, string> = { syncServices: 'Automatic sync is on' };
const LABEL = { pass: 'Done', fail: 'Must fix', pending: 'Recommended', na: 'Not applicable yet' } as const;
const TONE = { pass: 'pass', fail: 'fail', pending: 'inactive', na: 'unset' } as const;

/** Go-live: what the app checked itself, what only a person can confirm, and nothing lost in between. */
export function CutoverScreen({ go }: { go: (route: RouteId, param?: string) => void }) {
  const view = useRequest('cutover:get', {}, ['cutover', 'jobs', 'connection', 'setup', 'mapping', 'stores', 'mode', 'settings']);
  const env = useRequest('env:get', {});
  const action = useAction();
  const [replaying, setReplaying] = useState(false);
  const [fixing, setFixing] = useState<{ env: EnvironmentName; hash: string } | null>(null);
  const fix = (f: { env: EnvironmentName; route: RouteId; param?: string }) => {
    if (env.data?.environment === f.env) go(f.route, f.param);
    else setFixing({ env: f.env, hash: `#/${f.route}${f.param ? `/${f.param}` : ''}` });
  };
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
        Moving from the sandbox rehearsal to your real QuickBooks company. POR data that arrives after go-live but before production is ready is held, and sent
        exactly once when it is.
      </p>
      {env.data && env.data.environment !== 'production' ? (
        <Notice kind="info">
          You are working in {env.data.practice ? 'Practice' : 'Sandbox'}. These checks are about the production company; switching to Production is done from
          the band at the top.
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
              {d.checks.filter((c) => c.state === 'pass').length} of {d.checks.length} checks pass · {d.confirmations.filter((c) => c.confirmedAt).length} of{' '}
              {d.confirmations.length} confirmed
            </p>
          </div>

          <section className="panel" aria-labelledby="checks-title">
            <h2 id="checks-title">Checked by the app</h2>
            <p className="muted small">
              <strong>Must fix</strong>: production exports are held until it is done. <strong>Recommended</strong>: not required to go live.{' '}
              <strong>Not applicable yet</strong>: depends on an earlier row (connect production first).
            </p>
            <ul className="checklist">
              {d.checks.map((c) => {
                const connected = d.checks.find((x) => x.id === 'credentials')?.state === 'pass';
                const state = !connected && NEEDS_CONNECTION.has(c.id) ? 'na' : c.state;
                const f = FIX[c.id] ?? COMPANY_FIX;
                return (
                  <li key={c.id} className={state === 'pass' ? 'ok' : state === 'fail' ? 'bad' : 'todo'} data-testid={`check-${c.id}`}>
                    <StatusPill status={TONE[state]} label={LABEL[state]} />
                    <div className="grow">
                      <strong>{PLAIN_LABEL[c.id] ?? c.label}</strong>
                      <div className="muted small">
                        {state === 'na'
                          ? 'Connect production first.'
                          : c.detail.replace(/\bRealm\b/g, 'Company ID').replace(/Accounting Sync Services/g, 'automatic sync')}
                      </div>
                      {c.fix && state === 'fail' ? <div className="small warn-text">{c.fix}</div> : null}
                    </div>
                    {state !== 'pass' && !(state === 'na' && c.id !== 'credentials') ? (
                      <button type="button" onClick={() => fix(f)}>
                        {f.label}
                        {env.data && env.data.environment !== f.env ? ` (in ${f.env === 'production' ? 'Production' : 'Sandbox'})` : ''}
                        <span className="visually-hidden">: {PLAIN_LABEL[c.id] ?? c.label}</span>
                      </button>
                    ) : null}
                  </li>
                );
              })}
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
              <button
                type="button"
                className="primary"
                disabled={!d.ready || d.held.count === 0 || d.replay.state === 'running' || !!action.busy}
                onClick={() => setReplaying(true)}
              >
                Replay held exports to production
              </button>
              {!d.ready && d.held.count > 0 ? <span className="muted small">Replay opens when every check passes and every confirmation is given.</span> : null}
            </div>
          </section>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {fixing && env.data ? (
        <SwitchEnvironmentDialog
          current={env.data.environment}
          initial={fixing.env}
          onClose={(changed) => {
            if (changed) window.location.hash = fixing.hash;
            setFixing(null);
          }}
        />
      ) : null}
      {replaying && d ? (
        <ConfirmDialog
          title="Send held exports to production?"
          confirmLabel="Replay now"
          busy={action.busy === 'replay'}
          onCancel={() => setReplaying(false)}
          onConfirm={() => void apply('replay', () => invoke('cutover:replay', { confirmed: true })).then(() => setReplaying(false))}
        >
          <p>
            {d.held.count} held {d.held.count === 1 ? 'export goes' : 'exports go'} ({money(d.held.amountCents)}) to the production company, each exactly once,
            in the order they were held.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
