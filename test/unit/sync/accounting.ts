/**
 * An independent, deliberately plain statement of what each POR document does to the books, for the tests
 * to compare the planner against (it shares no code with main/core/sync).
 */
import type { PorDocument } from '../../../main/core/por/model';
import type { ExportJob } from '../../../main/core/sync/modes/export-job';

export type Nets = Map<string, number>;

function add(m: Nets, store: number, account: string, amount: number): void {
  const k = `${store}|${account}`;
  m.set(k, (m.get(k) ?? 0) + amount);
}

/** Net (debit - credit) per store and POR account. `ar` is the A/R account used by payments and credit memos. */
export function expectedNets(docs: readonly PorDocument[], ar = '1200', skip: (d: PorDocument) => boolean = () => false): Nets {
  const m: Nets = new Map();
  for (const d of docs) {
    if (skip(d) || d.store === null) continue;
    const s = d.store;
    switch (d.type) {
      case 'invoice': {
        let paid = 0;
        for (const l of d.lines) add(m, s, l.account, -l.amount);
        for (const t of d.taxes) add(m, s, t.account, -t.amount);
        for (const p of d.paidAtClose) {
          add(m, s, p.account, p.amount);
          paid += p.amount;
        }
        add(m, s, d.arAccount, d.total - paid);
        break;
      }
      case 'payment':
        add(m, s, d.account, d.amount);
        add(m, s, ar, -d.amount);
        break;
      case 'creditMemo':
        for (const l of d.lines ?? []) add(m, s, l.account, l.amount);
        add(m, s, ar, -d.amount);
        break;
      case 'deposit':
        for (const l of d.lines) {
          add(m, s, d.bankAccount, l.amount);
          add(m, s, l.account, -l.amount);
        }
        break;
      case 'eodBatch':
      case 'glJournal':
        for (const l of d.lines) add(m, s, l.account, l.amount);
        break;
      case 'storeDayClosed':
        break;
    }
  }
  return dropZeros(m);
}

/** Net per store and POR account over what the jobs will post. */
export function jobNets(jobs: Iterable<ExportJob>): Nets {
  const m: Nets = new Map();
  for (const j of jobs) for (const l of j.preview) add(m, l.store, l.porAccount, l.debit - l.credit);
  return dropZeros(m);
}

export function dropZeros(m: Nets): Nets {
  return new Map([...m].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function postingJobs(jobs: readonly ExportJob[]): ExportJob[] {
  return jobs.filter((j) => j.path !== 'ensure');
}

/** Net per store, day (TxnDate) and POR account. */
export function jobNetsByDay(jobs: Iterable<ExportJob>): Nets {
  const m: Nets = new Map();
  for (const j of jobs)
    for (const l of j.preview) {
      const k = `${l.store}|${j.txnDate}|${l.porAccount}`;
      m.set(k, (m.get(k) ?? 0) + l.debit - l.credit);
    }
  return dropZeros(m);
}

export function sumNets(...all: Nets[]): Nets {
  const m: Nets = new Map();
  for (const n of all) for (const [k, v] of n) m.set(k, (m.get(k) ?? 0) + v);
  return dropZeros(m);
}

/** What the ledger would remember after these jobs posted. */
export function sentBy(jobs: Iterable<ExportJob>, into: Map<string, number> = new Map()): Map<string, number> {
  for (const j of jobs) for (const c of j.covers) into.set(c.key, c.revision);
  return into;
}
