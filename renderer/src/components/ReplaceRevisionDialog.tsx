import { useEffect, useRef, useState } from 'react';
import type { RevisionReplaced } from '../../../preload/contract';
import { invoke, useAction, useRequest } from '../bridge/hooks';
import { day, money } from '../lib/format';
import { ActionError, Notice } from './Notice';
import { EntryTable } from './PreviewView';

/**
 * "Replace in QuickBooks" for one regenerated or revised POR document: what QuickBooks holds now (undone)
 * and exactly what is posted instead, side by side; one confirmation does both, each exactly once.
 */
export function ReplaceRevisionDialog({ documentKey, onClose, onDone }: { documentKey: string; onClose: () => void; onDone: (r: RevisionReplaced) => void }) {
  const preview = useRequest('revision:preview', { key: documentKey });
  const action = useAction();
  const [done, setDone] = useState<RevisionReplaced | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  const p = preview.data;
  const total = (entries: { debitCents: number }[]) => entries.reduce((n, e) => n + e.debitCents, 0);
  return (
    <dialog
      ref={ref}
      className="dialog wide wider"
      aria-labelledby="replace-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="replace-title">Replace in QuickBooks</h2>
      <div className="dialog-body">
        {preview.error ? <Notice kind="error">{preview.error}</Notice> : null}
        {p ? (
          <>
            <p>
              {p.revision.store != null ? `Store ${p.revision.store}` : 'POR'} · {day(p.revision.businessDate)}: {p.revision.summary}
            </p>
            <div className="compare">
              <section aria-labelledby="old-title">
                <h3 id="old-title">In QuickBooks now, undone ({money(total(p.old))})</h3>
                {p.old.length === 0 ? (
                  <p className="muted">Nothing of it is in QuickBooks yet.</p>
                ) : (
                  p.old.map((e) => <EntryTable key={`old-${e.key}`} entry={e} />)
                )}
              </section>
              <section aria-labelledby="new-title">
                <h3 id="new-title">
                  Posted instead, revision {p.revision.revision} ({money(total(p.new))})
                </h3>
                {p.new.length === 0 ? (
                  <p className="muted">Nothing: the new content nets to zero.</p>
                ) : (
                  p.new.map((e) => <EntryTable key={`new-${e.key}`} entry={e} />)
                )}
              </section>
            </div>
            {p.problems.length ? (
              <Notice kind="error">
                <p>This cannot be replaced yet:</p>
                <ul className="plain-list">
                  {p.problems.map((x) => (
                    <li key={x.message}>{x.message}</li>
                  ))}
                </ul>
              </Notice>
            ) : null}
          </>
        ) : preview.error ? null : (
          <p className="muted">Loading…</p>
        )}
        {done ? <Notice kind={done.failed ? 'error' : 'success'}>{done.message}</Notice> : null}
        <ActionError error={action.error} />
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {done ? 'Close' : 'Cancel'}
        </button>
        {!done ? (
          <button
            type="button"
            className="primary"
            disabled={!p?.canReplace || !!action.busy}
            onClick={() =>
              void action
                .run('replace', () => invoke('revision:replace', { key: documentKey, confirmed: true }))
                .then((r) => {
                  if (r) {
                    setDone(r);
                    onDone(r);
                  }
                })
            }
          >
            {action.busy === 'replace' ? 'Replacing…' : 'Undo the old entry and post the new one'}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
