import type { ErrorInfo } from '../../../preload/contract';

/** An error as people need it: what happened and what to do; the ids support asks for behind Details. */
export function ErrorInfoView({ error, compact = false }: { error: ErrorInfo; compact?: boolean }) {
  // A fix that only repeats the cause says nothing new.
  const fix = error.fix && !error.message.includes(error.fix.trim()) ? error.fix : null;
  return (
    <div className={`error-info${compact ? ' compact' : ''}`}>
      <p className="error-message">{error.message}</p>
      {fix ? (
        <p className="error-fix">
          <strong>What to do: </strong>
          {fix}
        </p>
      ) : null}
      {error.code || error.intuitTid ? (
        <details className="details-toggle">
          <summary>Details for support</summary>
          <p className="error-ids">
            {error.code ? <span>QuickBooks code {error.code}</span> : null}
            {error.intuitTid ? <span>Intuit transaction id {error.intuitTid}</span> : null}
          </p>
        </details>
      ) : null}
    </div>
  );
}
