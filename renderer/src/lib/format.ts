/** Formatting happens only here, at the edge: the core speaks integer cents and ISO dates. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function money(cents: number): string {
  return usd.format(cents / 100);
}

/** Blank for zero: accounting tables read better with empty debit or credit cells. */
export function moneyOrBlank(cents: number): string {
  return cents === 0 ? '' : money(cents);
}

const dayFormat = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? iso : dayFormat.format(t);
}

const whenFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : whenFormat.format(t);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function storeLabel(store: number | null | undefined, name?: string | null): string {
  if (store == null) return 'All stores';
  return name ? `Store ${store} · ${name}` : `Store ${store}`;
}

export const ENV_NAMES = { practice: 'Practice', sandbox: 'Sandbox', production: 'Production' } as const;

/** Today in the local calendar as YYYY-MM-DD (date inputs speak local days). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
