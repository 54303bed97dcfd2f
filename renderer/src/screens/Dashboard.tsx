import { useCallback, useState } from 'react';
import type { Health, Problem, SyncRunResult, SyncStatus } from '../../../preload/contract';
import { invoke, useAction, useEvent, useRequest } from '../bridge/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorInfoView } from '../components/ErrorInfoView';
import { ActionError, Notice } from '../components/Notice';
import { Progress } from '../components/Progress';
import { SyncSwitch } from '../components/SyncSwitch';
import { day, ENV_NAMES, plural, when } from '../lib/format';
import type { RouteId } from '../app/router';

const STATE_TEXT: Record<Health['state'], string> = {
  'up-to-date': 'Up to date',
  syncing: 'Syncing',
  attention: 'Needs attention',
  'not-connected': 'Not connected',
};
const CARD_STATE: Record<Health['state'], string> = { 'up-to-date': 'idle', syncing: 'syncing', attention: 'attention', 'not-connected': 'disconnected' };

/** Failures with the same cause, so one press retries them all once the cause is fixed. */
export function groupByCause(problems: readonly Problem[]): { cause: string; jobIds: number[] }[] {
  // The same QuickBooks code is the same cause, whatever entry number each message names.
  const groups = new Map<string, { cause: string; jobIds: number[] }>();
  for (const p of problems) {
    if (p.jobId == null || p.action === 'reconnect') continue;
    const key = p.error.code ? `code:${p.error.code}` : p.error.message;
    const g = groups.get(key) ?? { cause: p.error.code ? (p.error.fix ?? p.error.message) : p.error.message, jobIds: [] };
    g.jobIds.push(p.jobId);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.jobIds.length > 1);
}

/** The sentence under the state word, without saying the state twice. */
function headlineBeside(h: Health, stateWord: string): string {
  if (h.state === 'up-to-date')
    return h.syncOn ? 'QuickBooks holds what POR produced; nothing waits or failed' : 'QuickBooks holds what POR produced; automatic sync is off';
  return h.headline.startsWith(`${stateWord}: `) ? h.headline.slice(stateWord.length + 2).replace(/^./, (c) => c.toUpperCase()) : h.headline;
}

export function Dashboard({ go }: { go: (route: RouteId, param?: string) => void }) {
  const dash = useRequest('dashboard:get', {}, ['jobs', 'connection', 'setup', 'settings', 'cutover']);
  const health = useRequest('dashboard:health', {}, ['jobs', 'connection', 'setup', 'settings', 'cutover', 'mapping', 'documents']);
  const action = useAction();
  const [ran, setRan] = useState<SyncRunResult | null>(null);
  const [retrying, setRetrying] = useState<{ cause: string; jobIds: number[] } | null>(null);
  const [retried, setRetried] = useState<string | null>(null);
  const { setData, data } = dash;
  // The status card follows status:changed live; counts and problems reload with data:changed.
  const onStatus = useCallback((s: SyncStatus) => data && setData({ ...data, status: s }), [data, setData]);
  useEvent('status:changed', onStatus);

  if (!dash.data) {
    return (
      <section className="screen" aria-labelledby="dashboard-title">
        <h1 id="dashboard-title" tabIndex={-1}>
          Dashboard
        </h1>
        {dash.error ? <Notice kind="error">{dash.error}</Notice> : <p className="muted">Loading…</p>}
      </section>
    );
  }
  const d = dash.data;
  const status = d.status;
  const h = health.data;
  const reload = async () => {
    await Promise.all([dash.reload(), health.reload()]);
  };
  const act = async (name: string, fn: () => Promise<unknown>) => {
    await action.run(name, fn);
    await reload();
  };
  const syncOn = d.syncServicesOn && !d.paused;
  const groups = groupByCause(d.problems);
  const follow = (route: string, param: string | null) => {
    if (route === 'dashboard') document.getElementById('problems-title')?.scrollIntoView();
    else go(route as RouteId, param ?? undefined);
  };
  // Live status beats the last health read while a run is going.
  const state: Health['state'] = status.state === 'syncing' ? 'syncing' : (h?.state ?? (status.state === 'disconnected' ? 'not-connected' : 'attention'));

  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <div className="screen-head">
        <h1 id="dashboard-title" tabIndex={-1}>
          Dashboard
        </h1>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            disabled={!!action.busy || status.state === 'syncing' || status.state === 'disconnected' || !syncOn}
            title={syncOn ? undefined : 'Turn on automatic sync first'}
            onClick={() => {
              setRan(null);
              void act('sync', async () => setRan(await invoke('sync:run', {})));
            }}
          >
            {action.busy === 'sync' ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </div>
      <ActionError error={action.error} />
      {ran ? <Notice kind={ran.ok ? 'success' : 'warning'}>{ran.message}</Notice> : null}

      <div className={`status-card state-${CARD_STATE[state]}`} role="status" aria-live="polite">
        <div className="status-headline">
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="sync-state">{STATE_TEXT[state]}</span>
        </div>
        {h ? (
          <p className="status-message" data-testid="health-headline">
            {state === 'syncing' ? status.message : headlineBeside(h, STATE_TEXT[state])}
            <span className="small">
              {' '}
              · last {plural(Math.round((Date.parse(h.period.to) - Date.parse(h.period.from)) / 86_400_000) + 1, 'day')} ({day(h.period.from)} –{' '}
              {day(h.period.to)})
            </span>
          </p>
        ) : (
          <p className="status-message">{health.error ?? 'Checking QuickBooks against POR…'}</p>
        )}
        {h && h.items.length ? (
          <ul className="health-list" aria-label="What needs a look">
            {h.items.map((i) => (
              <li key={i.id} className={`tone-${i.tone}`} data-testid={`health-${i.id}`}>
                <span>{i.text}</span>
                {i.action ? (
                  <button type="button" onClick={() => follow(i.action!.route, i.action!.param)}>
                    {i.action.label}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {status.progress ? <Progress label="Sending to QuickBooks" done={status.progress.done} total={status.progress.total} /> : null}
      </div>

      <section className="panel" aria-label="Automatic sync">
        <SyncSwitch onChanged={() => void reload()} />
      </section>

      <dl className="stat-grid">
        <Stat label="Waiting to send" value={d.counts.queued + d.counts.inFlight} testId="queued" />
        <Stat label="Failed" value={d.counts.failed} tone={d.counts.failed ? 'err' : undefined} />
        <Stat label="Held for go-live" value={d.counts.held} tone={d.counts.held ? 'warn' : undefined} />
        <div>
          <dt>Entries posted</dt>
          <dd data-testid="posted-entries">{(h?.postedEntries ?? 0).toLocaleString('en-US')}</dd>
          {h && h.postedListRecords ? <dd className="small-value muted">+ {plural(h.postedListRecords, 'list record')} (classes, customers)</dd> : null}
        </div>
        <div>
          <dt>Last run</dt>
          <dd className="small-value">{when(status.lastRunAt)}</dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd className="small-value">{!syncOn ? 'Sync is off' : when(status.nextRunAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="problems-title" className="panel">
        <h2 id="problems-title">Recent problems</h2>
        {retried ? <Notice kind="info">{retried}</Notice> : null}
        {groups.map((g) => (
          <div key={g.cause} className="problem-group">
            <span>
              <strong>{plural(g.jobIds.length, 'entry', 'entries')}</strong> failed for the same reason: {g.cause}
            </span>
            <button type="button" disabled={!!action.busy} onClick={() => setRetrying(g)}>
              Retry all {g.jobIds.length}
            </button>
          </div>
        ))}
        {d.problems.length === 0 ? (
          <p className="muted">No problems. Everything sent was accepted by QuickBooks.</p>
        ) : (
          <ul className="problem-list">
            {d.problems.map((p) => (
              <ProblemItem
                key={p.id}
                problem={p}
                busy={!!action.busy}
                go={go}
                onRetry={(jobId) => void act(`retry-${jobId}`, () => invoke('exports:retry', { jobId }))}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="envs-title" className="panel">
        <h2 id="envs-title">Environments</h2>
        <div className="env-cards">
          {d.environments.map((e) => (
            <article
              key={e.environment}
              className={`env-card env-card-${e.environment}${e.current ? ' current' : ''}`}
              aria-label={`${ENV_NAMES[e.environment]} environment`}
            >
              <header>
                <span className={`env-tag env-tag-${e.environment}`}>{ENV_NAMES[e.environment]}</span>
                {e.current ? <span className="muted small">current</span> : null}
              </header>
              <p className="env-card-company">{e.connected ? (e.companyName ?? 'Connected') : 'Not connected'}</p>
              {e.reconnectNeeded ? <p className="error-text small">Reconnect needed</p> : null}
              <p className="small muted">
                {e.setupComplete ? 'Setup complete' : 'Setup not finished'} · {e.queued} waiting · {e.failed} failed
                {e.held ? ` · ${e.held} held` : ''}
              </p>
              <p className="small muted">Last run {when(e.lastRunAt)}</p>
            </article>
          ))}
        </div>
      </section>
      {retrying ? (
        <ConfirmDialog
          title={`Retry ${plural(retrying.jobIds.length, 'entry', 'entries')}?`}
          confirmLabel={`Retry all ${retrying.jobIds.length}`}
          busy={action.busy === 'retry-all'}
          onCancel={() => setRetrying(null)}
          onConfirm={() => {
            const g = retrying;
            setRetrying(null);
            void act('retry-all', async () => setRetried((await invoke('exports:retry-many', { jobIds: g.jobIds, confirmed: true })).message));
          }}
        >
          <p>They failed because: {retrying.cause} Each is sent once more; one already in QuickBooks is not sent twice.</p>
        </ConfirmDialog>
      ) : null}
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

function ProblemItem({
  problem: p,
  busy,
  onRetry,
  go,
}: {
  problem: Problem;
  busy: boolean;
  onRetry: (jobId: number) => void;
  go: (route: RouteId, param?: string) => void;
}) {
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
            Open the entry
          </a>
        ) : null}
      </div>
    </li>
  );
}
