import { useState, type FormEvent } from 'react';
import type { ExportPreview, ExportScope } from '../../../../preload/contract';
import { invoke, useAction, useRequest } from '../../bridge/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionError, Notice } from '../../components/Notice';
import { PreviewView } from '../../components/PreviewView';
import { ReplaceRevisionDialog } from '../../components/ReplaceRevisionDialog';
import { Progress } from '../../components/Progress';
import { StatusPill } from '../../components/StatusPill';
import { useExportRun } from '../../components/use-export-run';
import { SendDaysDialog, sendable, type DayRange } from '../../components/SendDaysDialog';
import { addDaysIso, day, money, storeLabel, todayIso } from '../../lib/format';

type Kind = ExportScope['kind'];

function dateSpan(p: ExportPreview): string {
  const dates = p.entries
    .filter((e) => e.existing === 'new' && e.txnDate)
    .map((e) => e.txnDate!)
    .sort();
  if (!dates.length) return '';
  return dates[0] === dates[dates.length - 1] ? ` (dated ${day(dates[0])})` : ` (dated ${day(dates[0])} – ${day(dates[dates.length - 1])})`;
}

function describe(scope: ExportScope): string {
  if (scope.kind === 'storeDay') return `${storeLabel(scope.store)} on ${day(scope.date)}`;
  if (scope.kind === 'range') return `${storeLabel(scope.store)} from ${day(scope.from)} to ${day(scope.to)}`;
  return `export #${scope.jobId}`;
}

function rangeOf(scope: ExportScope): DayRange {
  if (scope.kind === 'storeDay') return { from: scope.date, to: scope.date, store: scope.store };
  if (scope.kind === 'range') return { from: scope.from, to: scope.to, store: scope.store };
  throw new Error('a single export has no range');
}

/** Manual triggers: a store's day, a date range, or one earlier export; always previewed first. */
export function ExportsScreen() {
  const stores = useRequest('stores:get', {}, ['stores']);
  const [kind, setKind] = useState<Kind>('storeDay');
  const [store, setStore] = useState<string>('');
  const [date, setDate] = useState<string>(() => addDaysIso(todayIso(), -1));
  const [from, setFrom] = useState<string>(() => addDaysIso(todayIso(), -7));
  const [to, setTo] = useState<string>(() => addDaysIso(todayIso(), -1));
  const [jobId, setJobId] = useState<string>('');
  const [scope, setScope] = useState<ExportScope | null>(null);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState<DayRange | null>(null);
  const days = useRequest('exports:days', { from, to }, ['documents', 'jobs']);
  const action = useAction();
  const run = useExportRun();
  const storeRows = stores.data?.stores ?? [];
  const firstStore = storeRows[0]?.store;

  const buildScope = (): ExportScope | null => {
    const s = store ? Number(store) : null;
    if (kind === 'storeDay') {
      const st = s ?? firstStore;
      return st != null ? { kind: 'storeDay', store: st, date } : null;
    }
    if (kind === 'range') return { kind: 'range', from, to, store: s };
    const id = Number(jobId);
    return Number.isInteger(id) && id > 0 ? { kind: 'job', jobId: id } : null;
  };

  const doPreview = async (next: ExportScope | null) => {
    if (!next) return;
    setScope(next);
    setPreview(null);
    run.reset();
    const p = await action.run('preview', () => invoke('exports:preview', { scope: next }));
    if (p) setPreview(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void doPreview(buildScope());
  };

  return (
    <section className="screen" aria-labelledby="exports-title">
      <h1 id="exports-title" tabIndex={-1}>
        Exports
      </h1>
      <form className="panel form" onSubmit={submit} aria-labelledby="export-now-title">
        <h2 id="export-now-title">Export now</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">What to export</legend>
          {(
            [
              ['storeDay', 'One store, one day'],
              ['range', 'Date range'],
              ['job', 'Resend one export'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className={kind === k ? 'on' : undefined}>
              <input type="radio" name="export-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="inline-form">
          {kind !== 'job' ? (
            <label>
              Store
              <select value={store} onChange={(e) => setStore(e.target.value)}>
                {kind === 'range' ? <option value="">All stores</option> : null}
                {storeRows.map((s) => (
                  <option key={s.store} value={String(s.store)}>
                    {storeLabel(s.store, s.name)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {kind === 'storeDay' ? (
            <label>
              Business day
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </label>
          ) : null}
          {kind === 'range' ? (
            <>
              <label>
                From
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
              </label>
              <label>
                To
                <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
              </label>
            </>
          ) : null}
          {kind === 'job' ? (
            <label>
              Export number (from History)
              <input type="number" min={1} value={jobId} onChange={(e) => setJobId(e.target.value)} required className="narrow" />
            </label>
          ) : null}
          <button type="submit" className="primary" disabled={!!action.busy || run.running}>
            {action.busy === 'preview' ? 'Building preview…' : 'Preview (dry run)'}
          </button>
        </div>
      </form>
      <ActionError error={action.error ?? run.error} />

      {run.progress ? (
        <div className="panel">
          <Progress label={run.progress.label} done={run.progress.done} total={run.progress.total} detail={run.progress.message} />
          {run.progress.finished ? (
            <Notice kind={run.progress.failed ? 'error' : 'success'}>
              Finished: {run.progress.posted} posted{run.progress.failed ? `, ${run.progress.failed} failed (see History)` : ''}.
            </Notice>
          ) : null}
        </div>
      ) : null}

      {preview && scope ? (
        <section className="panel" aria-labelledby="preview-title">
          <div className="screen-head">
            <h2 id="preview-title">Preview: {describe(scope)}</h2>
            {!run.progress ? (
              <button type="button" className="primary" disabled={!preview.canPost || preview.totals.newEntries === 0} onClick={() => setConfirming(true)}>
                {preview.totals.newEntries === 0 ? 'Nothing new to post' : `Post ${preview.totals.newEntries} to QuickBooks`}
              </button>
            ) : null}
            {scope.kind !== 'job' && sendable(preview).undone > 0 ? (
              <button type="button" className="primary" onClick={() => setSending(rangeOf(scope))}>
                Send {sendable(preview).undone} undone again…
              </button>
            ) : null}
          </div>
          <PreviewView preview={preview} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="days-title">
        <h2 id="days-title">
          Business days {day(from)} – {day(to)}
        </h2>
        {days.data && days.data.days.length ? (
          <table className="data-table">
            <caption className="visually-hidden">Store days and their export state</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Store</th>
                <th scope="col" className="num">
                  Documents
                </th>
                <th scope="col" className="num">
                  Day total (debits)
                </th>
                <th scope="col">End of Day</th>
                <th scope="col">Export</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {days.data.days.map((d) => (
                <tr key={`${d.store}|${d.date}`}>
                  <td>{day(d.date)}</td>
                  <td>{storeLabel(d.store, d.storeName)}</td>
                  <td className="num">{d.documents}</td>
                  <td className="num">{money(d.amountCents)}</td>
                  <td>{d.closed ? 'Closed' : <span className="muted">Open</span>}</td>
                  <td>
                    <StatusPill status={d.state} />
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void doPreview({ kind: 'storeDay', store: d.store, date: d.date })}>
                      Preview
                      <span className="visually-hidden">
                        {' '}
                        store {d.store} on {day(d.date)}
                      </span>
                    </button>
                    {d.state === 'undone' || d.state === 'not-exported' || d.state === 'partial' ? (
                      <button type="button" className="link-button" onClick={() => setSending({ from: d.date, to: d.date, store: d.store })}>
                        {d.state === 'undone' ? 'Send again…' : 'Send…'}
                        <span className="visually-hidden">
                          {' '}
                          store {d.store} on {day(d.date)}
                        </span>
                      </button>
                    ) : null}
                    {d.revisions.map((key) => (
                      <button key={key} type="button" className="link-button" onClick={() => setReplacing(key)}>
                        Replace in QuickBooks…
                        <span className="visually-hidden">
                          {' '}
                          store {d.store} on {day(d.date)}
                        </span>
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{days.error ?? 'No POR business days in this range.'}</p>
        )}
      </section>

      {sending ? (
        <SendDaysDialog
          range={sending}
          onClose={(sent) => {
            setSending(null);
            if (sent) {
              void days.reload();
              if (scope) void doPreview(scope);
            }
          }}
        />
      ) : null}
      {replacing ? <ReplaceRevisionDialog documentKey={replacing} onClose={() => setReplacing(null)} onDone={() => void days.reload()} /> : null}
      {confirming && scope && preview ? (
        <ConfirmDialog
          title="Post to QuickBooks?"
          confirmLabel="Post now"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run.start(scope).then(() => days.reload());
          }}
        >
          <p>
            {preview.totals.newEntries} new {preview.totals.newEntries === 1 ? 'entry' : 'entries'} for {describe(scope)}
            {dateSpan(preview)}, debits {money(preview.totals.debitCents)}. Entries already posted are not sent again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
