import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { JobStatus } from '../../../../preload/contract';
import { useRequest } from '../../bridge/hooks';
import { Notice } from '../../components/Notice';
import { StatusPill } from '../../components/StatusPill';
import { day, money, when } from '../../lib/format';
import { useRoute } from '../../app/router';
import { HistoryDetailDialog } from './HistoryDetailDialog';
import { PAGE_SIZE, usePagedHistory, type HistoryFilter } from './use-paged-history';

const ROW_HEIGHT = 44;
const HEAD_HEIGHT = 38;
const STATUSES: { value: JobStatus; label: string }[] = [
  { value: 'posted', label: 'Posted' },
  { value: 'failed', label: 'Failed' },
  { value: 'queued', label: 'Waiting' },
  { value: 'held', label: 'Held' },
  { value: 'undone', label: 'Undone' },
  { value: 'cancelled', label: 'Cancelled' },
];
const ENTITIES: { value: string; label: string }[] = [
  { value: 'JournalEntry', label: 'Journal entry' },
  { value: 'Invoice', label: 'Invoice' },
  { value: 'CreditMemo', label: 'Credit memo' },
  { value: 'Deposit', label: 'Deposit' },
  { value: 'Payment', label: 'Payment' },
  { value: 'Customer', label: 'Customer (list record)' },
  { value: 'Class', label: 'Class (list record)' },
];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Every export, newest first: searchable, filterable, and smooth at 100,000 rows (virtualized, paged by the core). */
export function HistoryScreen() {
  const { param, go } = useRoute();
  const stores = useRequest('stores:get', {});
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [entity, setEntity] = useState('');
  const [store, setStore] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const search = useDebounced(text.trim(), 250);
  const filter = useMemo<HistoryFilter>(() => {
    const f: HistoryFilter = {};
    if (search) f.text = search;
    if (status) f.status = status as JobStatus;
    if (entity) f.entity = entity;
    if (store) f.store = Number(store);
    if (dateFrom) f.dateFrom = dateFrom;
    if (dateTo) f.dateTo = dateTo;
    return f;
  }, [search, status, entity, store, dateFrom, dateTo]);
  const history = usePagedHistory(filter);
  const count = history.total ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits inside the scroller, above the rows.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const [active, setActive] = useState(0);
  const openJob = param ? Number(param) : null;

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count) history.ensure(first, last);
  }, [first, last, count, history.ensure]);
  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [filter, virtualizer]);

  const refreshVisible = useCallback(() => {
    const pages = [];
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) pages.push(p);
    history.refresh(pages);
  }, [first, last, history]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!count) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(count - 1, Math.max(0, active + moves[e.key]!));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (e.key === 'Enter' || e.key === ' ') {
      const row = history.rowAt(active);
      if (row) {
        e.preventDefault();
        go('history', String(row.jobId));
      }
    }
  };

  return (
    <section className="screen history" aria-labelledby="history-title">
      <div className="screen-head">
        <h1 id="history-title" tabIndex={-1}>
          History
        </h1>
        <span className="muted" role="status" data-testid="history-total">
          {history.total == null ? 'Loading…' : `${count.toLocaleString('en-US')} ${count === 1 ? 'export' : 'exports'}`}
          {history.searchedNewest != null
            ? ` in the newest ${history.searchedNewest.toLocaleString('en-US')} (type 3 or more characters to search them all)`
            : null}
        </span>
      </div>
      <div className="filters" role="search" aria-label="Filter history">
        <label className="grow">
          Search
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Store name, a day (Nov 30), an amount ($4,339.81), a document number…"
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">Any</option>
            {ENTITIES.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Store
          <select value={store} onChange={(e) => setStore(e.target.value)}>
            <option value="">All</option>
            {(stores.data?.stores ?? []).map((s) => (
              <option key={s.store} value={String(s.store)}>
                {s.name ? `Store ${s.store} · ${s.name}` : `Store ${s.store}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
        </label>
      </div>
      {history.error ? <Notice kind="error">{history.error}</Notice> : null}
      <p className="muted small" id="history-help">
        Use the arrow keys, Page Up and Page Down to move through the list; Enter opens the export.
      </p>
      <div
        className="vgrid"
        role="grid"
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKey}
        aria-label="Export history, newest first"
        aria-rowcount={count + 1}
        aria-colcount={8}
        aria-describedby="history-help"
        aria-activedescendant={count && history.rowAt(active) ? `hist-row-${active}` : undefined}
      >
        <div role="rowgroup" className="vgrid-head" style={{ height: HEAD_HEIGHT }}>
          <div role="row" aria-rowindex={1} className="vgrid-row">
            <span role="columnheader">#</span>
            <span role="columnheader">Business day</span>
            <span role="columnheader">Store</span>
            <span role="columnheader">What</span>
            <span role="columnheader">Doc no.</span>
            <span role="columnheader" className="num">
              Entry debits
            </span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Updated</span>
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = history.rowAt(item.index);
            return (
              <div
                key={item.key}
                id={`hist-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === active}
                className={`vgrid-row${item.index === active ? ' active' : ''}${row?.status === 'failed' ? ' failed' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}
                onClick={() => {
                  setActive(item.index);
                  if (row) go('history', String(row.jobId));
                }}
              >
                {row ? (
                  <>
                    <span role="gridcell" className="mono muted">
                      {row.jobId}
                    </span>
                    <span role="gridcell">{day(row.businessDate)}</span>
                    <span role="gridcell">{row.store ?? '—'}</span>
                    <span role="gridcell" className="truncate" title={row.error?.message ?? row.title}>
                      {row.title}
                      {row.error ? <span className="error-text small"> · {row.error.message}</span> : null}
                    </span>
                    <span role="gridcell" className="mono">
                      {row.docNumber ?? ''}
                    </span>
                    <span role="gridcell" className="num">
                      {money(row.amountCents)}
                    </span>
                    <span role="gridcell">
                      <StatusPill status={row.status} />
                    </span>
                    <span role="gridcell" className="muted small">
                      {when(row.updatedAt)}
                    </span>
                  </>
                ) : (
                  <span role="gridcell" className="muted">
                    Loading…
                  </span>
                )}
              </div>
            );
          })}
        </div>
        {history.total === 0 ? <p className="muted empty">No exports match.</p> : null}
      </div>
      {openJob ? (
        <HistoryDetailDialog
          jobId={openJob}
          onClose={() => {
            go('history');
            scroller.current?.focus();
          }}
          onChanged={refreshVisible}
        />
      ) : null}
    </section>
  );
}
