import { Fragment, useState } from 'react';
import type { ExportPreview, PreviewEntry } from '../../../preload/contract';
import { day, money, moneyOrBlank } from '../lib/format';
import { StatusPill } from './StatusPill';

/** The exact entries an export would post: every line, its account and class, and the totals. */
export function PreviewView({ preview }: { preview: ExportPreview }) {
  const t = preview.totals;
  return (
    <div className="preview" aria-label="Dry-run preview">
      <div className="summary-bar" role="status">
        <span>
          <strong>{t.entries}</strong> {t.entries === 1 ? 'entry' : 'entries'} ({t.newEntries} new)
        </span>
        <span>Debits {money(t.debitCents)}</span>
        <span>Credits {money(t.creditCents)}</span>
        <span className={t.debitCents === t.creditCents ? 'ok-text' : 'error-text'}>{t.debitCents === t.creditCents ? 'Balanced' : 'Not balanced'}</span>
      </div>
      {preview.problems.length ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>This cannot be posted yet:</strong>
          </p>
          <MessageList items={preview.problems} />
        </div>
      ) : null}
      {preview.refusedInput.length ? (
        <div className="notice notice-warning" role="status" aria-label="Refused POR input">
          <p>
            <strong>POR produced more for these days than this posts:</strong>
          </p>
          <MessageList items={preview.refusedInput} />
        </div>
      ) : null}
      {preview.notes.length ? (
        <ul className="notes small muted">
          {preview.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {preview.entries.length === 0 ? <p className="muted">Nothing to export for this selection.</p> : null}
      {preview.entries.length <= 3 ? preview.entries.map((e) => <EntryTable key={e.key} entry={e} />) : <EntryList entries={preview.entries} />}
    </div>
  );
}

/** Many entries: one row each, the lines of any one opened on request. */
function EntryList({ entries }: { entries: PreviewEntry[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="data-table">
      <caption className="visually-hidden">Entries of this export</caption>
      <thead>
        <tr>
          <th scope="col">Entry</th>
          <th scope="col">Date</th>
          <th scope="col">Class</th>
          <th scope="col" className="num">
            Debits
          </th>
          <th scope="col" className="num">
            Credits
          </th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Lines</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <Fragment key={e.key}>
            <tr>
              <th scope="row">{e.title}</th>
              <td>{day(e.txnDate)}</td>
              <td className="small">{e.className ?? ''}</td>
              <td className="num">{money(e.debitCents)}</td>
              <td className="num">{money(e.creditCents)}</td>
              <td>
                <StatusPill status={e.existing} label={existingLabel(e.existing)} />
              </td>
              <td>
                <button type="button" className="link-button" aria-expanded={open === e.key} onClick={() => setOpen(open === e.key ? null : e.key)}>
                  {open === e.key ? 'Hide lines' : `${e.lines.length} lines`}
                  <span className="visually-hidden"> of {e.title}</span>
                </button>
              </td>
            </tr>
            {open === e.key ? (
              <tr className="detail-row">
                <td colSpan={7}>
                  <EntryTable entry={e} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

export function EntryTable({ entry: e }: { entry: PreviewEntry }) {
  const heading = `${e.title}${e.docNumber ? ` · No. ${e.docNumber}` : ''}`;
  return (
    <section className="entry" aria-label={heading}>
      <header className="entry-head">
        <h3>{heading}</h3>
        <span className="muted small">
          {e.entity} · {day(e.txnDate)}
          {e.className ? ` · Class ${e.className}` : ''}
          {e.customer ? ` · ${e.customer}` : ''}
        </span>
        <StatusPill status={e.existing} label={existingLabel(e.existing)} />
      </header>
      <table className="data-table entry-lines">
        <caption className="visually-hidden">Lines of {heading}</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Description</th>
            <th scope="col">Class</th>
            <th scope="col" className="num">
              Debit
            </th>
            <th scope="col" className="num">
              Credit
            </th>
          </tr>
        </thead>
        <tbody>
          {e.lines.map((l, i) => (
            <tr key={i} className={l.accountId ? undefined : 'row-err'}>
              <td>
                {l.account}
                {l.porAccount ? <span className="muted small mono"> ({l.porAccount})</span> : null}
              </td>
              <td>
                {l.description ?? ''}
                {l.customer ? <span className="muted small"> · {l.customer}</span> : null}
              </td>
              <td className="small">{l.className ?? ''}</td>
              <td className="num">{moneyOrBlank(l.debitCents)}</td>
              <td className="num">{moneyOrBlank(l.creditCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{money(e.debitCents)}</td>
            <td className="num">{money(e.creditCents)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** A list of messages, each with its fix when there is one. */
function MessageList({ items }: { items: readonly { message: string; fix?: string | null }[] }) {
  return (
    <ul className="plain-list">
      {items.map((p) => (
        <li key={p.message}>
          {p.message}
          {p.fix ? <span className="muted"> — {p.fix}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function existingLabel(existing: PreviewEntry['existing']): string {
  if (existing === 'new') return 'Will be posted';
  if (existing === 'undone') return 'Undone: can be sent again';
  if (existing === 'inFlight') return 'Being sent';
  if (existing === 'queued') return 'Waiting to be sent';
  return `Already ${existing}`;
}
