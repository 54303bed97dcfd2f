/** A labelled progress bar with its numbers in words (a bar alone says nothing to a screen reader). */
export function Progress({ label, done, total, detail }: { label: string; done: number; total: number; detail?: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress-block">
      <div className="progress-head">
        <span>{label}</span>
        <span className="muted">
          {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')} · {pct}%
        </span>
      </div>
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />
      {detail ? <p className="muted small">{detail}</p> : null}
    </div>
  );
}
