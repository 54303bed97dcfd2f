import { useState } from 'react';
import { useRequest } from '../bridge/hooks';
import { Dashboard } from '../screens/Dashboard';
import { EnvironmentBand } from './EnvironmentBand';
import { SwitchEnvironmentDialog } from './SwitchEnvironmentDialog';
import { useStatus } from './use-status';

export function App() {
  const status = useStatus();
  const info = useRequest('app:info', {});
  const [switching, setSwitching] = useState(false);

  if (!status) {
    return <p className="loading">Loading…</p>;
  }
  return (
    <div className={`app env-${status.environment}`}>
      <EnvironmentBand status={status} onSwitch={() => setSwitching(true)} />
      <main className="content">
        <Dashboard status={status} />
      </main>
      <footer className="app-footer">
        {info.data ? `${info.data.name} ${info.data.version} · data in ${info.data.dataDir}` : null}
      </footer>
      {switching ? <SwitchEnvironmentDialog current={status.environment} onClose={() => setSwitching(false)} /> : null}
    </div>
  );
}
