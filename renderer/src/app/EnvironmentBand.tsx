import type { SyncStatus } from '../../../preload/contract';

const NAMES = { practice: 'Practice', sandbox: 'Sandbox', production: 'Production' } as const;
const NOTES = {
  practice: 'Simulated company — nothing here reaches QuickBooks',
  sandbox: 'QuickBooks sandbox company — rehearsal data',
  production: 'Live QuickBooks company — real books',
} as const;

/** Which company you are touching, unmistakable on every screen. */
export function EnvironmentBand({ status, onSwitch }: { status: SyncStatus; onSwitch: () => void }) {
  const env = status.environment;
  return (
    <header className={`env-band env-${env}`} aria-label="Current environment">
      <span className="env-badge">{NAMES[env].toUpperCase()}</span>
      <span className="env-company">
        {status.companyName ?? 'No company connected'}
        {status.realmId ? <span className="env-realm"> · Realm {status.realmId}</span> : null}
      </span>
      <span className="env-note">{NOTES[env]}</span>
      <button type="button" className="env-switch" onClick={onSwitch}>
        Switch environment…
      </button>
    </header>
  );
}
