import { useEffect, useRef, type ReactNode } from 'react';
import { useTarget } from '../app/target-context';

/**
 * A modal yes/no with focus kept inside (native <dialog>); Escape cancels. Every such question names the
 * environment and company it acts on, in the environment's colour, so nobody posts to the wrong books.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Disables the confirm button (e.g. until a name is typed). */
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const target = useTarget();
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      {target ? (
        <p className={`dialog-target env-tag-${target.environment}`} data-testid="dialog-target">
          {target.envName.toUpperCase()} · {target.company}
        </p>
      ) : null}
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} disabled={props.busy || props.disabled} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
