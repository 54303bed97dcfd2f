import { useState } from 'react';
import type { InboxView } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ActionError, Notice } from '../../components/Notice';
import { ReplaceRevisionDialog } from '../../components/ReplaceRevisionDialog';
import { StatusPill } from '../../components/StatusPill';
import { day, when } from '../../lib/format';

const ARRIVAL_LABEL: Record<InboxView['files'][number]['status'], string> = {
  imported: 'Imported',
  duplicate: 'Duplicate',
  revisionPending: 'Revision pending',
  partlyRecorded: 'Partly recorded',
  refused: 'Refused',
};
/** StatusPill tones by the job status they look like. */
const ARRIVAL_TONE: Record<InboxView['files'][number]['status'], string> = {
  imported: 'posted',
  duplicate: 'cancelled',
  revisionPending: 'held',
  partlyRecorded: 'held',
  refused: 'failed',
};

/** Where POR's data comes from, what was accepted, and what was refused with its reason. */
export function InboxScreen() {
  const view = useRequest('inbox:get', {}, ['documents']);
  const action = useAction();
  const [days, setDays] = useState('3');
  const [replacing, setReplacing] = useState<string | null>(null);
  const apply = async (name: string, fn: () => Promise<InboxView>) => {
    const next = await action.run(name, fn);
    if (next) view.setData(next);
  };
  const d = view.data;
  return (
    <section className="screen" aria-labelledby="inbox-title">
      <h1 id="inbox-title" tabIndex={-1}>
        POR data
      </h1>
      {view.error ? <Notice kind="error">{view.error}</Notice> : null}
      <ActionError error={action.error} />
      {d ? (
        <>
          <div className="panel">
            <dl className="kv">
              <dt>Inbox folder</dt>
              <dd className="mono">{d.dir ?? 'Not set'}</dd>
              <dt>Watching</dt>
              <dd>{d.watching ? 'Yes: new files are imported as they arrive' : 'No'}</dd>
              <dt>POR documents received</dt>
              <dd>{d.documents.toLocaleString('en-US')}</dd>
            </dl>
            <div className="row-actions">
              <button type="button" disabled={!!action.busy} onClick={() => void apply('scan', () => invoke('inbox:scan', {}))}>
                {action.busy === 'scan' ? 'Importing…' : 'Import new files now'}
              </button>
            </div>
          </div>
          {d.approval.available ? (
            <section className="panel" aria-labelledby="approval-title">
              <h2 id="approval-title">Approve files before they post</h2>
              <p className="muted small">
                Anyone who can write to the inbox folder can put entries into your books. With this on, each new POR file waits here until someone approves it;
                nothing from it reaches QuickBooks before that.
              </p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={d.approval.on}
                  disabled={!!action.busy}
                  onChange={(e) => void apply('approval', () => invoke('inbox:approval-set', { on: e.target.checked }))}
                />
                <span>Ask me to approve every imported file</span>
              </label>
              {d.approval.waiting.length ? (
                <ul className="problem-list">
                  {d.approval.waiting.map((f) => (
                    <li key={f.fileName} className="problem">
                      <div className="problem-head">
                        <strong className="mono">{f.fileName}</strong>
                        <span className="muted small">
                          {f.documents.toLocaleString('en-US')} {f.documents === 1 ? 'document' : 'documents'} · received {when(f.recordedAt)}
                        </span>
                      </div>
                      <div className="row-actions">
                        <button
                          type="button"
                          disabled={!!action.busy}
                          onClick={() => void apply(`approve:${f.fileName}`, () => invoke('inbox:approve', { fileName: f.fileName }))}
                        >
                          {action.busy === `approve:${f.fileName}` ? 'Approving…' : 'Approve and send'}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              ) : d.approval.on ? (
                <p className="muted small">No file waits for approval.</p>
              ) : null}
            </section>
          ) : null}
          {d.practiceStore ? (
            <form
              className="panel inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void apply('generate', () => invoke('practice:generate', { days: Number(days) }));
              }}
            >
              <p className="grow">The practice store is a simulated POR system: it can run business days on request.</p>
              <label>
                Days
                <input type="number" min={1} max={31} value={days} onChange={(e) => setDays(e.target.value)} className="narrow" />
              </label>
              <button type="submit" disabled={!!action.busy}>
                {action.busy === 'generate' ? 'Running…' : 'Run practice business days'}
              </button>
            </form>
          ) : null}
          {d.pendingRevisions.length ? (
            <section className="panel" aria-labelledby="revisions-title">
              <h2 id="revisions-title">Regenerated or revised POR data</h2>
              <p className="muted small">
                POR wrote these again with different content. Replace in QuickBooks undoes what QuickBooks has and posts the new content, in one step; Keep
                leaves QuickBooks as it is and sends nothing.
              </p>
              <ul className="problem-list">
                {d.pendingRevisions.map((r) => (
                  <li key={r.key} className="problem">
                    <div className="problem-head">
                      <strong>
                        {r.store != null ? `Store ${r.store}` : ''} · {day(r.businessDate)} · revision {r.revision}
                      </strong>
                    </div>
                    <p className="small">{r.summary}</p>
                    <div className="problem-actions">
                      <button type="button" className="primary" onClick={() => setReplacing(r.key)}>
                        Replace in QuickBooks…
                      </button>
                      {r.kind === 'regenerated' ? (
                        <button type="button" onClick={() => void apply(`keep-${r.key}`, () => invoke('inbox:decide', { key: r.key, decision: 'keep' }))}>
                          Keep what QuickBooks has
                        </button>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {replacing ? <ReplaceRevisionDialog documentKey={replacing} onClose={() => setReplacing(null)} onDone={() => void view.reload()} /> : null}
          <section className="panel" aria-labelledby="problems-in-title">
            <h2 id="problems-in-title">Refused input</h2>
            {d.problems.length === 0 ? (
              <p className="muted">Nothing refused.</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Refused input with file, line and field</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Line</th>
                    <th scope="col">Field</th>
                    <th scope="col">Reason</th>
                    <th scope="col">What to do</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {d.problems.map((p, i) => (
                    <tr key={i}>
                      <td className="mono">{p.file}</td>
                      <td>{p.line ?? ''}</td>
                      <td className="mono">{p.field ?? ''}</td>
                      <td>{p.reason}</td>
                      <td className="small">{p.fix ?? ''}</td>
                      <td className="small muted">{when(p.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="files-title">
            <h2 id="files-title">Recent files</h2>
            {d.files.length === 0 ? (
              <p className="muted">No files yet.</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Recently imported files</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Arrived</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">What happened</th>
                  </tr>
                </thead>
                <tbody>
                  {d.files.map((f, i) => (
                    <tr key={i}>
                      <td className="mono">{f.name}</td>
                      <td className="small">{when(f.importedAt)}</td>
                      <td>
                        <StatusPill status={ARRIVAL_TONE[f.status]} label={ARRIVAL_LABEL[f.status]} />
                      </td>
                      <td className="small">
                        {f.summary ?? f.reason ?? ''}
                        {f.fix ? <span className="muted"> — {f.fix}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
