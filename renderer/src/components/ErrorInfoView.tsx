import type { ErrorInfo } from '../../../preload/contract';

/** An error as people need it: what happened, what to do, and the ids support asks for. */
export function ErrorInfoView({ error, compact = false }: { error: ErrorInfo; compact?: boolean }) {
  return (
    <div className={`error-info${compact ? ' compact' : ''}`}>
      <p className="error-message">{error.message}</p>
      {error.fix ? (
        <p className="error-fix">
          <strong>What to do: </strong>
          {error.fix}
        </p>
      ) : null}
      {error.code || error.intuitTid ? (
        <p className="error-ids">
          {error.code ? <span>Code {error.code}</span> : null}
          {error.intuitTid ? <span>intuit_tid {error.intuitTid}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
