import { useState, type FormEvent } from 'react';
import type { ConnectionInfo } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError, Notice } from '../../components/Notice';
import { ENV_NAMES, when } from '../../lib/format';
import { StepFooter, type StepNav } from './SetupWizard';
import { CompanySettingsPanel } from './CompanySettingsPanel';
import { SandboxGuide } from './SandboxGuide';

type PasteField = 'clientId' | 'clientSecret' | 'realmId' | 'refreshToken';

/** Each value checked beside its own field, in words, before anything goes to QuickBooks. */
export function pasteFieldErrors(v: Record<PasteField, string>): Partial<Record<PasteField, string>> {
  const e: Partial<Record<PasteField, string>> = {};
  const id = v.clientId.trim();
  if (!id) e.clientId = "Paste the Client ID from your app's Keys and credentials page.";
  else if (id.length < 20 || /\s/.test(id)) e.clientId = 'This does not look like a whole Client ID (it is a long code without spaces): copy it again.';
  const secret = v.clientSecret.trim();
  if (!secret) e.clientSecret = 'Paste the Client Secret from the same page.';
  else if (secret.length < 20 || /\s/.test(secret)) e.clientSecret = 'This does not look like a whole Client Secret: copy it again with the copy button.';
  const realm = v.realmId.trim();
  if (!realm) e.realmId = 'Paste the Company ID (Realm ID) shown in the Playground or on Sandbox companies.';
  else if (!/^\d{6,20}$/.test(realm)) e.realmId = 'The Company ID is a number only, for example 9341453245361849.';
  const token = v.refreshToken.trim();
  if (!token) e.refreshToken = 'Paste the Refresh Token from the Playground\'s "Get tokens" step.';
  else if (token.length < 20 || /\s/.test(token)) e.refreshToken = 'This does not look like a whole Refresh Token: copy it again.';
  return e;
}

/** A message from QuickBooks about one value goes beside that field. */
export function fieldOf(message: string): PasteField | null {
  const m = message.toLowerCase();
  if (m.includes('realm') || m.includes('company id')) return 'realmId';
  if (m.includes('refresh token') || m.includes('refresh_token')) return 'refreshToken';
  if (m.includes('secret')) return 'clientSecret';
  if (m.includes('client id') || m.includes('client_id') || m.includes('invalid_client')) return 'clientId';
  return null;
}

export function StepConnect({ nav }: { nav: StepNav }) {
  const view = useRequest('connection:get', {}, ['connection']);
  const action = useAction();
  const [disconnecting, setDisconnecting] = useState(false);
  if (!view.data) return view.error ? <Notice kind="error">{view.error}</Notice> : <p className="muted">Loading…</p>;
  const { info, options } = view.data;
  const after = async () => {
    await view.reload();
    await nav.reload();
  };

  return (
    <div className="step">
      <h2>Connect to QuickBooks Online</h2>
      {info.connected ? (
        <>
          <ConnectedCard info={info} onDisconnect={() => setDisconnecting(true)} />
          <CompanySettingsPanel />
        </>
      ) : options.practice ? (
        <div className="panel">
          <p>
            Practice mode connects to a simulated QuickBooks company and a simulated POR store with a week of business, both inside this app. No Intuit account
            is needed and nothing leaves this computer.
          </p>
          <button
            type="button"
            className="primary"
            disabled={!!action.busy}
            onClick={() => void action.run('practice', () => invoke('connection:practice', {})).then(after)}
          >
            {action.busy === 'practice' ? 'Connecting…' : 'Connect to the practice company'}
          </button>
        </div>
      ) : (
        <div className="connect-ways">
          <SandboxGuide production={info.environment === 'production'} />
          <PasteForm note={options.paste.note} allowed={options.paste.allowed} onConnected={after} />
          <SignInForm allowed={options.signIn.allowed} note={options.signIn.note} redirectUri={options.signIn.redirectUri} onConnected={after} />
        </div>
      )}
      {info.warning ? <Notice kind="warning">{info.warning}</Notice> : null}
      <ActionError error={action.error} />
      {disconnecting ? (
        <ConfirmDialog
          title={`Disconnect ${ENV_NAMES[info.environment]}?`}
          confirmLabel="Disconnect"
          danger
          busy={action.busy === 'disconnect'}
          onCancel={() => setDisconnecting(false)}
          onConfirm={() =>
            void action
              .run('disconnect', () => invoke('connection:disconnect', { confirmed: true }))
              .then(async () => {
                setDisconnecting(false);
                await after();
              })
          }
        >
          <p>The app revokes its access at Intuit and removes the credentials from this computer's keychain. Exports waiting to be sent stay queued.</p>
        </ConfirmDialog>
      ) : null}
      <StepFooter nav={nav} hint="Connect first." />
    </div>
  );
}

function ConnectedCard({ info, onDisconnect }: { info: ConnectionInfo; onDisconnect: () => void }) {
  return (
    <div className={`panel connected-card${info.reconnectNeeded ? ' needs-reconnect' : ''}`}>
      <dl className="kv">
        <dt>Company</dt>
        <dd data-testid="connected-company">{info.companyName ?? '—'}</dd>
        <dt>Company ID</dt>
        <dd>{info.realmId ?? '—'}</dd>
        <dt>Connected</dt>
        <dd>
          {when(info.connectedAt)}
          {info.method ? ` · ${info.method === 'paste' ? 'pasted credentials' : info.method === 'sign-in' ? 'signed in with Intuit' : 'practice company'}` : ''}
        </dd>
        {info.refreshTokenExpiresAt ? (
          <>
            <dt>Access renews until</dt>
            <dd>{when(info.refreshTokenExpiresAt)}</dd>
          </>
        ) : null}
      </dl>
      {info.reconnectNeeded ? <Notice kind="error">QuickBooks no longer accepts this connection. Connect again below; queued exports are kept.</Notice> : null}
      <button type="button" onClick={onDisconnect}>
        Disconnect…
      </button>
    </div>
  );
}

/** The four values from Intuit's OAuth Playground. They go to main once and are then forgotten here. */
function PasteForm({ allowed, note, onConnected }: { allowed: boolean; note: string; onConnected: () => Promise<void> }) {
  const [values, setValues] = useState<Record<PasteField, string>>({ clientId: '', clientSecret: '', realmId: '', refreshToken: '' });
  const [errors, setErrors] = useState<Partial<Record<PasteField, string>>>({});
  const action = useAction();
  const set = (k: PasteField) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = pasteFieldErrors(values);
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`paste-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const info = await action.run('paste', () => invoke('connection:paste', values));
    if (info) {
      setValues({ clientId: '', clientSecret: '', realmId: '', refreshToken: '' });
      await onConnected();
    }
  };
  const serverField = action.error ? fieldOf(action.error) : null;
  const errorOf = (k: PasteField) => errors[k] ?? (serverField === k ? action.error : null);
  const field = (k: PasteField, label: string, extra: Record<string, unknown>) => (
    <label>
      {label}
      <input
        id={`paste-${k}`}
        name={k}
        autoComplete="off"
        spellCheck={false}
        value={values[k]}
        onChange={set(k)}
        disabled={!allowed}
        aria-invalid={errorOf(k) ? true : undefined}
        aria-describedby={errorOf(k) ? `paste-${k}-error` : undefined}
        {...extra}
      />
      {errorOf(k) ? (
        <span className="field-error" id={`paste-${k}-error`}>
          {errorOf(k)}
        </span>
      ) : null}
    </label>
  );
  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} aria-labelledby="paste-title" noValidate>
      <h3 id="paste-title">Paste your four values</h3>
      <p className="muted small">{note}</p>
      {field('clientId', 'Client ID', {})}
      {field('clientSecret', 'Client Secret', { type: 'password' })}
      {field('realmId', 'Company ID (Realm ID)', { inputMode: 'numeric' })}
      {field('refreshToken', 'Refresh Token', { type: 'password' })}
      {action.error && !serverField ? <ActionError error={action.error} /> : null}
      <button type="submit" className="primary" disabled={!allowed || !!action.busy}>
        {action.busy ? 'Checking with QuickBooks…' : 'Connect'}
      </button>
    </form>
  );
}

function SignInForm(props: { allowed: boolean; note: string; redirectUri: string | null; onConnected: () => Promise<void> }) {
  const [values, setValues] = useState({ clientId: '', clientSecret: '' });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const info = await action.run('sign-in', () => invoke('connection:sign-in', values));
    if (info) {
      setValues({ clientId: '', clientSecret: '' });
      await props.onConnected();
    }
  };
  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
      <h3 id="signin-title">Sign in with Intuit</h3>
      <p className="muted small">{props.note}</p>
      {props.redirectUri ? (
        <p className="small">
          Redirect URI to register in your Intuit app: <code>{props.redirectUri}</code>
        </p>
      ) : null}
      {props.allowed ? (
        <>
          <label>
            Client ID
            <input
              name="signInClientId"
              autoComplete="off"
              spellCheck={false}
              value={values.clientId}
              onChange={(e) => setValues((v) => ({ ...v, clientId: e.target.value }))}
              required
            />
          </label>
          <label>
            Client Secret
            <input
              name="signInClientSecret"
              type="password"
              autoComplete="off"
              value={values.clientSecret}
              onChange={(e) => setValues((v) => ({ ...v, clientSecret: e.target.value }))}
              required
            />
          </label>
          <ActionError error={action.error} />
          {action.busy ? (
            <div className="row-actions">
              <span role="status">Waiting for you to finish signing in in your browser…</span>
              <button type="button" onClick={() => void invoke('connection:sign-in-cancel', {})}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="submit" className="primary">
              Sign in with Intuit
            </button>
          )}
        </>
      ) : null}
    </form>
  );
}
