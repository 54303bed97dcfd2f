/**
 * The one declaration of what an export job can be and where it can stand. No imports: the preload's
 * schemas (bundled for the browser) take their enums from here, so this file must stay plain data.
 */

/** Every state an outbox row can be in (the outbox table's CHECK lists the same). */
export const JOB_STATUSES = ['queued', 'inFlight', 'posted', 'failed', 'held', 'cancelled', 'undone'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** States whose parts count as sent: planning never plans them again (only a cancelled job gives its parts back). */
export const LIVE_JOB_STATUSES = ['queued', 'inFlight', 'posted', 'failed', 'held', 'undone'] as const satisfies readonly JobStatus[];
/** States of jobs that never reached QuickBooks and can simply be replaced. */
export const UNSENT_JOB_STATUSES = ['queued', 'failed', 'held'] as const satisfies readonly JobStatus[];

/** Transactions a store-day is posted as. */
export const POSTING_KINDS = ['JournalEntry', 'Invoice', 'CreditMemo', 'Payment'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** List entries the postings refer to, found or created once per environment. */
export const ENSURE_KINDS = ['Class', 'Customer', 'Item'] as const;
export type EnsureKind = (typeof ENSURE_KINDS)[number];

/** How far a store-day's postings got, as the manual-export screen shows it. */
export const STORE_DAY_STATES = ['not-exported', 'queued', 'posted', 'failed', 'held', 'partial', 'undone'] as const;
export type StoreDayState = (typeof STORE_DAY_STATES)[number];
