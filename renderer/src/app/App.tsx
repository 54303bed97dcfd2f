import { useEffect, useRef, useState } from 'react';
import { useRequest } from '../bridge/hooks';
import { Dashboard } from '../screens/Dashboard';
import { SetupWizard } from '../screens/setup/SetupWizard';
import { ExportsScreen } from '../screens/exports/ExportsScreen';
import { HistoryScreen } from '../screens/history/HistoryScreen';
import { ReconcileScreen } from '../screens/reconcile/ReconcileScreen';
import { CutoverScreen } from '../screens/cutover/CutoverScreen';
import { InboxScreen } from '../screens/inbox/InboxScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { EnvironmentBand } from './EnvironmentBand';
import { SwitchEnvironmentDialog } from './SwitchEnvironmentDialog';
import { hrefFor, ROUTES, useRoute, type RouteId } from './router';
import { useStatus } from './use-status';
import { StatusContext } from './target-context';

/** The menu starts collapsed where it would squeeze the screen (a 1024-px window at 200 % is 512 CSS px). */
const NARROW = '(max-width: 900px)';

export function App() {
  const status = useStatus();
  const [switching, setSwitching] = useState(false);
  const [menuOpen, setMenuOpen] = useState(() => !window.matchMedia(NARROW).matches);
  if (!status) {
    return <p className="loading">Loading…</p>;
  }
  const env = status.environment;
  return (
    <StatusContext.Provider value={status}>
      <div className={`app env-${env}${menuOpen ? '' : ' menu-collapsed'}`}>
        <a className="skip-link" href="#main-content">
          Skip to content
        </a>
        <EnvironmentBand status={status} onSwitch={() => setSwitching(true)} menuOpen={menuOpen} onToggleMenu={() => setMenuOpen((o) => !o)} />
        {/* Another environment is another world: every screen loads again from scratch. */}
        <Shell key={env} failed={status.failed} onNavigate={() => window.matchMedia(NARROW).matches && setMenuOpen(false)} />
        {switching ? <SwitchEnvironmentDialog current={env} onClose={() => setSwitching(false)} /> : null}
      </div>
    </StatusContext.Provider>
  );
}

function Shell({ failed, onNavigate }: { failed: number; onNavigate: () => void }) {
  const info = useRequest('app:info', {});
  const setup = useRequest('setup:get', {}, ['setup', 'connection', 'stores', 'mapping', 'mode', 'jobs']);
  const { route, param, go } = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A new user starts in the setup wizard; afterwards the dashboard is home.
  useEffect(() => {
    if (setup.data && !setup.data.complete && !window.location.hash) go('setup');
  }, [setup.data, go]);

  // Moving to another screen moves focus to its heading, so keyboard and screen reader users land there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.focus();
  }, [route]);

  return (
    <>
      <div className="frame">
        <nav className="sidebar" id="main-nav" aria-label="Main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.id}>
                <a
                  href={hrefFor(r.id)}
                  onClick={onNavigate}
                  aria-current={route === r.id ? 'page' : undefined}
                  className={route === r.id ? 'active' : undefined}
                >
                  {r.label}
                  {r.id === 'setup' && setup.data && !setup.data.complete ? <span className="nav-badge">to do</span> : null}
                  {r.id === 'dashboard' && failed > 0 ? <span className="nav-badge err">{failed}</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content" id="main-content" ref={main} tabIndex={-1}>
          <Screen route={route} param={param} go={go} />
        </main>
      </div>
      <footer className="app-footer">{info.data ? `${info.data.name} ${info.data.version} · data in ${info.data.dataDir}` : null}</footer>
    </>
  );
}

function Screen({ route, param, go }: { route: RouteId; param: string | null; go: (route: RouteId, param?: string) => void }) {
  switch (route) {
    case 'dashboard':
      return <Dashboard go={go} />;
    case 'setup':
      return <SetupWizard step={param} go={go} />;
    case 'exports':
      return <ExportsScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'reconcile':
      return <ReconcileScreen />;
    case 'cutover':
      return <CutoverScreen go={go} />;
    case 'inbox':
      return <InboxScreen />;
    case 'settings':
      return <SettingsScreen go={go} />;
  }
}
