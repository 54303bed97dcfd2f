import type { SyncStatus } from '../../../preload/contract';

const STATE_TEXT: Record<SyncStatus['state'], string> = {
  idle: 'Up to date',
  syncing: 'Syncing',
  attention: 'Needs attention',
  error: 'Error',
  paused: 'Paused',
  disconnected: 'Not connected',
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function Dashboard({ status }: { status: SyncStatus }) {
  return (
    <section aria-labelledby="dashboard-title" className="screen">
      <h1 id="dashboard-title">Dashboard</h1>
      <div className={`status-card state-${status.state}`} role="status" aria-live="polite">
        <div className="status-headline">
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="sync-state">{STATE_TEXT[status.state]}</span>
        </div>
        <p className="status-message">{status.message}</p>
        {status.progress ? (
          <progress max={status.progress.total} value={status.progress.done} aria-label="Export progress" />
        ) : null}
      </div>
      <dl className="stat-grid">
        <div>
          <dt>Waiting to send</dt>
          <dd data-testid="queued">{status.queued}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{status.failed}</dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>{when(status.lastRunAt)}</dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>{when(status.nextRunAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
