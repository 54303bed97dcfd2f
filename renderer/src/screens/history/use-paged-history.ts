import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryQuery, HistoryRow } from '../../../../preload/contract';
import { invoke } from '../../bridge/hooks';

export const PAGE_SIZE = 200;
export type HistoryFilter = Omit<HistoryQuery, 'offset' | 'limit'>;

/**
 * Rows of a server-side filtered list, fetched a page at a time as they scroll into view. The renderer
 * holds only the pages it has seen for the current filter; a new filter starts over.
 */
export function usePagedHistory(filter: HistoryFilter) {
  const key = JSON.stringify(filter);
  const [total, setTotal] = useState<number | null>(null);
  const [searchedNewest, setSearchedNewest] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const pages = useRef(new Map<number, HistoryRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const gen = generation.current;
      try {
        const result = await invoke('history:list', { ...(JSON.parse(key) as HistoryFilter), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (gen !== generation.current) return; // the filter changed meanwhile
        pages.current.set(page, result.rows);
        setTotal(result.total);
        setSearchedNewest(result.searchedNewest ?? null);
        setError(null);
        setVersion((v) => v + 1);
      } catch (err) {
        if (gen === generation.current) setError(err instanceof Error ? err.message : String(err));
      } finally {
        pending.current.delete(page);
      }
    },
    [key],
  );

  const reset = useCallback(() => {
    generation.current++;
    pages.current = new Map();
    pending.current = new Set();
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    reset();
    setTotal(null);
    setSearchedNewest(null);
    void fetchPage(0);
  }, [key, reset, fetchPage]);

  /** Reload what is on screen (after a retry or undo), keeping the scroll position. */
  const refresh = useCallback(
    (visiblePages: number[]) => {
      reset();
      for (const p of new Set([0, ...visiblePages])) void fetchPage(p);
    },
    [reset, fetchPage],
  );

  const rowAt = useCallback((index: number): HistoryRow | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const ensure = useCallback(
    (start: number, end: number) => {
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) void fetchPage(p);
    },
    [fetchPage],
  );

  return { total, searchedNewest, error, rowAt, ensure, refresh, version };
}
