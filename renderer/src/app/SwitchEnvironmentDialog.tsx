import { useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../preload/contract';
import { bridge } from '../bridge/client';
import { typedNameMatches, useProductionName } from './production-name';

type Env = SyncStatus['environment'];
const OPTIONS: { value: Env; title: string; detail: string }[] = [
  { value: 'practice', title: 'Practice', detail: 'A simulated company and store. Safe to try anything.' },
  { value: 'sandbox', title: 'Sandbox', detail: "Your Intuit sandbox company, paired with POR's sandbox." },
  { value: 'production', title: 'Production', detail: 'Your real QuickBooks company. Exports post to your books.' },
];

/** Switching the company you touch is deliberate: pick, then confirm. */
export function SwitchEnvironmentDialog({ current, initial, onClose }: { current: Env; initial?: Env; onClose: (changed: boolean) => void }) {
  const [choice, setChoice] = useState<Env>(initial ?? current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState('');
  // Production writes the real books: the person types its company's name (or "Production" before it is connected).
  const expected = useProductionName();
  const typedOk = choice !== 'production' || typedNameMatches(typed, expected);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const confirm = async () => {
    setBusy(true);
    try {
      await bridge().invoke('env:set', { environment: choice, confirmed: true, ...(choice === 'production' ? { typedName: typed } : {}) });
      onClose(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="switch-env-title" onCancel={() => onClose(false)}>
      <h2 id="switch-env-title">Switch environment</h2>
      <p>
        Each environment has its own connection, settings and history. Nothing crosses between them: automatic sync stops when you switch, and you turn it on
        again in the other environment after its preview.
      </p>
      <fieldset className="choice-list">
        <legend className="visually-hidden">Environment</legend>
        {OPTIONS.map((o) => (
          <label key={o.value} className={`choice env-choice-${o.value}`}>
            <input type="radio" name="environment" value={o.value} checked={choice === o.value} onChange={() => setChoice(o.value)} />
            <span>
              <strong>{o.title}</strong>
              {o.value === current ? ' (current)' : ''}
              <br />
              <span className="muted">{o.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {choice === 'production' && choice !== current ? (
        <label className="confirm-type">
          <span>
            To switch to your real books, type {expected === 'Production' ? 'the word' : 'the production company’s name'} <strong>{expected}</strong>
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby="switch-env-title" />
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || choice === current || !typedOk} onClick={() => void confirm()}>
          {choice === 'production' ? 'Yes, switch to Production' : `Switch to ${OPTIONS.find((o) => o.value === choice)!.title}`}
        </button>
      </div>
    </dialog>
  );
}
