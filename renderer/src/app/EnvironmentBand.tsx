import type { SyncStatus } from '../../../preload/contract';
import { useRequest } from '../bridge/hooks';

const NAMES = { practice: 'Practice', sandbox: 'Sandbox', production: 'Production' } as const;
const NOTES = {
  practice: 'Simulated company — nothing here reaches QuickBooks',
  sandbox: 'QuickBooks sandbox company — rehearsal data',
  production: 'Live QuickBooks company — real books',
} as const;

/** Which company you are touching and whether sync runs, unmistakable and fixed at the top of every screen. */
export function EnvironmentBand({
  status,
  onSwitch,
  menuOpen,
  onToggleMenu,
}: {
  status: SyncStatus;
  onSwitch: () => void;
  menuOpen: boolean;
  onToggleMenu: () => void;
}) {
  const env = status.environment;
  const settings = useRequest('settings:get', {}, ['settings']);
  const on = settings.data ? settings.data.syncServicesOn && !settings.data.paused : null;
  return (
    <header className={`env-band env-${env}`} aria-label="Current environment">
      <button type="button" className="env-menu" aria-expanded={menuOpen} aria-controls="main-nav" onClick={onToggleMenu}>
        {menuOpen ? 'Hide menu' : 'Menu'}
      </button>
      <span className="env-badge">{NAMES[env].toUpperCase()}</span>
      <span className="env-company">
        {status.companyName ?? 'No company connected'}
        {status.realmId ? <span className="env-realm"> · Company ID {status.realmId}</span> : null}
      </span>
      <span className="env-note">{NOTES[env]}</span>
      {on !== null ? (
        <a className={`env-sync ${on ? 'on' : 'off'}`} href="#/settings" data-testid="band-sync">
          {on ? 'Automatic sync on' : settings.data?.paused ? 'Sync paused' : 'Automatic sync off'}
        </a>
      ) : null}
      <button type="button" className="env-switch" onClick={onSwitch}>
        Switch environment…
      </button>
    </header>
  );
}
