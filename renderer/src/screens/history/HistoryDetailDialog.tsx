import { useEffect, useRef, useState } from 'react';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorInfoView } from '../../components/ErrorInfoView';
import { ReplaceRevisionDialog } from '../../components/ReplaceRevisionDialog';
import { ActionError, Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { day, money, when } from '../../lib/format';

/** One export: what it is, where it is in QuickBooks, what went wrong and what to do, and its whole trail. */
export function HistoryDetailDialog({ jobId, onClose, onChanged }: { jobId: number; onClose: () => void; onChanged: () => void }) {
  const detail = useRequest('history:detail', { jobId }, ['jobs']);
  const action = useAction();
  const [undoing, setUndoing] = useState(false);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [technical, setTechnical] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  const after = async () => {
    await detail.reload();
    onChanged();
  };
  const d = detail.data;
  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="detail-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="screen-head">
        <h2 id="detail-title">
          {d ? `${d.row.title}${d.row.docNumber && !d.row.title.includes(d.row.docNumber) ? ` · No. ${d.row.docNumber}` : ''}` : `Export #${jobId}`}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </div>
      {detail.error ? <Notice kind="error">{detail.error}</Notice> : null}
      {d ? (
        <>
          <dl className="kv">
            <dt>Status</dt>
            <dd>
              <StatusPill status={d.row.status} />
              {d.row.holdReason ? <span className="muted small"> {d.row.holdReason}</span> : null}
            </dd>
            <dt>Export number</dt>
            <dd className="mono">{d.row.jobId}</dd>
            <dt>QuickBooks</dt>
            <dd>
              {d.row.entity}
              {d.row.qboId ? ` · Id ${d.row.qboId}` : ' · not in QuickBooks'}
            </dd>
            <dt>Store and day</dt>
            <dd>
              {d.row.store != null ? `Store ${d.row.store}` : '—'} · {day(d.row.businessDate)}
            </dd>
            <dt>Amount</dt>
            <dd>{money(d.row.amountCents)}</dd>
            <dt>Attempts</dt>
            <dd>{d.row.attempts}</dd>
          </dl>
          {d.row.error ? (
            <div className="notice notice-error">
              <ErrorInfoView error={d.row.error} />
            </div>
          ) : null}
          <div className="row-actions">
            {d.row.canOpen ? (
              <button
                type="button"
                className="primary"
                onClick={() => void action.run('open', () => invoke('history:open-in-qbo', { jobId })).then((r) => r && setOpened(r.message))}
              >
                Open in QuickBooks
              </button>
            ) : null}
            {d.revisions.map((key) => (
              <button key={key} type="button" className="primary" disabled={!!action.busy} onClick={() => setReplacing(key)}>
                Replace in QuickBooks…<span className="visually-hidden"> with the new revision of {key}</span>
              </button>
            ))}
            {d.row.canRetry ? (
              <button type="button" disabled={!!action.busy} onClick={() => void action.run('retry', () => invoke('exports:retry', { jobId })).then(after)}>
                {/* Says what is sent: a failed export as it was; an undone one from POR's current data. */}
                {d.row.status === 'failed' ? 'Retry' : 'Post again from current POR data'}
              </button>
            ) : null}
            {d.row.canUndo ? (
              <button type="button" className="danger-outline" disabled={!!action.busy} onClick={() => setUndoing(true)}>
                Undo in QuickBooks…
              </button>
            ) : null}
          </div>
          {d.qboUrl ? (
            <p className="small muted">
              QuickBooks address: <span className="mono">{d.qboUrl}</span>
            </p>
          ) : null}
          {opened ? <Notice kind="info">{opened}</Notice> : null}
          <ActionError error={action.error} />
          {d.documents.length ? (
            <details>
              <summary>Technical details: POR document keys ({d.documents.length})</summary>
              <ul className="mono small plain-list">
                {d.documents.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="screen-head">
            <h3 id="trail-title">Trail</h3>
            <button type="button" className="link-button" aria-pressed={technical} onClick={() => setTechnical((t) => !t)}>
              {technical ? 'Hide technical details' : 'Show technical details'}
            </button>
          </div>
          {d.audit.length === 0 ? <p className="muted">No changes recorded for this export.</p> : null}
          <ol className="audit" tabIndex={0} aria-labelledby="trail-title" hidden={d.audit.length === 0}>
            {d.audit.map((a, i) => (
              <li key={i}>
                <span className="muted small">{when(a.at)}</span> <strong>{a.action.replace(/([A-Z])/g, ' $1').toLowerCase()}</strong>
                {a.from || a.to ? (
                  <span className="muted">
                    {' '}
                    {a.from ?? '—'} → {a.to ?? '—'}
                  </span>
                ) : null}
                <span className="muted small"> by {a.actor}</span>
                {a.detail && technical ? <div className="small mono audit-detail">{a.detail}</div> : null}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {replacing ? <ReplaceRevisionDialog documentKey={replacing} onClose={() => setReplacing(null)} onDone={() => void after()} /> : null}
      {undoing && d ? (
        <ConfirmDialog
          title="Undo this export in QuickBooks?"
          confirmLabel="Undo export"
          danger
          busy={action.busy === 'undo'}
          onCancel={() => setUndoing(false)}
          onConfirm={() =>
            void action
              .run('undo', () => invoke('exports:undo', { jobId, confirmed: true }))
              .then(async () => {
                setUndoing(false);
                await after();
              })
          }
        >
          <p>
            {d.row.entity} {d.row.docNumber ? `No. ${d.row.docNumber} ` : ''}for {money(d.row.amountCents)} will be voided or deleted in QuickBooks. The app
            remembers it, and you can post it again later.
          </p>
        </ConfirmDialog>
      ) : null}
    </dialog>
  );
}
