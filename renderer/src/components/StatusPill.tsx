const TEXT: Record<string, string> = {
  queued: 'Waiting',
  inFlight: 'Sending',
  posted: 'Posted',
  failed: 'Failed',
  held: 'Held',
  cancelled: 'Cancelled',
  undone: 'Undone',
  'not-exported': 'Not exported',
  partial: 'Partly exported',
  match: 'Matches',
  difference: 'Difference',
  pass: 'Done',
  fail: 'Not yet',
  pending: 'Waiting',
  new: 'New',
  exists: 'In QuickBooks',
  missing: 'Missing',
  inactive: 'Inactive',
  unchecked: 'Not checked',
  unset: 'Not set',
  mapped: 'Mapped',
  unmapped: 'Not mapped',
};

const TONE: Record<string, 'ok' | 'warn' | 'err' | 'neutral' | 'info'> = {
  posted: 'ok',
  match: 'ok',
  pass: 'ok',
  exists: 'ok',
  mapped: 'ok',
  failed: 'err',
  difference: 'err',
  fail: 'err',
  missing: 'err',
  unmapped: 'err',
  inactive: 'warn',
  held: 'warn',
  partial: 'warn',
  queued: 'info',
  inFlight: 'info',
  new: 'info',
};

/** A status word with a colour; the word carries the meaning, the colour only helps. */
export function StatusPill({ status, label }: { status: string; label?: string }) {
  return <span className={`pill pill-${TONE[status] ?? 'neutral'}`}>{label ?? TEXT[status] ?? status}</span>;
}
