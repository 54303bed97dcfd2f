/**
 * The POR side of reconciliation: debits, credits and net per store, day (the QBO TxnDate) and POR account,
 * computed from the very jobs the planner builds, so they are netted exactly as the payloads are. Compare
 * `net` with QBO: it is the same whatever the grouping (per invoice in real time, per day in the batch).
 * `debits`/`credits` match QBO's too when the jobs were posted as planned.
 */
import type { Cents } from '../../money';
import type { IsoDate } from '../../por/model';
import type { ExportJob } from '../modes/export-job';
import { cmp } from '../modes/netting';
import { planExports } from './plan-exports';
import type { HeldItem, NotExportedItem, PlanInput } from './plan-types';

export interface AccountTotalRow {
  store: number;
  /** The date the QBO transaction carries. */
  date: IsoDate;
  porAccount: string;
  debits: Cents;
  credits: Cents;
  /** debits - credits. */
  net: Cents;
}

/** Per-account totals of some jobs (e.g. the posted ones), summed per store, date and account. */
export function sumJobTotals(jobs: Iterable<ExportJob>): AccountTotalRow[] {
  const rows = new Map<string, AccountTotalRow>();
  for (const job of jobs) {
    if (job.txnDate === null) continue;
    for (const l of job.preview) {
      const key = `${l.store}\u0000${job.txnDate}\u0000${l.porAccount}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { store: l.store, date: job.txnDate, porAccount: l.porAccount, debits: 0, credits: 0, net: 0 }));
      row.debits += l.debit;
      row.credits += l.credit;
      row.net += l.debit - l.credit;
    }
  }
  return [...rows.values()].sort((a, b) => a.store - b.store || cmp(a.date, b.date) || cmp(a.porAccount, b.porAccount));
}

export interface PorTotals {
  rows: AccountTotalRow[];
  /** Documents not in the totals, with why (invalid, store off, day not closed...). */
  notCounted: HeldItem[];
  /** Left out by the mode on purpose (transaction-mode counter payments). */
  notExported: NotExportedItem[];
}

/**
 * What QBO should hold for these documents in this mode: every document planned as if nothing had been
 * sent yet. Days not closed are left out (their batch is not due), as are held documents.
 */
export function porAccountTotals(input: Omit<PlanInput, 'alreadySent'>): PorTotals {
  const plan = planExports({ ...input, alreadySent: new Map() });
  return { rows: sumJobTotals(plan.jobs), notCounted: plan.held, notExported: plan.notExported };
}
