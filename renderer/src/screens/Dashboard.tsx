import { useCallback } from 'react';
import type { Problem, SyncStatus } from '../../../preload/contract';
import { invoke, useAction, useEvent, useRequest } from '../bridge/hooks';
import { ErrorInfoView } from '../components/ErrorInfoView';
import { ActionError, Notice } from '../components/Notice';
import { Progress } from '../components/Progress';
import { day, ENV_NAMES, when } from '../lib/format';
import type { RouteId } from '../app/router';

const STATE_TEXT: Record<SyncStatus['state'], string> = {
  idle: 'Up to date',
  syncing: 'Syncing',
  attention: 'Needs attention',
  error: 'Error',
  paused: 'Paused',
  disconnected: 'Not connected',
};

export function Dashboard({ go }: { go: (route: RouteId, param?: string) => void }) {
  const dash = useRequest('dashboard:get', {}, ['jobs', 'connection', 'setup', 'settings', 'cutover']);
  const action = useAction();
  const { setData, data } = dash;
  // The status card follows status:changed live; counts and problems reload with data:changed.
  const onStatus = useCallback((s: SyncStatus) => data && setData({ ...data, status: s }), [data, setData]);
  useEvent('status:changed', onStatus);

  if (!dash.data) {
    return (
      <section className="screen" aria-labelledby="dashboard-title">
        <h1 id="dashboard-title" tabIndex={-1}>Dashboard</h1>
        {dash.error ? <Notice kind="error">{dash.error}</Notice> : <p className="muted">Loading…</p>}
      </section>
    );
  }
  const d = dash.data;
  const status = d.status;
  const act = async (name: string, fn: () => Promise<unknown>) => {
    await action.run(name, fn);
    await dash.reload();
  };

  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <div className="screen-head">
        <h1 id="dashboard-title" tabIndex={-1}>Dashboard</h1>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            disabled={!!action.busy || status.state === 'syncing' || status.state === 'disconnected' || d.paused}
            onClick={() => void act('sync', () => invoke('sync:now', {}))}
          >
            {action.busy === 'sync' ? 'Starting…' : 'Sync now'}
          </button>
          {d.paused ? (
            <button type="button" disabled={!!action.busy} onClick={() => void act('resume', () => invoke('sync:resume', {}))}>
              Resume syncing
            </button>
          ) : (
            <button type="button" disabled={!!action.busy} onClick={() => void act('pause', () => invoke('sync:pause', {}))}>
              Pause syncing
            </button>
          )}
        </div>
      </div>
      <ActionError error={action.error} />
      {!d.setupComplete ? (
        <Notice kind="info">
          Setup of this environment is not finished. <a href="#/setup">Continue setup</a>
        </Notice>
      ) : null}
      {!d.syncServicesOn ? (
        <Notice kind="warning">
          Accounting Sync Services are off: nothing is sent on a schedule. Turn them on in <a href="#/settings">Settings</a>.
        </Notice>
      ) : null}

      <div className={`status-card state-${status.state}`} role="status" aria-live="polite">
        <div className="status-headline">
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="sync-state">{STATE_TEXT[status.state]}</span>
        </div>
        {status.message.replace(/\.$/, '') !== STATE_TEXT[status.state] ? <p className="status-message">{status.message}</p> : null}
        {status.progress ? <Progress label="Sending to QuickBooks" done={status.progress.done} total={status.progress.total} /> : null}
      </div>

      <dl className="stat-grid">
        <Stat label="Waiting to send" value={d.counts.queued + d.counts.inFlight} testId="queued" />
        <Stat label="Failed" value={d.counts.failed} tone={d.counts.failed ? 'err' : undefined} />
        <Stat label="Held for go-live" value={d.counts.held} tone={d.counts.held ? 'warn' : undefined} />
        <Stat label="Posted" value={d.counts.posted} />
        <div>
          <dt>Last run</dt>
          <dd className="small-value">{when(status.lastRunAt)}</dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd className="small-value">{d.paused ? 'Paused' : when(status.nextRunAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="problems-title" className="panel">
        <h2 id="problems-title">Recent problems</h2>
        {d.problems.length === 0 ? (
          <p className="muted">No problems. Everything sent was accepted by QuickBooks.</p>
        ) : (
          <ul className="problem-list">
            {d.problems.map((p) => (
              <ProblemItem key={p.id} problem={p} busy={!!action.busy} go={go} onRetry={(jobId) => void act(`retry-${jobId}`, () => invoke('exports:retry', { jobId }))} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="envs-title" className="panel">
        <h2 id="envs-title">Environments</h2>
        <div className="env-cards">
          {d.environments.map((e) => (
            <article key={e.environment} className={`env-card env-card-${e.environment}${e.current ? ' current' : ''}`} aria-label={`${ENV_NAMES[e.environment]} environment`}>
              <header>
                <span className={`env-tag env-tag-${e.environment}`}>{ENV_NAMES[e.environment]}</span>
                {e.current ? <span className="muted small">current</span> : null}
              </header>
              <p className="env-card-company">
                {e.connected ? e.companyName ?? 'Connected' : 'Not connected'}
                {e.realmId ? <span className="muted small"> · Realm {e.realmId}</span> : null}
              </p>
              {e.reconnectNeeded ? <p className="error-text small">Reconnect needed</p> : null}
              <p className="small muted">
                {e.setupComplete ? 'Setup complete' : 'Setup not finished'} · {e.posted} posted · {e.queued} waiting · {e.failed} failed
                {e.held ? ` · ${e.held} held` : ''}
              </p>
              <p className="small muted">Last run {when(e.lastRunAt)}</p>
            </article>
          ))}
        </div>
      </section>
    </section>
  );
}

function Stat({ label, value, tone, testId }: { label: string; value: number; tone?: 'err' | 'warn'; testId?: string }) {
  return (
    <div className={tone ? `stat-${tone}` : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value.toLocaleString('en-US')}</dd>
    </div>
  );
}

function ProblemItem({ problem: p, busy, onRetry, go }: { problem: Problem; busy: boolean; onRetry: (jobId: number) => void; go: (route: RouteId, param?: string) => void }) {
  const where = [p.store != null ? `Store ${p.store}` : null, p.businessDate ? day(p.businessDate) : null].filter(Boolean).join(' · ');
  return (
    <li className="problem">
      <div className="problem-head">
        <strong>{p.title}</strong>
        <span className="muted small">
          {where ? `${where} · ` : ''}
          {when(p.at)}
        </span>
      </div>
      <ErrorInfoView error={p.error} compact />
      <div className="problem-actions">
        {p.jobId != null && p.action !== 'reconnect' ? (
          <button type="button" disabled={busy} onClick={() => onRetry(p.jobId!)} aria-label={`Retry: ${p.title}`}>
            Retry
          </button>
        ) : null}
        {p.action === 'reconnect' ? (
          <button type="button" onClick={() => go('setup', 'connect')}>
            Reconnect
          </button>
        ) : null}
        {p.action === 'mapping' ? (
          <button type="button" onClick={() => go('setup', 'mapping')}>
            Fix account mapping
          </button>
        ) : null}
        {p.action === 'classes' ? (
          <button type="button" onClick={() => go('setup', 'classes')}>
            Fix store classes
          </button>
        ) : null}
        {p.action === 'inbox' ? (
          <button type="button" onClick={() => go('inbox')}>
            Open POR data
          </button>
        ) : null}
        {p.jobId != null ? (
          <a href={`#/history/${p.jobId}`} className="small">
            Details
          </a>
        ) : null}
      </div>
    </li>
  );
}
