import { useCallback, useRef, useState } from 'react';
import type { ExportProgress, ExportScope } from '../../../preload/contract';
import { invoke, useEvent } from '../bridge/hooks';

/** Starts a post and follows its export:progress events until it finishes. */
export function useExportRun() {
  const [runId, setRunId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Events can arrive before exports:post returns the run id: keep the latest per run.
  const seen = useRef(new Map<string, ExportProgress>());
  const current = useRef<string | null>(null);
  const onProgress = useCallback((p: ExportProgress) => {
    seen.current.set(p.runId, p);
    if (current.current === p.runId) setProgress(p);
  }, []);
  useEvent('export:progress', onProgress);
  const start = useCallback(async (scope: ExportScope) => {
    setError(null);
    setProgress(null);
    try {
      const run = await invoke('exports:post', { scope, confirmed: true });
      current.current = run.runId;
      setRunId(run.runId);
      setProgress(
        seen.current.get(run.runId) ?? {
          runId: run.runId,
          label: 'Posting to QuickBooks',
          done: 0,
          total: run.total,
          posted: 0,
          failed: 0,
          finished: run.total === 0,
          message: run.total === 0 ? 'Nothing new to post.' : 'Starting…',
        },
      );
      return run;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return null;
    }
  }, []);
  const reset = useCallback(() => {
    current.current = null;
    setRunId(null);
    setProgress(null);
    setError(null);
  }, []);
  return { runId, progress, error, start, reset, running: !!progress && !progress.finished };
}
