/**
 * QBO prints times in the company's time zone with an explicit offset ("2026-03-14T10:22:01-07:00").
 * The practice company lives on a fixed UTC-08:00 so output is stable regardless of the host zone.
 */
const OFFSET_MINUTES = -8 * 60;

function shifted(ms: number): string {
  return new Date(ms + OFFSET_MINUTES * 60_000).toISOString();
}

/** MetaData timestamps: seconds precision. */
export function qboDateTime(ms: number): string {
  return `${shifted(ms).slice(0, 19)}-08:00`;
}

/** The "time" field of every response: milliseconds precision. */
export function qboResponseTime(ms: number): string {
  return `${shifted(ms).slice(0, 23)}-08:00`;
}

/** Today's date in the company's zone (default TxnDate). */
export function qboDate(ms: number): string {
  return shifted(ms).slice(0, 10);
}
