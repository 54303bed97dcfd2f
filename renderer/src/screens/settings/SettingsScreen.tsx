import { useState, type FormEvent } from 'react';
import type { AppSettings, OpenLog } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { SyncSwitch } from '../../components/SyncSwitch';
import type { RouteId } from '../../app/router';

export function SettingsScreen({ go }: { go: (route: RouteId, param?: string) => void }) {
  const settings = useRequest('settings:get', {}, ['settings']);
  const info = useRequest('app:info', {});
  const action = useAction();
  const [dir, setDir] = useState<string | null>(null);
  const [logOpened, setLogOpened] = useState<OpenLog | null>(null);
  const openLog = async () => {
    setLogOpened(null);
    const result = await action.run('open-log', () => invoke('app:open-log', {}));
    if (result) setLogOpened(result);
  };
  const save = async (patch: Parameters<typeof invoke<'settings:set'>>[1]) => {
    const next: AppSettings | undefined = await action.run('save', () => invoke('settings:set', patch));
    if (next) settings.setData(next);
  };
  const s = settings.data;
  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        Settings
      </h1>
      {settings.error ? <Notice kind="error">{settings.error}</Notice> : null}
      <ActionError error={action.error} />
      {s ? (
        <>
          <section className="panel" aria-labelledby="sync-title" id="sync">
            <h2 id="sync-title">Automatic sync</h2>
            <p className="muted small">
              The one switch for sending POR's accounting to QuickBooks on its own: after each store's End of Day in Batch mode, every few minutes in Real-time
              and Transaction mode. The dashboard and the tray show the same switch.
            </p>
            <SyncSwitch onChanged={() => void settings.reload()} />
          </section>
          <section className="panel" aria-labelledby="login-title">
            <h2 id="login-title">Start at login</h2>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={s.startAtLogin}
                disabled={!!action.busy || !s.startAtLoginSupported}
                onChange={(e) => void save({ startAtLogin: e.target.checked })}
              />
              <span>
                Start POR QBO Companion in the tray when I sign in to this computer
                {!s.startAtLoginSupported ? (
                  <span className="muted small block">Not available on this system: add the app to your desktop's autostart instead.</span>
                ) : null}
              </span>
            </label>
          </section>
          <form
            className="panel form"
            aria-labelledby="inbox-dir-title"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void save({ inboxDir: (dir ?? s.inboxDir ?? '').trim() || null });
            }}
          >
            <h2 id="inbox-dir-title">POR inbox folder</h2>
            <label>
              Folder the app watches for POR's GL export and feed files
              <input
                className="mono"
                value={dir ?? s.inboxDir ?? ''}
                onChange={(e) => setDir(e.target.value)}
                placeholder="Default: a folder in your Documents"
              />
            </label>
            <div className="row-actions">
              <button type="submit" disabled={!!action.busy}>
                Save folder
              </button>
            </div>
          </form>
          <section className="panel" aria-labelledby="conn-title">
            <h2 id="conn-title">QuickBooks connection</h2>
            <p className="muted">Connect, reconnect or disconnect this environment in setup.</p>
            <button type="button" onClick={() => go('setup', 'connect')}>
              Open connection
            </button>
          </section>
          <section className="panel" aria-labelledby="log-title">
            <h2 id="log-title">Log</h2>
            <p className="muted">
              What the app did and every problem it met, with the details needed to find out why. Passwords, keys and tokens are kept out of it.
            </p>
            {info.data ? (
              <p>
                Log file:{' '}
                <code className="path" data-testid="log-file">
                  {info.data.logFile}
                </code>
                <span className="muted small block">Older entries move to numbered files in the same folder.</span>
              </p>
            ) : null}
            <div className="row-actions">
              <button type="button" disabled={!!action.busy} onClick={() => void openLog()}>
                Open log
              </button>
            </div>
            {logOpened ? <Notice kind={logOpened.ok ? 'success' : 'warning'}>{logOpened.message}</Notice> : null}
          </section>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
